/**
 * The server for `npm run bench -- load`, in a process of its own so that autocannon does not share its
 * event loop: the demo data (as `protokoll demo` seeds it) in an embedded database in a temporary
 * folder, the whole app (API and web), and one line of JSON on standard output with the address and
 * what the benchmark needs: an adjusted meeting and a session's bearer token.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/api/app.ts';
import { todayInSweden } from '../src/domain/legal-dates.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { startSession } from '../src/services/accounts.service.ts';
import { openMigratedDatabase, queryRows } from '../src/storage/database.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'protokoll-bench-load-'));
const handle = await openMigratedDatabase({ dataDir });
const demo = await seedDemo(handle, { today: todayInSweden(new Date()) });
const [meeting] = await queryRows<{ id: string }>(
  handle.db,
  sql`select id from meetings where status = 'adjusted' and body_id = ${demo.boardId}::uuid order by held_on desc limit 1`,
);
const [secretary] = await queryRows<{ id: string }>(handle.db, sql`select id from users where email = ${demo.accounts[0]!.email}`);
const { token } = await startSession(handle.db, { userId: secretary!.id });
const app = await buildApp({ database: handle, logger: false });
// PROTOKOLL_BENCH_PROFILE=<file>: a CPU profile of the serving only (not the seeding), written on SIGTERM.
const profileFile = process.env.PROTOKOLL_BENCH_PROFILE;
const profiler = profileFile ? new Session() : null;
if (profiler) {
  profiler.connect();
  await post(profiler, 'Profiler.enable');
  await post(profiler, 'Profiler.start');
}
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ address, meetingId: meeting!.id, organizationId: demo.organizationId, token })}\n`);

const stop = async () => {
  if (profiler && profileFile) {
    const { profile } = (await post(profiler, 'Profiler.stop')) as { profile: unknown };
    writeFileSync(profileFile, JSON.stringify(profile));
  }
  await app.close();
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
}
