import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo, type DemoResult } from '../../src/demo/seed-demo.ts';
import { startSession } from '../../src/services/accounts.service.ts';
import { OutboxWorker, createMailTransport } from '../../src/services/mail/index.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { buildUser } from '../support/accounts.ts';
import { openTestDatabase } from '../support/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const TODAY = '2026-03-16';
let handle: DatabaseHandle;
let app: FastifyInstance;
let demo: DemoResult;
let smtp: TestSmtpServer;
const headers: Record<'member' | 'secretary' | 'admin' | 'otherSecretary', { authorization: string }> = {} as never;
let memberPersonId: string;

async function headersOf(email: string): Promise<{ authorization: string }> {
  const [user] = await queryRows<{ id: string }>(handle.db, sql`select id from users where email = ${email}`);
  const { token } = await startSession(handle.db, { userId: user!.id });
  return { authorization: `Bearer ${token}` };
}

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  demo = await seedDemo(handle, { today: TODAY });
  app = await buildApp({ database: handle, today: () => TODAY, publicUrl: 'https://protokoll.example.se' });
  smtp = await startSmtpServer();
  const account = (what: string) => demo.accounts.find((a) => a.what === what)!;
  headers.member = await headersOf(account('ledamot').email);
  headers.secretary = await headersOf(account('sekreterare i förbundsdirektionen').email);
  headers.admin = await headersOf(account('administratör').email);
  const [other] = await queryRows<{ id: string }>(handle.db, sql`insert into organizations (name, organization_type) values ('Annat förbund', 'samordningsforbund') returning id`);
  headers.otherSecretary = (await buildUser(handle.db, { name: 'Sekreterare Annat', roles: [{ role: 'secretary', organizationId: other!.id }] })).headers;
  const [person] = await queryRows<{ person_id: string }>(handle.db, sql`select person_id from users where email = ${account('ledamot').email}`);
  memberPersonId = person!.person_id;
}, 120_000);
afterAll(async () => {
  await app.close();
  await smtp.close();
  await handle.close();
});

const url = () => `/api/meetings/${demo.plannedMeetingId}`;

describe('anmäl förhinder', () => {
  it('a member reports that they cannot come, once, and only the secretary of the body sees the list', async () => {
    const first = await app.inject({ method: 'POST', url: `${url()}/absence`, headers: headers.member, payload: { note: 'Tjänsteresa' } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ created: true });
    expect((await app.inject({ method: 'POST', url: `${url()}/absence`, headers: headers.member, payload: {} })).json()).toEqual({ created: false });

    expect((await app.inject({ url: `${url()}/absence`, headers: headers.member })).statusCode).toBe(403);
    expect((await app.inject({ url: `${url()}/absence`, headers: headers.otherSecretary })).statusCode).toBe(403);
    expect((await app.inject({ url: `${url()}/absence` })).statusCode).toBe(401);
    // Someone else's absence, reported by a secretary of another organisation: the meeting does not exist for them.
    const foreign = await app.inject({ method: 'POST', url: `${url()}/absence`, headers: headers.otherSecretary, payload: { personId: memberPersonId } });
    expect([400, 404]).toContain(foreign.statusCode);
  });

  it("shows the secretary the absent member and the substitute to call in the body's order, and calls them by e-mail", async () => {
    const overview = await app.inject({ url: `${url()}/absence`, headers: headers.secretary });
    expect(overview.statusCode).toBe(200);
    const body = overview.json() as { absent: { personId: string; note: string }[]; toCall: { forPersonId: string; substitute: { personId: string; party: string | null; rank: number | null } | null }[] };
    expect(body.absent).toEqual([expect.objectContaining({ personId: memberPersonId, note: 'Tjänsteresa', channel: 'web' })]);
    const [call] = body.toCall;
    expect(call?.forPersonId).toBe(memberPersonId);
    expect(call?.substitute).not.toBeNull();
    // The first substitute of the member's own party by rank, when the party has one (reglemente: party, then order).
    const [member] = await queryRows<{ party: string | null }>(handle.db, sql`select party from mandates where person_id = ${memberPersonId} and body_id = ${demo.boardId}`);
    const sameParty = await queryRows<{ person_id: string }>(
      handle.db,
      sql`select person_id from mandates where body_id = ${demo.boardId} and role = 'substitute' and party is not distinct from ${member!.party} order by substitute_rank nulls last limit 1`,
    );
    const anyParty = await queryRows<{ person_id: string }>(handle.db, sql`select person_id from mandates where body_id = ${demo.boardId} and role = 'substitute' order by substitute_rank nulls last limit 1`);
    expect(call?.substitute?.personId).toBe((sameParty[0] ?? anyParty[0])!.person_id);

    const called = await app.inject({ method: 'POST', url: `${url()}/substitute-calls`, headers: headers.secretary, payload: { substitutePersonId: call!.substitute!.personId, forPersonId: memberPersonId } });
    expect(called.statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: `${url()}/substitute-calls`, headers: headers.secretary, payload: { substitutePersonId: call!.substitute!.personId, forPersonId: memberPersonId } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'substitute_already_called' } });

    const transport = createMailTransport({ smtpUrl: smtp.url, from: 'Protokoll <protokoll@protokoll.example.se>', folder: '/nonexistent' });
    await new OutboxWorker(handle, transport).runOnce();
    transport.close();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toMatch(/^Inkallelse som ersättare: /u);
    expect(mail!.messageId).toBe((called.json() as { messageId: string }).messageId);

    const after = (await app.inject({ url: `${url()}/absence`, headers: headers.secretary })).json() as { toCall: unknown[]; called: { personId: string; status: string }[] };
    expect(after.toCall).toEqual([]);
    expect(after.called).toEqual([expect.objectContaining({ personId: call!.substitute!.personId, status: 'sent' })]);
  });

  it('refuses a call for someone who is not a substitute, naming the field', async () => {
    const response = await app.inject({ method: 'POST', url: `${url()}/substitute-calls`, headers: headers.secretary, payload: { substitutePersonId: memberPersonId, forPersonId: memberPersonId } });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('substitutePersonId');
  });

  it('the member takes the absence back; an account with no person in the registers is told what to do', async () => {
    const withdrawn = await app.inject({ method: 'DELETE', url: `${url()}/absence`, headers: headers.member });
    expect(withdrawn.json()).toEqual({ withdrawn: true });
    const noPerson = await app.inject({ method: 'POST', url: `${url()}/absence`, headers: headers.admin, payload: {} });
    expect(noPerson.statusCode).toBe(400);
    expect(noPerson.json()).toMatchObject({ error: { code: 'person_required' } });
    const audit = await queryRows<{ kind: string }>(handle.db, sql`select kind from audit_events where entity_id = ${demo.plannedMeetingId} and kind like 'absence.%' order by at`);
    expect(audit.map((a) => a.kind)).toEqual(['absence.reported', 'absence.substitute_called', 'absence.withdrawn']);
  });
});
