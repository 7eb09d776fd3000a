/**
 * Regression tests of the access defects found by probing the demo with a second organisation (issue 23):
 * a secretary of one organisation editing another's draft § through the web form, and an administrator
 * of one organisation reaching into another through the /admin forms.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { addAgendaItem, createBody, createOrganization, planMeeting } from '../../src/services/meeting-cycle.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';
import { openTestDatabase } from '../support/databases.ts';

let handle: DatabaseHandle;
let app: FastifyInstance;
const ids = { orgA: '', orgB: '', bodyA: '', bodyB: '', meetingA: '', meetingB: '', paragraphA: '' };
let secretaryA: TestUser;
let secretaryB: TestUser;
let adminB: TestUser;

/** A signed-in web request: the session cookie and the CSRF token the web forms carry. */
async function webSession(user: TestUser): Promise<{ cookie: string; csrf: string }> {
  const [row] = await queryRows<{ csrf_token: string }>(handle.db, sql`select csrf_token from sessions where user_id = ${user.userId} order by created_at desc limit 1`);
  return { cookie: `protokoll_session=${encodeURIComponent(user.token)}; pk_csrf=${row!.csrf_token}`, csrf: row!.csrf_token };
}

async function postForm(user: TestUser, url: string, fields: Record<string, string>) {
  const { cookie, csrf } = await webSession(user);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
  });
}

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  const a = await createOrganization(handle.db, { name: 'Räddningsförbundet Alfa', organizationType: 'kommunalforbund' });
  const b = await createOrganization(handle.db, { name: 'Samordningsförbundet Beta', organizationType: 'samordningsforbund' });
  ids.orgA = a.id;
  ids.orgB = b.id;
  ids.bodyA = (await createBody(handle.db, { organizationId: a.id, name: 'Direktionen' })).id;
  ids.bodyB = (await createBody(handle.db, { organizationId: b.id, name: 'Styrelsen' })).id;
  ids.meetingA = (await planMeeting(handle.db, { bodyId: ids.bodyA, heldOn: '2026-05-20', standardItems: false }, { personId: null })).meetingId;
  ids.meetingB = (await planMeeting(handle.db, { bodyId: ids.bodyB, heldOn: '2026-05-21', standardItems: false }, { personId: null })).meetingId;
  ids.paragraphA = (await addAgendaItem(handle.db, ids.meetingA, { title: 'Hemlig upphandling' }, { personId: null })).paragraphId;
  await handle.db.execute(sql`update paragraphs set confidential = true, confidential_reason = 'OSL 19:3' where id = ${ids.paragraphA}`);
  secretaryA = await buildUser(handle.db, { name: 'Sekreterare Alfa', roles: [{ role: 'secretary', organizationId: a.id }] });
  secretaryB = await buildUser(handle.db, { name: 'Sekreterare Beta', roles: [{ role: 'secretary', organizationId: b.id }] });
  adminB = await buildUser(handle.db, { name: 'Administratör Beta', roles: [{ role: 'administrator', organizationId: b.id }] });
  app = await buildApp({ database: handle });
}, 60_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

const paragraphA = async () => (await queryRows<{ title: string; confidential: boolean }>(handle.db, sql`select title, confidential from paragraphs where id = ${ids.paragraphA}`))[0]!;

describe('issue 23 regressions: access across organisations', () => {
  it("a secretary of B cannot edit A's draft § through B's meeting in the web form, nor clear its secrecy", async () => {
    const response = await postForm(secretaryB, `/arbetsyta/sammantraden/${ids.meetingB}/paragrafer/${ids.paragraphA}`, { title: 'Ändrad av fel förbund', text: 'x' });
    expect([403, 404]).toContain(response.statusCode);
    expect(await paragraphA()).toEqual({ title: 'Hemlig upphandling', confidential: true });
  });

  it("the same edit through the API is refused too, while A's own secretary may make it", async () => {
    const refused = await app.inject({ method: 'PATCH', url: `/api/paragraphs/${ids.paragraphA}`, headers: secretaryB.headers, payload: { title: 'Ändrad av fel förbund' } });
    expect([403, 404]).toContain(refused.statusCode);
    const allowed = await postForm(secretaryA, `/arbetsyta/sammantraden/${ids.meetingA}/paragrafer/${ids.paragraphA}`, { title: 'Upphandling av räddningsfordon', confidential: 'on', confidentialReason: 'OSL 19:3' });
    expect(allowed.statusCode).toBe(303);
    expect((await paragraphA()).title).toBe('Upphandling av räddningsfordon');
  });

  it('an administrator of B cannot give itself a role in A, revoke A\'s roles, or create a system administrator', async () => {
    const [adminUser] = await queryRows<{ id: string }>(handle.db, sql`select id from users where id = ${adminB.userId}`);
    const grant = await postForm(adminB, '/admin/roller', { userId: adminUser!.id, role: 'secretary', scope: `org:${ids.orgA}` });
    expect(grant.statusCode).toBe(403);
    const [roleA] = await queryRows<{ id: string }>(handle.db, sql`select id from user_roles where user_id = ${secretaryA.userId}`);
    const revoke = await postForm(adminB, `/admin/roller/${roleA!.id}/ta-bort`, {});
    expect(revoke.statusCode).toBe(403);
    const system = await postForm(adminB, '/admin/konton', { name: 'Smygadmin', email: 'smyg@example.test', password: 'ett-langt-losenord-123', isAdministrator: 'on' });
    expect(system.statusCode).toBe(403);
    const organization = await postForm(adminB, '/admin/organisationer', { organizationName: 'Eget förbund', organizationType: 'kommunalforbund' });
    expect(organization.statusCode).toBe(403);
    const body = await postForm(adminB, '/admin/organ', { organizationId: ids.orgA, bodyName: 'Skuggorganet', bodyKind: 'board' });
    expect(body.statusCode).toBe(403);

    const roles = await queryRows<{ user_id: string; organization_id: string | null }>(handle.db, sql`select user_id, organization_id from user_roles order by user_id`);
    expect(roles.filter((r) => r.user_id === adminB.userId)).toEqual([{ user_id: adminB.userId, organization_id: ids.orgB }]);
    expect(roles.some((r) => r.user_id === secretaryA.userId)).toBe(true);
    expect(await queryRows(handle.db, sql`select id from users where email = 'smyg@example.test'`)).toEqual([]);
    expect(await queryRows(handle.db, sql`select id from bodies where name = 'Skuggorganet'`)).toEqual([]);
  });

  it("an administrator of B cannot link or unlink the person of an account with roles in A (found by the authorization matrix)", async () => {
    const person = (await queryRows<{ id: string }>(handle.db, sql`insert into persons (name) values ('Person i Beta') returning id`))[0]!;
    const link = await postForm(adminB, `/admin/konton/${secretaryA.userId}/person`, { personId: person.id });
    expect(link.statusCode).toBe(403);
    const unlink = await postForm(adminB, `/admin/konton/${secretaryA.userId}/person`, {});
    expect(unlink.statusCode).toBe(403);
    const [user] = await queryRows<{ person_id: string | null }>(handle.db, sql`select person_id from users where id = ${secretaryA.userId}`);
    expect(user!.person_id).toBeNull();
  });

  it('an administrator of B may still manage roles in B', async () => {
    const response = await postForm(adminB, '/admin/roller', { userId: secretaryA.userId, role: 'member', scope: `org:${ids.orgB}` });
    expect(response.statusCode).toBe(303);
    const granted = await queryRows(handle.db, sql`select id from user_roles where user_id = ${secretaryA.userId} and organization_id = ${ids.orgB} and role = 'member'`);
    expect(granted).toHaveLength(1);
  });
});
