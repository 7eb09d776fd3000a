/**
 * "A crash and restart of the worker sends nothing twice" (issue 15), with the worker as a real process
 * killed with SIGKILL while the SMTP server holds back its answer to a message it has already received:
 * the worst moment, when the worker cannot know whether the message went. After a restart every other
 * message goes exactly once, and the one in doubt is not sent again but marked `uncertain`, for the
 * secretary to see (docs/communication.md explains why exactly-once cannot be had over SMTP).
 *
 * On PGlite (one process at a time) the restarted worker knows the claim is a dead process's and marks
 * it at once; on PostgreSQL (TEST_DATABASE_URL) another worker might still hold it, so it waits until the
 * claim is ten minutes old, which the test plays by moving the claim back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedMail } from 'mailparser';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { enqueueMessage, inTransaction, openMigratedDatabase, queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { createServerDatabase } from '../support/databases.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const SCRIPT = fileURLToPath(new URL('../support/outbox-worker-process.ts', import.meta.url));
const MESSAGES = 6;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
}

async function startWorker(database: string, smtpUrl: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, database, smtpUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    void exited.then((how) => reject(new Error(`the worker process ended (${String(how)}) before it was ready: ${errors}`)));
  });
  cleanups.push(() => void child.kill('SIGKILL'));
  return { child, exited };
}

async function until(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function writeMessages(handle: DatabaseHandle): Promise<string[]> {
  return inTransaction(handle.db, async (tx) => {
    const ids: string[] = [];
    for (let i = 1; i <= MESSAGES; i += 1) {
      const row = await enqueueMessage(tx, { kind: 'kallelse', recipientAddress: `ledamot${i}@example.se`, recipientName: `Ledamot ${i}`, subject: `Kallelse ${i}`, textBody: 'Välkommen.', messageIdDomain: 'forbundet.example' });
      ids.push(row!.messageId);
    }
    return ids;
  });
}

/** A server that keeps every message as it arrives, and holds back its answer to the third. */
async function slowServer(): Promise<{ smtp: TestSmtpServer; inFlight: Promise<ParsedMail>; release: () => void }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let arrived!: (mail: ParsedMail) => void;
  const inFlight = new Promise<ParsedMail>((resolve) => (arrived = resolve));
  let count = 0;
  const smtp = await startSmtpServer({
    beforeAnswer: async (mail) => {
      count += 1;
      if (count !== 3) return;
      arrived(mail);
      await held;
    },
  });
  cleanups.push(() => smtp.close());
  return { smtp, inFlight, release };
}

type Row = { message_id: string; status: string; attempts: number };
const statusesIn = (handle: DatabaseHandle) => queryRows<Row>(handle.db, sql`select message_id, status, attempts from outbox_messages`);

describe('a worker killed mid-send and started again', () => {
  it('on PGlite: sends every other message exactly once and marks the one in doubt uncertain, never twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'protokoll-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const handle = await openMigratedDatabase({ dataDir: dir });
    const written = await writeMessages(handle);
    await handle.close();
    const { smtp, inFlight, release } = await slowServer();

    const first = await startWorker(dir, smtp.url);
    const doubtful = await inFlight;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    release();
    expect(smtp.received).toHaveLength(3);

    const second = await startWorker(dir, smtp.url);
    await until(() => smtp.received.length >= MESSAGES);
    // Time for a (wrong) second copy of anything to arrive before the worker stops.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(MESSAGES);
    expect([...ids].sort()).toEqual([...written].sort());
    const reopened = await openMigratedDatabase({ dataDir: dir });
    cleanups.push(() => reopened.close());
    const rows = await statusesIn(reopened);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(MESSAGES - 1);
    expect(rows.filter((r) => r.status === 'uncertain')).toEqual([{ message_id: doubtful.messageId, status: 'uncertain', attempts: 1 }]);
  }, 90_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('on PostgreSQL: leaves a fresh claim alone (another worker may hold it) and marks it uncertain once it is old', async () => {
    const server = await createServerDatabase();
    cleanups.push(server.drop);
    const handle = await openMigratedDatabase({ databaseUrl: server.url });
    cleanups.push(() => handle.close());
    await writeMessages(handle);
    const { smtp, inFlight, release } = await slowServer();

    const first = await startWorker(server.url, smtp.url);
    const doubtful = await inFlight;
    first.child.kill('SIGKILL');
    await first.exited;
    release();

    await startWorker(server.url, smtp.url);
    await until(() => smtp.received.length >= MESSAGES);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await statusesIn(handle)).find((r) => r.message_id === doubtful.messageId)?.status).toBe('sending');
    // Ten minutes later, as far as the claim is concerned.
    await handle.db.execute(sql`update outbox_messages set claimed_at = claimed_at - interval '11 minutes' where status = 'sending'`);
    await until(async () => (await statusesIn(handle)).some((r) => r.status === 'uncertain'));
    expect(smtp.received.map((m) => m.messageId).filter((id) => id === doubtful.messageId)).toHaveLength(1);
    expect(smtp.received).toHaveLength(MESSAGES);
  }, 90_000);
});
