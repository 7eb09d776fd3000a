/**
 * Issue 15's "done when" for the kallelse: with the server's mail delivery pointed at a real SMTP server,
 * the secretary's button sends the demo's next kallelse to every member and substitute, one message
 * each with the PDF, within 30 s; and bad input (an address that is not one, a server that refuses or is
 * down) never stops the action, is retried, and shows on the secretary's meeting page with its reason.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo, type DemoResult } from '../../src/demo/seed-demo.ts';
import { startSession } from '../../src/services/accounts.service.ts';
import { startMailDelivery } from '../../src/services/mail/index.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { openTestDatabase } from '../support/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const TODAY = '2026-03-16';
const PUBLIC_URL = 'https://protokoll.example.se';
let handle: DatabaseHandle;
let app: FastifyInstance;
let demo: DemoResult;
let smtp: TestSmtpServer;
let delivery: { stop: () => Promise<void> } | null = null;
let secretary: { cookie: string; csrf: string };

function deliverTo(server: TestSmtpServer): void {
  delivery = startMailDelivery(handle, { smtpUrl: server.url, from: 'Protokoll <protokoll@protokoll.example.se>', folder: '/nonexistent', publicUrl: PUBLIC_URL }, { intervalMs: 200, today: () => TODAY });
}

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  demo = await seedDemo(handle, { today: TODAY });
  app = await buildApp({ database: handle, today: () => TODAY, publicUrl: PUBLIC_URL });
  smtp = await startSmtpServer();
  const email = demo.accounts.find((a) => a.what === 'sekreterare i förbundsdirektionen')!.email;
  const [user] = await queryRows<{ id: string }>(handle.db, sql`select id from users where email = ${email}`);
  const session = await startSession(handle.db, { userId: user!.id });
  secretary = { cookie: `protokoll_session=${encodeURIComponent(session.token)}; pk_csrf=${session.csrfToken}`, csrf: session.csrfToken };
}, 120_000);
afterAll(async () => {
  await delivery?.stop();
  await app.close();
  await smtp.close();
  await handle.close();
});

const meetingPage = async () => (await app.inject({ url: `/arbetsyta/sammantraden/${demo.plannedMeetingId}`, headers: { cookie: secretary.cookie } })).body;

async function sendKallelse(): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: `/arbetsyta/sammantraden/${demo.plannedMeetingId}/kallelse`,
    headers: { cookie: secretary.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: secretary.csrf }).toString(),
  });
  expect(response.statusCode, response.body).toBe(303);
}

async function outbox(): Promise<{ recipient_address: string; kind: string; status: string; attempts: number; last_error: string | null; message_id: string }[]> {
  return queryRows(handle.db, sql`select recipient_address, kind, status, attempts, last_error, message_id from outbox_messages where meeting_id = ${demo.plannedMeetingId} order by created_at`);
}

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('sending the demo’s next kallelse through a real SMTP server', () => {
  it('delivers one message to each member and substitute with the PDF within 30 s, and shows them sent', async () => {
    const heldOn = (await queryRows<{ held_on: string }>(handle.db, sql`select held_on::text from meetings where id = ${demo.plannedMeetingId}`))[0]!.held_on;
    const recipients = await queryRows<{ email: string }>(
      handle.db,
      sql`select distinct p.email from mandates m join persons p on p.id = m.person_id where m.body_id = ${demo.boardId} and p.email is not null
          and (m.starts_on is null or m.starts_on <= ${heldOn}) and (m.ends_on is null or m.ends_on >= ${heldOn})`,
    );
    expect(recipients.length).toBe(11);
    deliverTo(smtp);
    const started = Date.now();
    await sendKallelse();
    const kallelser = () => smtp.received.filter((m) => m.subject?.startsWith('Kallelse:'));
    await until(async () => kallelser().length >= recipients.length);
    expect(Date.now() - started).toBeLessThan(30_000);
    // Reminders (written by the same delivery) may go out too; of the kallelse, exactly one per person.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const addresses = kallelser().flatMap((m) => (m.to && 'value' in m.to ? m.to.value.map((v) => v.address) : []));
    expect(addresses.sort()).toEqual(recipients.map((r) => r.email).sort());
    for (const mail of kallelser()) {
      expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
      expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
      expect(mail.text).toContain(`${PUBLIC_URL}/mina-sammantraden/${demo.plannedMeetingId}/kallelse.pdf`);
      expect(mail.text).toContain(`${PUBLIC_URL}/mina-sammantraden/${demo.plannedMeetingId}#forhinder`);
    }
    // The first kallelse by e-mail is not "changed", though a paper kallelse went out when the demo was made.
    expect((await outbox()).every((m) => m.kind === 'kallelse' && m.status === 'sent')).toBe(true);
    const page = await meetingPage();
    expect(page).toContain('Utskick med e-post');
    expect(page).toContain('11 skickade, 0 i kö, 0 med problem.');
  }, 60_000);

  it('keeps going past an address that is not one, a refusing server and a server that is down; each failure is retried or shown', async () => {
    // An address typed wrong in the register, a mailbox the server does not know, one it cannot take now.
    await handle.db.execute(sql`update persons set email = 'maria.oberg(at)alvby.example' where email = 'maria.oberg@alvby.example'`);
    smtp.refuse(/johan\.nilsson/u, 550);
    smtp.refuse(/lena\.ekstrom/u, 451);
    smtp.received.length = 0;
    await sendKallelse();
    await until(async () => (await outbox()).filter((m) => m.kind === 'kallelse_update' && m.status !== 'pending' && m.status !== 'sending').length >= 9);
    await until(async () => (await outbox()).filter((m) => m.kind === 'kallelse_update').every((m) => m.status !== 'sending' && (m.status !== 'pending' || m.attempts > 0)));
    const updates = (await outbox()).filter((m) => m.kind === 'kallelse_update');
    expect(updates).toHaveLength(11);
    const of = (address: RegExp) => updates.find((m) => address.test(m.recipient_address))!;
    expect(of(/maria/u)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(of(/maria/u).last_error).toContain('not an e-mail address');
    expect(of(/johan/u)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(of(/johan/u).last_error).toContain('no such mailbox');
    expect(of(/lena/u)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(of(/lena/u).last_error).toContain('try again later');
    expect(smtp.received.filter((m) => m.subject?.startsWith('Ändrad kallelse:'))).toHaveLength(8);

    const page = await meetingPage();
    // The eleven of the first kallelse and eight of this one sent; Lena's waits; Maria's and Johan's failed.
    expect(page).toContain('19 skickade, 1 i kö, 2 med problem.');
    expect(page).toContain('Misslyckades');
    expect(page).toContain('not an e-mail address');
    expect(page).toContain('no such mailbox here');
    expect(page).toMatch(/try again later[^<]*Nytt försök/u);
    expect(page).toContain('Skicka igen');

    // The server is down: the kallelse is still sent (the action commits), the mail waits and says why.
    await delivery?.stop();
    const port = smtp.port;
    await smtp.close();
    deliverTo(smtp);
    await handle.db.execute(sql`update persons set email = 'maria.oberg@alvby.example' where email = 'maria.oberg(at)alvby.example'`);
    await sendKallelse();
    await until(async () => (await outbox()).filter((m) => m.status === 'pending' && (m.last_error ?? '').includes('ECONNREFUSED')).length >= 11);
    expect(await meetingPage()).toContain('ECONNREFUSED');

    // Back up, and time passes: every waiting message goes out on its next attempt, each once.
    await delivery?.stop();
    smtp = await startSmtpServer({ port });
    smtp.refuse(/johan\.nilsson/u, 550);
    await handle.db.execute(sql`update outbox_messages set next_attempt_at = now() - interval '1 second' where status = 'pending'`);
    deliverTo(smtp);
    await until(async () => (await outbox()).every((m) => m.status === 'sent' || m.status === 'failed'));
    const third = await outbox();
    expect(third.filter((m) => m.status === 'failed').map((m) => m.recipient_address).sort()).toEqual(['johan.nilsson@norrsjo.example', 'johan.nilsson@norrsjo.example', 'maria.oberg(at)alvby.example']);
    const arrivedIds = smtp.received.map((m) => m.messageId);
    expect(new Set(arrivedIds).size).toBe(arrivedIds.length);
    // Lena's second kallelse (451 before) and the twelve of the third send, less Johan's that is refused for good.
    expect(smtp.received.filter((m) => /kallelse/iu.test(m.subject ?? ''))).toHaveLength(11);
  }, 90_000);
});
