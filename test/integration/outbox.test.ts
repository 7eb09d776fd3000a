import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { outboxMessages } from '../../src/storage/schema.ts';
import { OutboxWorker } from '../../src/services/mail/outbox-worker.ts';
import { createMailTransport } from '../../src/services/mail/transport.ts';
import { claimDueMessages, enqueueMessage, findOutboxMessage, inTransaction, storeFile, type NewOutboxMessage } from '../../src/storage/index.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());
afterEach(() => {
  smtp.acceptAll();
  smtp.received.length = 0;
});

const settings = () => ({ smtpUrl: smtp.url, from: 'Protokoll <protokoll@forbundet.example>', folder: '/nonexistent' });

function message(to: string, extra: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    kind: 'kallelse',
    recipientAddress: to,
    recipientName: 'Åsa Öberg',
    subject: 'Kallelse till direktionens sammanträde 12 mars',
    textBody: 'Välkommen till sammanträdet.',
    htmlBody: '<p>Välkommen till sammanträdet.</p>',
    messageIdDomain: 'forbundet.example',
    ...extra,
  };
}

describeOnEachEngine('the outbox and its worker, against a real SMTP server', (database) => {
  // Each case starts from an empty outbox (the table is not append-only, unlike the audit log).
  beforeEach(async () => {
    await database().db.delete(outboxMessages);
  });

  it('sends each committed message once, with its attachment, and marks it sent', async () => {
    const handle = database();
    const pdf = await storeFile(handle.db, handle.filesDir, { bytes: Buffer.from('%PDF-1.7 kallelse'), contentType: 'application/pdf', originalName: 'kallelse.pdf' });
    const [first, second] = await inTransaction(handle.db, async (tx) => [
      await enqueueMessage(tx, message('asa@example.se', { attachments: [{ fileId: pdf.id, filename: 'Kallelse 2025-03-12.pdf', contentType: 'application/pdf' }] })),
      await enqueueMessage(tx, message('bo@example.se')),
    ]);
    const transport = createMailTransport(settings());
    const worker = new OutboxWorker(handle, transport);
    expect(await worker.runOnce()).toEqual({ sent: 2, retried: 0, failed: 0, uncertain: 0 });
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0, uncertain: 0 });
    transport.close();

    const arrived = await smtp.waitFor(2);
    expect(arrived.map((m) => m.messageId).sort()).toEqual([first!.messageId, second!.messageId].sort());
    const toAsa = arrived.find((m) => m.messageId === first!.messageId)!;
    expect(toAsa.subject).toBe('Kallelse till direktionens sammanträde 12 mars');
    expect(toAsa.text?.trim()).toBe('Välkommen till sammanträdet.');
    expect(toAsa.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['Kallelse 2025-03-12.pdf', 'application/pdf', '%PDF-1.7 kallelse']]);
    expect((await findOutboxMessage(handle.db, first!.id))?.status).toBe('sent');
  });

  it('writes nothing when the action that wrote the message rolls back', async () => {
    const handle = database();
    await expect(
      inTransaction(handle.db, async (tx) => {
        await enqueueMessage(tx, message('ingen@example.se'));
        throw new Error('the action fails');
      }),
    ).rejects.toThrow('the action fails');
    const transport = createMailTransport(settings());
    expect(await new OutboxWorker(handle, transport).runOnce()).toMatchObject({ sent: 0 });
    transport.close();
    expect(smtp.received).toEqual([]);
  });

  it('keeps a message a server refuses for now, and sends it on a later attempt; a 550 fails at once and says why', async () => {
    const handle = database();
    const later = await enqueueMessage(handle.db, message('later@example.se'));
    const never = await enqueueMessage(handle.db, message('never@example.se'));
    smtp.refuse(/^later@/u, 451);
    smtp.refuse(/^never@/u, 550);
    const start = Date.now();
    let now = new Date(start);
    const transport = createMailTransport(settings());
    const worker = new OutboxWorker(handle, transport, { now: () => now });
    expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, failed: 1, uncertain: 0 });
    const waiting = await findOutboxMessage(handle.db, later!.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.nextAttemptAt.getTime()).toBe(start + 30_000);
    expect(await findOutboxMessage(handle.db, never!.id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('no such mailbox here') });

    smtp.acceptAll();
    expect(await worker.runOnce()).toMatchObject({ sent: 0 }); // not due yet
    now = new Date(start + 60_000);
    expect(await worker.runOnce()).toMatchObject({ sent: 1 });
    transport.close();
    expect((await smtp.waitFor(1)).map((m) => m.to && 'text' in m.to ? m.to.text : '')).toEqual(['"Åsa Öberg" <later@example.se>']);
  });

  it('keeps the message when the SMTP server is down, and fails an address that cannot be sent to', async () => {
    const handle = database();
    const down = await enqueueMessage(handle.db, message('asa@example.se'));
    const bad = await enqueueMessage(handle.db, message('inte en adress'));
    // A port where nothing listens: the connection is refused.
    const transport = createMailTransport({ ...settings(), smtpUrl: 'smtp://127.0.0.1:9' });
    expect(await new OutboxWorker(handle, transport).runOnce()).toEqual({ sent: 0, retried: 1, failed: 1, uncertain: 0 });
    transport.close();
    expect(await findOutboxMessage(handle.db, down!.id)).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/ECONNREFUSED|connect/u) });
    expect(await findOutboxMessage(handle.db, bad!.id)).toMatchObject({ status: 'failed', lastError: "not an e-mail address: 'inte en adress'" });
  });

  it('after a worker died mid-send, marks what it held uncertain instead of sending it twice, and sends the rest', async () => {
    const handle = database();
    const held = await enqueueMessage(handle.db, message('held@example.se'));
    const rest = await enqueueMessage(handle.db, message('rest@example.se', { dedupeKey: 'reminder:x:2025-03-01' }));
    // A second message with the same dedupe key is not written at all.
    expect(await enqueueMessage(handle.db, message('rest@example.se', { dedupeKey: 'reminder:x:2025-03-01' }))).toBeNull();
    const start = new Date();
    // The dead worker claimed one message (committed as sending) and never came back.
    const [claimed] = await inTransaction(handle.db, (tx) => claimDueMessages(tx, { now: start, limit: 1 }));
    expect(claimed?.id).toBe(held!.id);

    const transport = createMailTransport(settings());
    const soon = new OutboxWorker(handle, transport, { now: () => new Date(start.getTime() + 60_000) });
    // A minute later the claim may belong to a live worker: left alone.
    expect(await soon.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0, uncertain: 0 });
    const later = new OutboxWorker(handle, transport, { now: () => new Date(start.getTime() + 11 * 60_000) });
    expect(await later.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0, uncertain: 1 });
    transport.close();
    expect((await smtp.waitFor(1)).map((m) => m.messageId)).toEqual([rest!.messageId]);
    expect(await findOutboxMessage(handle.db, held!.id)).toMatchObject({ status: 'uncertain' });
  });
});

it('without SMTP_URL, writes each message as an .eml file in the outbox folder', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'protokoll-outbox-'));
  try {
    const transport = createMailTransport({ smtpUrl: null, from: 'Protokoll <protokoll@localhost>', folder });
    await transport.send({ messageId: '<abc@localhost>', to: 'asa@example.se', subject: 'Kallelse', text: 'Hej' });
    const [file] = readdirSync(folder);
    const eml = readFileSync(join(folder, file!), 'utf8');
    expect(eml).toContain('Message-ID: <abc@localhost>');
    expect(eml).toContain('To: asa@example.se');
    expect(eml).toContain('Subject: Kallelse');
    expect(transport.description).toBe(`files in ${folder} (no SMTP_URL set)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
