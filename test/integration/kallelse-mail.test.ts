import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo, type DemoResult } from '../../src/demo/seed-demo.ts';
import { startSession } from '../../src/services/accounts.service.ts';
import { OutboxWorker, createMailTransport } from '../../src/services/mail/index.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { openTestDatabase } from '../support/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const TODAY = '2026-03-16';
let handle: DatabaseHandle;
let app: FastifyInstance;
let demo: DemoResult;
let smtp: TestSmtpServer;
let secretary: { authorization: string };

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  demo = await seedDemo(handle, { today: TODAY });
  app = await buildApp({ database: handle, today: () => TODAY, publicUrl: 'https://protokoll.example.se' });
  smtp = await startSmtpServer();
  const email = demo.accounts.find((a) => a.what === 'sekreterare i förbundsdirektionen')!.email;
  const [user] = await queryRows<{ id: string }>(handle.db, sql`select id from users where email = ${email}`);
  secretary = { authorization: `Bearer ${(await startSession(handle.db, { userId: user!.id })).token}` };
}, 120_000);
afterAll(async () => {
  await app.close();
  await smtp.close();
  await handle.close();
});

async function deliver(): Promise<void> {
  const transport = createMailTransport({ smtpUrl: smtp.url, from: 'Protokoll <protokoll@protokoll.example.se>', folder: '/nonexistent' });
  await new OutboxWorker(handle, transport).runOnce();
  transport.close();
}

describe('the kallelse by e-mail', () => {
  it('sending the next kallelse mails every member and substitute with an address, with the PDF and the agenda; a second send is a marked update', async () => {
    const planned = await app.inject({ method: 'POST', url: '/api/meetings', headers: secretary, payload: { bodyId: demo.boardId, heldOn: '2026-04-22', start: '13:00', end: '15:00', location: 'Granberga brandstation' } });
    expect(planned.statusCode).toBe(201);
    const meetingId = (planned.json() as { id: string }).id;
    const recipients = await queryRows<{ name: string; email: string | null; role: string }>(
      handle.db,
      sql`select p.name, p.email, m.role from mandates m join persons p on p.id = m.person_id where m.body_id = ${demo.boardId} and (m.starts_on is null or m.starts_on <= '2026-04-22') and (m.ends_on is null or m.ends_on >= '2026-04-22')`,
    );
    const withAddress = recipients.filter((r) => r.email);
    expect(withAddress.length).toBeGreaterThan(5);
    expect(recipients.some((r) => r.role === 'substitute' && r.email)).toBe(true);

    // The meeting's date is fixed and the API sends at the real clock, so the kallelse may be late: a reason goes with it.
    const sent = await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/kallelse`, headers: secretary, payload: { legalReason: 'Testet skickar kallelsen med ett fast datum.' } });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ invited: recipients.length, mailed: withAddress.length, withoutAddress: recipients.filter((r) => !r.email).map((r) => r.name) });
    await deliver();
    const arrived = await smtp.waitFor(withAddress.length);
    expect(arrived.flatMap((m) => (m.to && 'value' in m.to ? m.to.value.map((v) => v.address) : [])).sort()).toEqual(withAddress.map((r) => r.email).sort());
    for (const mail of arrived) {
      expect(mail.subject).toBe('Kallelse: Förbundsdirektionen 2026-04-22');
      expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['Kallelse Förbundsdirektionen 2026-04-22.pdf', 'application/pdf']]);
      expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
      expect(mail.text).toContain('Föredragningslista:');
      expect(mail.text).toContain(`https://protokoll.example.se/mina-sammantraden/${meetingId}`);
    }

    smtp.received.length = 0;
    await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/kallelse`, headers: secretary, payload: {} });
    await deliver();
    expect((await smtp.waitFor(withAddress.length)).every((m) => m.subject === 'Ändrad kallelse: Förbundsdirektionen 2026-04-22')).toBe(true);
  });
});
