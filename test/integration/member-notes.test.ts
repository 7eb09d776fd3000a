/**
 * Private notes (issue 19) through the web routes, against the demo: a member keeps a note on an agenda
 * item and on a document of the planned meeting; only they see it — not another member of the board, not
 * the secretary, not an administrator, and not in the audit log's text. A § of another meeting is refused,
 * and saving empty text deletes the note.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo, type DemoResult } from '../../src/demo/seed-demo.ts';
import { startSession } from '../../src/services/accounts.service.ts';
import { attachDocument } from '../../src/services/meeting-cycle.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { openTestDatabase } from '../support/databases.ts';

const TODAY = '2026-03-16';
const ITEM_NOTE = 'Fråga om kostnaden för Hästhagen – Tranbär';
const DOCUMENT_NOTE = 'Sidan 3: siffrorna stämmer inte – Blåbär';
let handle: DatabaseHandle;
let app: FastifyInstance;
let demo: DemoResult;
type Web = { cookie: string; csrf: string };
let member: Web;
let otherMember: Web;
let secretary: Web;
let administrator: Web;
let paragraphId: string;
let fileId: string;

async function webOf(email: string): Promise<Web> {
  const [user] = await queryRows<{ id: string }>(handle.db, sql`select id from users where email = ${email}`);
  const session = await startSession(handle.db, { userId: user!.id });
  return { cookie: `protokoll_session=${encodeURIComponent(session.token)}; pk_csrf=${session.csrfToken}`, csrf: session.csrfToken };
}

const get = (who: Web, url: string) => app.inject({ url, headers: { cookie: who.cookie } });
const post = (who: Web, url: string, fields: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: who.csrf }).toString() });

const mine = () => `/mina-sammantraden/${demo.plannedMeetingId}`;

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  demo = await seedDemo(handle, { today: TODAY });
  app = await buildApp({ database: handle, today: () => TODAY, publicUrl: 'https://protokoll.example.se' });
  const account = (what: string) => demo.accounts.find((a) => a.what === what)!;
  member = await webOf(account('ledamot').email);
  otherMember = await webOf(account('ordförande (signerar)').email);
  secretary = await webOf(account('sekreterare i förbundsdirektionen').email);
  administrator = await webOf(account('administratör').email);
  const [paragraph] = await queryRows<{ id: string }>(handle.db, sql`select id from paragraphs where meeting_id = ${demo.plannedMeetingId} and agenda_kind is null order by position limit 1`);
  paragraphId = paragraph!.id;
  const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF');
  ({ fileId } = await attachDocument(handle, paragraphId, { title: 'Tjänsteskrivelse', bytes: pdf, contentType: 'application/pdf' }));
}, 120_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('a member’s private notes', () => {
  it('are saved on an item and a document, and shown to their author only', async () => {
    const page = (await get(member, mine())).body;
    expect(page).toContain(`id="anteckning-${paragraphId}"`);
    expect(page).toContain(`id="anteckning-fil-${fileId}"`);
    expect(page).toContain('Min anteckning');
    expect(page).toContain('Bara du ser den');

    const saved = await post(member, `${mine()}/anteckningar`, { paragraphId, text: ITEM_NOTE });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${mine()}?anteckning=sparad&vid=anteckning-${paragraphId}#anteckning-${paragraphId}`);
    expect((await post(member, `${mine()}/anteckningar`, { fileId, text: DOCUMENT_NOTE })).statusCode).toBe(303);
    // Saving again replaces the note rather than adding one.
    expect((await post(member, `${mine()}/anteckningar`, { paragraphId, text: `${ITEM_NOTE}!` })).statusCode).toBe(303);

    const after = (await get(member, `${mine()}?anteckning=sparad&vid=anteckning-${paragraphId}`)).body;
    expect(after).toContain('Din anteckning är sparad.');
    expect(after).toContain(`${ITEM_NOTE}!</textarea>`);
    expect(after).toContain(`${DOCUMENT_NOTE}</textarea>`);
    const [count] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from member_notes`);
    expect(count!.n).toBe(2);

    for (const other of [otherMember, secretary, administrator]) {
      const theirs = await get(other, mine());
      expect(theirs.statusCode).toBe(200);
      expect(theirs.body).not.toContain('Tranbär');
      expect(theirs.body).not.toContain('Blåbär');
    }
    // The audit log names the note by ids; its text is never there.
    const audit = await queryRows<{ data: unknown }>(handle.db, sql`select data from audit_events where kind like 'member_note.%'`);
    expect(audit.length).toBe(3);
    expect(JSON.stringify(audit)).not.toMatch(/Tranbär|Blåbär/u);
    const anywhere = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_events where data::text like '%Tranbär%' or data::text like '%Blåbär%'`);
    expect(anywhere[0]!.n).toBe(0);
  });

  it('another member of the board keeps their own note at the same place, each seeing only their own', async () => {
    expect((await post(otherMember, `${mine()}/anteckningar`, { paragraphId, text: 'Ordförandens egen – Lingon' })).statusCode).toBe(303);
    expect((await get(otherMember, mine())).body).toContain('Lingon');
    const own = (await get(member, mine())).body;
    expect(own).not.toContain('Lingon');
    expect(own).toContain('Tranbär');
  });

  it('refuses a § or document of another meeting, and a note that is too long', async () => {
    const [foreign] = await queryRows<{ id: string }>(handle.db, sql`select id from paragraphs where meeting_id = ${demo.awaitingSignatureMeetingId} limit 1`);
    expect((await post(member, `${mine()}/anteckningar`, { paragraphId: foreign!.id, text: 'fel möte' })).statusCode).toBe(404);
    expect((await post(member, `${mine()}/anteckningar`, { fileId: '00000000-0000-4000-8000-000000000000', text: 'fel fil' })).statusCode).toBe(404);
    expect((await post(member, `${mine()}/anteckningar`, { paragraphId: 'inte-ett-id', text: 'x' })).statusCode).toBe(404);
    expect((await post(member, `${mine()}/anteckningar`, { paragraphId, text: 'x'.repeat(10_001) })).statusCode).toBe(400);
    const [count] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from member_notes where text in ('fel möte', 'fel fil', 'x')`);
    expect(count!.n).toBe(0);
  });

  it('are deleted by saving empty text', async () => {
    const deleted = await post(member, `${mine()}/anteckningar`, { paragraphId, text: '   ' });
    expect(deleted.headers.location).toBe(`${mine()}?anteckning=borttagen&vid=anteckning-${paragraphId}#anteckning-${paragraphId}`);
    const page = (await get(member, `${mine()}?anteckning=borttagen&vid=anteckning-${paragraphId}`)).body;
    expect(page).toContain('Din anteckning är borttagen.');
    expect(page).not.toContain('Tranbär');
    expect(page).toContain('Blåbär');
    const [user] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from member_notes n join users u on u.id = n.user_id where u.email = ${demo.accounts.find((a) => a.what === 'ledamot')!.email}`);
    expect(user!.n).toBe(1);
  });
});
