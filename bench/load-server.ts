/**
 * The server for `npm run bench -- load`, in a process of its own so that autocannon does not share its
 * event loop: the demo data (as `protokoll demo` seeds it) and the whole app (API and web), and one line
 * of JSON on standard output with the address and what the benchmark needs (ids of public pages and a
 * session's bearer token).
 *
 * - Embedded (the default): an embedded database (PGlite) in a temporary folder, one app instance.
 * - PostgreSQL (PROTOKOLL_BENCH_DATABASE_URL, a server URL): a fresh database on that server, seeded
 *   once, and PROTOKOLL_BENCH_INSTANCES app instances (default 2) as node:cluster workers sharing one
 *   port, as two instances behind one address would run; the database is dropped when it stops.
 *
 * PROTOKOLL_BENCH_PROFILE=<file>: a CPU profile of the serving only (not the seeding), written on
 * SIGTERM (one file per instance, `<file>.<n>`, with several).
 */
import cluster from 'node:cluster';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/api/app.ts';
import { todayInSweden } from '../src/domain/legal-dates.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { startSession } from '../src/services/accounts.service.ts';
import { openDatabase, openMigratedDatabase, queryRows, type DatabaseHandle } from '../src/storage/database.ts';
import { createServerDatabase } from '../test/support/server-database.ts';

export interface BenchServerInfo {
  address: string;
  engine: 'pglite' | 'postgres';
  instances: number;
  meetingId: string;
  bodyId: string;
  year: number;
  paragraphId: string;
  organizationId: string;
  token: string;
}

const serverUrl = process.env.PROTOKOLL_BENCH_DATABASE_URL;
const profileFile = process.env.PROTOKOLL_BENCH_PROFILE;

/** The demo data and the ids of the pages the benchmark asks for. */
async function seed(handle: DatabaseHandle): Promise<Omit<BenchServerInfo, 'address' | 'engine' | 'instances'>> {
  const demo = await seedDemo(handle, { today: todayInSweden(new Date()) });
  const [meeting] = await queryRows<{ id: string; body_id: string; year: number }>(
    handle.db,
    sql`select id, body_id, year from meetings where status = 'adjusted' and body_id = ${demo.boardId}::uuid order by held_on desc limit 1`,
  );
  const [paragraph] = await queryRows<{ id: string }>(
    handle.db,
    sql`select id from paragraphs where meeting_id = ${meeting!.id}::uuid and not confidential order by position desc limit 1`,
  );
  const [secretary] = await queryRows<{ id: string }>(handle.db, sql`select id from users where email = ${demo.accounts[0]!.email}`);
  const { token } = await startSession(handle.db, { userId: secretary!.id });
  return { meetingId: meeting!.id, bodyId: meeting!.body_id, year: Number(meeting!.year), paragraphId: paragraph!.id, organizationId: demo.organizationId, token };
}

async function startProfiler(): Promise<Session | null> {
  if (!profileFile) return null;
  const profiler = new Session();
  profiler.connect();
  await post(profiler, 'Profiler.enable');
  await post(profiler, 'Profiler.start');
  return profiler;
}

async function writeProfile(profiler: Session | null, file: string | undefined): Promise<void> {
  if (!profiler || !file) return;
  const { profile } = (await post(profiler, 'Profiler.stop')) as { profile: unknown };
  writeFileSync(file, JSON.stringify(profile));
}

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

if (cluster.isWorker) {
  // One app instance on the port the primary chose; the primary's cluster shares it between instances.
  const handle = await openDatabase({ databaseUrl: process.env.PROTOKOLL_BENCH_WORKER_DATABASE_URL! });
  const app = await buildApp({ database: handle, logger: false });
  const profiler = await startProfiler();
  await app.listen({ port: Number(process.env.PROTOKOLL_BENCH_PORT), host: '127.0.0.1' });
  process.send!('listening');
  process.on('message', (message) => {
    if (message !== 'stop') return;
    void (async () => {
      await writeProfile(profiler, profileFile && `${profileFile}.${cluster.worker!.id}`);
      await app.close();
      await handle.close();
      process.exit(0);
    })();
  });
} else if (serverUrl) {
  const instances = Math.max(1, Number(process.env.PROTOKOLL_BENCH_INSTANCES ?? 2) || 2);
  const server = await createServerDatabase('protokoll_load', serverUrl);
  const seeding = await openMigratedDatabase({ databaseUrl: server.url });
  const ids = await seed(seeding);
  await seeding.close();
  const port = await freePort();
  cluster.setupPrimary({ execArgv: process.execArgv });
  const workers = Array.from({ length: instances }, () =>
    cluster.fork({ PROTOKOLL_BENCH_WORKER_DATABASE_URL: server.url, PROTOKOLL_BENCH_PORT: String(port) }),
  );
  await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('exit', (code) => reject(new Error(`an app instance stopped (exit code ${code})`)));
  })));
  const info: BenchServerInfo = { address: `http://127.0.0.1:${port}`, engine: 'postgres', instances, ...ids };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  const stop = async () => {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.send('stop');
    })));
    await server.drop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'protokoll-bench-load-'));
  const handle = await openMigratedDatabase({ dataDir });
  const ids = await seed(handle);
  const app = await buildApp({ database: handle, logger: false });
  const profiler = await startProfiler();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const info: BenchServerInfo = { address, engine: 'pglite', instances: 1, ...ids };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  const stop = async () => {
    await writeProfile(profiler, profileFile);
    await app.close();
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
