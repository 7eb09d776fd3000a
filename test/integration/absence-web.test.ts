/**
 * Anmäl förhinder and the kallelse on the web pages (the forms a member and the secretary use), against
 * the demo: a member reports absence from their view of the meeting; the secretary sees it with the next
 * substitute, calls them (a mail in the outbox) and finds the roll-call filled in from it; the kallelse
 * package merges the kallelse with the PDF documents and names the others; PDFs open inline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo, type DemoResult } from '../../src/demo/seed-demo.ts';
import { startSession } from '../../src/services/accounts.service.ts';
import { attachDocument } from '../../src/services/meeting-cycle.service.ts';
import { findFileById, queryRows, readStoredFile, type DatabaseHandle } from '../../src/storage/index.ts';
import { buildUser } from '../support/accounts.ts';
import { openTestDatabase } from '../support/databases.ts';

const TODAY = '2026-03-16';
/** One bookmark as `qpdf --json` gives it. */
interface Outline {
  title: string;
  destpageposfrom1: number;
  kids: Outline[];
}
let handle: DatabaseHandle;
let app: FastifyInstance;
let demo: DemoResult;
type Web = { cookie: string; csrf: string };
let member: Web;
let secretary: Web;
let outsider: Web;
let memberName: string;

async function webSession(userId: string): Promise<Web> {
  const session = await startSession(handle.db, { userId });
  return { cookie: `protokoll_session=${encodeURIComponent(session.token)}; pk_csrf=${session.csrfToken}`, csrf: session.csrfToken };
}

async function webOf(email: string): Promise<Web> {
  const [user] = await queryRows<{ id: string }>(handle.db, sql`select id from users where email = ${email}`);
  return webSession(user!.id);
}

const get = (who: Web | null, url: string) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });
const post = (who: Web, url: string, fields: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: who.csrf }).toString() });

/** The value attributes of the hidden fields of the first form posting to `action`. */
function hiddenFields(page: string, action: string): Record<string, string> {
  const form = page.slice(page.indexOf(`action="${action}"`));
  const fields: Record<string, string> = {};
  for (const match of form.slice(0, form.indexOf('</form>')).matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/gu)) fields[match[1]!] = match[2]!;
  return fields;
}

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  demo = await seedDemo(handle, { today: TODAY });
  app = await buildApp({ database: handle, today: () => TODAY, publicUrl: 'https://protokoll.example.se' });
  const account = (what: string) => demo.accounts.find((a) => a.what === what)!;
  member = await webOf(account('ledamot').email);
  memberName = account('ledamot').name;
  secretary = await webOf(account('sekreterare i förbundsdirektionen').email);
  const [other] = await queryRows<{ id: string }>(handle.db, sql`insert into organizations (name, organization_type) values ('Annat förbund', 'samordningsforbund') returning id`);
  outsider = await webSession((await buildUser(handle.db, { name: 'Sekreterare Annat', roles: [{ role: 'secretary', organizationId: other!.id }] })).userId);
}, 120_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

const mine = () => `/mina-sammantraden/${demo.plannedMeetingId}`;
const secretarys = () => `/arbetsyta/sammantraden/${demo.plannedMeetingId}`;

describe('anmäl förhinder on the web', () => {
  it('the kallelse mail’s link leads a signed-out member to sign in and back to the form', async () => {
    const signedOut = await get(null, `${mine()}`);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/logga-in?tillbaka=${encodeURIComponent(mine())}`);
    const page = (await get(member, mine())).body;
    expect(page).toContain('id="forhinder"');
    expect(page).toContain('Anmäl förhinder');
    expect(page).toContain(`href="${mine()}/kallelse.pdf"`);
  });

  it('a member reports absence; the secretary sees it with the next substitute in order, calls them, and the roll-call is filled in', async () => {
    const reported = await post(member, `${mine()}/forhinder`, { note: 'Tjänsteresa till Luleå' });
    expect(reported.statusCode).toBe(303);
    expect(reported.headers.location).toBe(`${mine()}?forhinder=anmalt#forhinder`);
    const own = (await get(member, `${mine()}?forhinder=anmalt`)).body;
    expect(own).toContain('Ditt förhinder är anmält.');
    expect(own).toContain('Du har anmält förhinder');
    expect(own).toContain('Ta tillbaka: jag kan komma');
    // Another organisation's secretary cannot report for the meeting, nor see it.
    expect((await post(outsider, `${mine()}/forhinder`)).statusCode).toBe(404);

    const page = (await get(secretary, secretarys())).body;
    const panel = page.slice(page.indexOf('id="forhinder-rubrik"'), page.indexOf('id="utskick-rubrik"'));
    expect(panel).toContain(memberName);
    expect(panel).toContain('Tjänsteresa till Luleå');
    expect(panel).toContain('på webben');
    // The next substitute: the first by rank of the member's own party, if it has one, else the first by rank.
    const [next] = await queryRows<{ name: string; person_id: string }>(
      handle.db,
      sql`select p.name, s.person_id from mandates s join persons p on p.id = s.person_id, mandates m join persons mp on mp.id = m.person_id
          where s.body_id = ${demo.boardId} and s.role = 'substitute' and m.body_id = ${demo.boardId} and mp.name = ${memberName}
          order by (s.party is not distinct from m.party) desc, s.substitute_rank limit 1`,
    );
    const call = hiddenFields(page, `${secretarys()}/ersattare`);
    expect(call.substitutePersonId).toBe(next!.person_id);
    expect(panel).toContain(next!.name);

    const called = await post(secretary, `${secretarys()}/ersattare`, call);
    expect(called.statusCode).toBe(303);
    const [mail] = await queryRows<{ recipient_name: string; kind: string; status: string }>(handle.db, sql`select recipient_name, kind, status from outbox_messages where meeting_id = ${demo.plannedMeetingId} and kind = 'substitute_call'`);
    expect(mail).toEqual({ recipient_name: next!.name, kind: 'substitute_call', status: 'pending' });
    // Only the body's secretary may call one.
    expect((await post(member, `${secretarys()}/ersattare`, call)).statusCode).toBe(403);

    const after = (await get(secretary, `${secretarys()}?inkallad=1`)).body;
    expect(after).toContain('Ersättaren är inkallad.');
    expect(after).toContain('Inkallade ersättare');
    expect(after).toContain(`${next!.name} – i stället för ${memberName}`);
    expect(after).toContain('Inkallelse av ersättare');
    expect(after).toContain('Uppropet är ifyllt efter anmälningarna');
    const [memberId] = await queryRows<{ id: string }>(handle.db, sql`select id from persons where name = ${memberName}`);
    // The absent member is not ticked present; the substitute is, serving for the member.
    const presentBox = (personId: string) => new RegExp(`<input type="checkbox" name="present" value="${personId}"[^>]*>`, 'u').exec(after)![0];
    expect(presentBox(memberId!.id)).not.toContain(' checked');
    expect(presentBox(next!.person_id)).toContain(' checked');
    const select = after.slice(after.indexOf(`name="servingFor:${next!.person_id}"`));
    expect(select.slice(0, select.indexOf('</select>'))).toContain(`<option value="${memberId!.id}" selected>`);

    const withdrawn = await post(member, `${mine()}/forhinder/ta-tillbaka`);
    expect(withdrawn.headers.location).toBe(`${mine()}?forhinder=borttaget#forhinder`);
    expect((await get(member, mine())).body).not.toContain('Du har anmält förhinder');
  });

  it('a failed message is shown with its reason and can be put back in line by the secretary only', async () => {
    await handle.db.execute(sql`update outbox_messages set status = 'failed', attempts = 8, last_error = '550 no such mailbox here' where meeting_id = ${demo.plannedMeetingId} and kind = 'substitute_call'`);
    const page = (await get(secretary, secretarys())).body;
    expect(page).toContain('550 no such mailbox here');
    expect(page).toContain('1 med problem');
    const action = /action="(\/arbetsyta\/sammantraden\/[^"]+\/skicka-igen)"/u.exec(page)![1]!;
    expect((await post(member, action)).statusCode).toBe(403);
    expect((await post(outsider, action)).statusCode).toBe(403);
    const resent = await post(secretary, action);
    expect(resent.headers.location).toBe(`${secretarys()}?skickad=1#utskick`);
    const [row] = await queryRows<{ status: string }>(handle.db, sql`select status from outbox_messages where meeting_id = ${demo.plannedMeetingId} and kind = 'substitute_call'`);
    expect(row!.status).toBe('pending');
    // Once in line it cannot be put there twice.
    expect((await post(secretary, action)).statusCode).toBe(409);
  });
});

describe('the kallelse package and documents inline', () => {
  it('merges the kallelse with every PDF document in agenda order, names the others on a last page, and opens inline', async () => {
    const [first, second] = await queryRows<{ id: string }>(handle.db, sql`select id from paragraphs where meeting_id = ${demo.plannedMeetingId} order by position limit 2`);
    const twoPages = await PDFDocument.create();
    twoPages.addPage();
    twoPages.addPage();
    const pdf = await attachDocument(handle, first!.id, { title: 'Tjänsteskrivelse', bytes: await twoPages.save(), contentType: 'application/pdf', originalName: 'tjansteskrivelse.pdf' });
    await attachDocument(handle, second!.id, { title: 'Budgetunderlag i text', bytes: Buffer.from('Budget 2026\n'), contentType: 'text/plain', originalName: 'budget.txt' });

    const response = await get(member, `${mine()}/kallelse.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^inline;/u);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const merged = await PDFDocument.load(response.rawPayload);
    const [invitation] = await queryRows<{ file_id: string }>(handle.db, sql`select file_id from meeting_invitations where meeting_id = ${demo.plannedMeetingId} order by sent_at desc limit 1`);
    const noticePages = (await PDFDocument.load(readStoredFile(handle.filesDir, (await findFileById(handle.db, invitation!.file_id))!))).getPageCount();
    // The kallelse, the two pages of the PDF, and one page naming the text file.
    expect(merged.getPageCount()).toBe(noticePages + 2 + 1);
    expect(merged.getTitle()).toMatch(/^Kallelse Förbundsdirektionen /u);
    // Bookmarks: the kallelse, then every agenda item, the documents under their item (qpdf reads the outline).
    const folder = mkdtempSync(join(tmpdir(), 'kallelse-'));
    writeFileSync(join(folder, 'paket.pdf'), response.rawPayload);
    const outline = (JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', join(folder, 'paket.pdf')], { encoding: 'utf8' })) as { outlines: Outline[] }).outlines;
    rmSync(folder, { recursive: true });
    expect(outline[0]!.title).toBe('Kallelse');
    expect(outline[0]!.destpageposfrom1).toBe(1);
    const items = await queryRows<{ number: number | null; title: string }>(handle.db, sql`select number, title from paragraphs where meeting_id = ${demo.plannedMeetingId} order by position`);
    expect(outline.slice(1).map((o) => o.title)).toEqual(items.map((p) => `${p.number !== null ? `§ ${p.number} ` : ''}${p.title}`));
    const withDocument = outline.find((o) => o.kids.some((k) => k.title === 'Tjänsteskrivelse'))!;
    expect(withDocument.destpageposfrom1).toBe(noticePages + 1);
    expect(outline.find((o) => o.kids.some((k) => k.title === 'Budgetunderlag i text'))!.destpageposfrom1).toBe(noticePages + 3);

    // Nothing of it to someone outside the body, or signed out (who is sent to sign in).
    expect((await get(outsider, `${mine()}/kallelse.pdf`)).statusCode).toBe(404);
    expect((await get(null, `${mine()}/kallelse.pdf`)).headers.location).toMatch(/^\/logga-in/u);

    const document = await get(member, `/sammantraden/${demo.plannedMeetingId}/handlingar/${pdf.fileId}`);
    expect(document.headers['content-disposition']).toMatch(/^inline;/u);
    expect(document.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    const [text] = await queryRows<{ file_id: string }>(handle.db, sql`select file_id from paragraph_attachments where title = 'Budgetunderlag i text'`);
    const download = await get(member, `/sammantraden/${demo.plannedMeetingId}/handlingar/${text!.file_id}`);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/u);
    expect(download.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
