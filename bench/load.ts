/**
 * `npm run bench -- load [--duration 10] [--connections 50] [--only <name>] [--engine pglite|postgres] [--instances 2]`:
 * the app on the demo data (server in its own process: bench/load-server.ts) under autocannon, one
 * target after the other: /api/health as the baseline, every kind of public page (start page, notice
 * board, archive year, protocol page, § page, /sok, the search API, feeds, an OParl list) and a
 * signed-in API read. Each target is checked for status 200 and a marker in its body before and after
 * its run; then requests/s, p50/p99 latency, errors, timeouts, non-2xx and the load average are
 * printed, with the slowest and fastest public target and the goals (pages p99 ≤ 50 ms, search
 * p99 ≤ 100 ms, no errors). `--engine postgres` seeds a fresh database on DATABASE_URL or
 * TEST_DATABASE_URL and runs `--instances` app instances sharing one port (node:cluster).
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchServerInfo } from './load-server.ts';

interface Target {
  name: string;
  path: string;
  marker: string;
  headers?: Record<string, string>;
  /** /api/health: what the machine gives at all, measured in the same run. */
  baseline?: boolean;
  /** A search (goal p99 ≤ 100 ms) rather than a page (≤ 50 ms). */
  search?: boolean;
  /** Not a public page: measured, not held to the public goals. */
  signedIn?: boolean;
}

export async function run(args: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const index = args.indexOf(name);
    const value = index >= 0 ? Number(args[index + 1]) : fallback;
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const duration = option('--duration', 10);
  const connections = option('--connections', 50);
  const instances = option('--instances', 2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'pglite';
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`--engine: pglite or postgres, not ${engine}`);
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (engine === 'postgres' && !serverUrl) {
    throw new Error('--engine postgres: set DATABASE_URL or TEST_DATABASE_URL, or run through scripts/with-throwaway-postgres.sh');
  }

  const write = (line: string) => process.stdout.write(`${line}\n`);
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  write(`load: node ${process.version}, ${cpus().length} CPUs, ${new Date().toISOString()}, load average ${load()}`);
  write(`seeding the demo data and starting the server (${engine === 'postgres' ? `PostgreSQL, ${instances} app instances on one port` : 'embedded database, one app instance'}) …`);
  const env = { ...process.env, ...(engine === 'postgres' ? { PROTOKOLL_BENCH_DATABASE_URL: serverUrl, PROTOKOLL_BENCH_INSTANCES: String(instances) } : { PROTOKOLL_BENCH_DATABASE_URL: '' }) };
  const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./load-server.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const ready = await new Promise<BenchServerInfo>((resolve, reject) => {
    let out = '';
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line) as BenchServerInfo);
    });
    server.once('exit', (code) => reject(new Error(`the server stopped (exit code ${code})`)));
  });
  try {
    const bearer = { authorization: `Bearer ${ready.token}` };
    const page = '<main id="innehall"';
    const targets: Target[] = [
      { name: 'health (baseline)', path: '/api/health', marker: '"status":"ok"', baseline: true },
      { name: 'start page', path: '/', marker: page },
      { name: 'notice board', path: '/anslagstavla', marker: page },
      { name: 'archive year', path: `/arkiv/organ/${ready.bodyId}/${ready.year}`, marker: `/arkiv/sammantraden/${ready.meetingId}` },
      { name: 'protocol page', path: `/arkiv/sammantraden/${ready.meetingId}`, marker: 'Förbundsdirektionen, protokoll' },
      { name: '§ page', path: `/p/${ready.paragraphId}`, marker: `/arkiv/sammantraden/${ready.meetingId}#` },
      { name: 'web search /sok', path: '/sok?q=budget', marker: '<mark>', search: true },
      { name: 'web search, 2 facets', path: `/sok?q=budget&organisation=${ready.organizationId}&ar=${ready.year}`, marker: '<mark>', search: true },
      { name: 'search API', path: '/api/search?q=budget', marker: '"hits":[{', search: true },
      { name: 'feed, Atom', path: '/protokoll.atom', marker: '<feed' },
      { name: 'feed, iCalendar', path: '/kalender.ics', marker: 'BEGIN:VCALENDAR' },
      { name: 'OParl list', path: `/oparl/v1/bodies/${ready.organizationId}/meetings`, marker: '"data":[{' },
      { name: 'signed-in API read', path: `/api/meetings/${ready.meetingId}`, marker: `"id":"${ready.meetingId}"`, headers: bearer, signedIn: true },
    ].filter((t) => !only || t.baseline || t.name.includes(only));
    for (const target of targets) await check(ready.address, target);
    write(`${connections} connections, ${duration} s per target, ${ready.engine}${ready.instances > 1 ? ` with ${ready.instances} app instances` : ''}\n`);
    write(['target'.padEnd(24), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8), 'errors'.padStart(7), 'timeouts'.padStart(9), 'non-2xx'.padStart(8), '  load avg'].join(''));
    const results: { target: Target; rps: number; p50: number; p99: number; failures: number }[] = [];
    for (const target of targets) {
      const result = await autocannon({ url: `${ready.address}${target.path}`, connections, duration, headers: target.headers ?? {}, timeout: 10 });
      const failures = result.errors + result.timeouts + result.non2xx;
      results.push({ target, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures });
      write(
        [
          target.name.padEnd(24),
          result.requests.average.toFixed(0).padStart(8),
          String(result.latency.p50).padStart(8),
          String(result.latency.p99).padStart(8),
          String(result.latency.max).padStart(8),
          String(result.errors).padStart(7),
          String(result.timeouts).padStart(9),
          String(result.non2xx).padStart(8),
          `  ${loadavg()[0]!.toFixed(2)}`,
        ].join(''),
      );
      // The answers under load are still the right ones.
      await check(ready.address, target);
    }
    const publicResults = results.filter((r) => !r.target.baseline && !r.target.signedIn);
    if (publicResults.length) {
      const bySlowness = [...publicResults].sort((a, b) => b.p99 - a.p99);
      const describe = (r: (typeof results)[number]) => `${r.target.name} (${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms)`;
      write(`\npublic, slowest p99: ${describe(bySlowness[0]!)}; fastest: ${describe(bySlowness[bySlowness.length - 1]!)}`);
      const pages = publicResults.filter((r) => !r.target.search);
      const searches = publicResults.filter((r) => r.target.search);
      const worst = (list: typeof results) => (list.length ? Math.max(...list.map((r) => r.p99)) : NaN);
      const failures = publicResults.reduce((sum, r) => sum + r.failures, 0);
      write(`goals at ${connections} connections: pages p99 ≤ 50 ms: ${verdict(worst(pages), 50)}; search p99 ≤ 100 ms: ${verdict(worst(searches), 100)}; errors, timeouts and non-2xx: ${failures}`);
      const baseline = results.find((r) => r.target.baseline);
      if (baseline) write(`baseline /api/health in the same run: ${baseline.rps.toFixed(0)} req/s, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms`);
    }
    write(`load average after: ${load()}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

function verdict(worst: number, goal: number): string {
  if (Number.isNaN(worst)) return 'not measured';
  return `${worst <= goal ? 'met' : 'NOT met'} (worst ${worst} ms)`;
}

async function check(address: string, target: Target): Promise<void> {
  const response = await fetch(`${address}${target.path}`, { headers: target.headers ?? {} });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(target.marker)) {
    throw new Error(`${target.name}: ${target.path} answered ${response.status} without "${target.marker}": ${body.slice(0, 300)}`);
  }
}
