import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoResult } from '../../src/demo/seed-demo.ts';
import { addDays } from '../../src/domain/legal-dates.ts';
import { OutboxWorker, createMailTransport } from '../../src/services/mail/index.ts';
import { queueReminders } from '../../src/services/reminders.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { openTestDatabase } from '../support/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const TODAY = '2026-03-16';
let handle: DatabaseHandle;
let demo: DemoResult;
let smtp: TestSmtpServer;
let heldOn: string;

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  demo = await seedDemo(handle, { today: TODAY });
  smtp = await startSmtpServer();
  const [meeting] = await queryRows<{ held_on: string }>(handle.db, sql`select held_on::text from meetings where id = ${demo.awaitingSignatureMeetingId}`);
  heldOn = meeting!.held_on;
}, 120_000);
afterAll(async () => {
  await smtp.close();
  await handle.close();
});

const options = (today: string) => ({ today, publicUrl: 'https://protokoll.example.se', mailDomain: 'protokoll.example.se' });

async function deliver(): Promise<void> {
  const transport = createMailTransport({ smtpUrl: smtp.url, from: 'Protokoll <protokoll@protokoll.example.se>', folder: '/nonexistent' });
  await new OutboxWorker(handle, transport).runOnce();
  transport.close();
}

describe('reminders', () => {
  it('reminds the chair and the adjuster from day 10 of the justering time (KL 5:69), once, and again when it has run out', async () => {
    const pending = await queryRows<{ name: string; email: string | null }>(
      handle.db,
      sql`select p.name, p.email from signatures s join persons p on p.id = s.person_id where s.meeting_id = ${demo.awaitingSignatureMeetingId} and s.status = 'pending' and s.role in ('chair', 'adjuster')`,
    );
    expect(pending.length).toBeGreaterThan(0);

    expect(await queueReminders(handle.db, options(addDays(heldOn, 9)))).toMatchObject({ signing: 0 });
    expect(await queueReminders(handle.db, options(addDays(heldOn, 10)))).toMatchObject({ signing: pending.length });
    // Later the same day, or the next day while still due soon: nothing new.
    expect(await queueReminders(handle.db, options(addDays(heldOn, 11)))).toMatchObject({ signing: 0 });
    await deliver();
    const dueSoon = await smtp.waitFor(pending.length);
    expect(dueSoon.map((m) => m.subject)).toEqual(pending.map(() => expect.stringMatching(/^Påminnelse: protokoll att justera, /u)));
    expect(dueSoon[0]!.text).toContain(`Fristen går ut ${addDays(heldOn, 14)}.`);
    expect(dueSoon[0]!.text).toContain(`https://protokoll.example.se/att-justera/${demo.awaitingSignatureMeetingId}`);
    expect(dueSoon[0]!.html).toContain('<html lang="sv">');

    smtp.received.length = 0;
    expect(await queueReminders(handle.db, options(addDays(heldOn, 15)))).toMatchObject({ signing: pending.length });
    await deliver();
    expect((await smtp.waitFor(pending.length))[0]!.text).toContain(`Fristen gick ut ${addDays(heldOn, 14)}`);
  });

  it("tells the organisation's secretaries a week before an assignment's report-back is due, and when it is overdue", async () => {
    const [assignment] = await queryRows<{ id: string; description: string }>(handle.db, sql`select id, description from assignments where status = 'open' limit 1`);
    if (!assignment) throw new Error('the demo has no open assignment');
    await handle.db.execute(sql`update assignments set due_on = ${addDays(TODAY, 20)} where id = ${assignment.id}`);
    const secretaries = await queryRows<{ email: string }>(
      handle.db,
      sql`select distinct u.email from users u join user_roles r on r.user_id = u.id where r.role in ('secretary', 'administrator') and r.organization_id = ${demo.organizationId}`,
    );
    expect(secretaries.length).toBeGreaterThan(0);
    await queueReminders(handle.db, options(addDays(TODAY, 12)));
    const notYet = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from outbox_messages where kind = 'follow_up_reminder' and subject like ${`%${assignment.description.slice(0, 20)}%`}`);
    expect(notYet[0]!.n).toBe(0);

    await queueReminders(handle.db, options(addDays(TODAY, 13)));
    await queueReminders(handle.db, options(addDays(TODAY, 14)));
    await queueReminders(handle.db, options(addDays(TODAY, 21)));
    const rows = await queryRows<{ recipient_address: string; subject: string }>(
      handle.db,
      sql`select recipient_address, subject from outbox_messages where kind = 'follow_up_reminder' and subject like ${`%${assignment.description.slice(0, 20)}%`} order by subject`,
    );
    expect(rows.map((r) => r.recipient_address).sort()).toEqual([...secretaries.map((s) => s.email), ...secretaries.map((s) => s.email)].sort());
    expect(rows.filter((r) => r.subject.startsWith('Återrapportering av uppdrag försenad')).length).toBe(secretaries.length);
    expect(rows.filter((r) => r.subject.startsWith('Återrapportering av uppdrag närmar sig')).length).toBe(secretaries.length);
  });
});
