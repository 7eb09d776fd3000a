/**
 * `npm run bench -- load [--duration 10] [--connections 50]`: the app on the demo data (embedded
 * database in a temporary folder, server in its own process) under autocannon, one target after the
 * other: /api/health as the baseline, the public page of an adjusted meeting, public search (web and
 * API), and a signed-in API read with a bearer token. Each target is first checked for status 200 and
 * a marker in its body; then requests/s, p50/p99 latency, errors, timeouts and non-2xx are printed.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

interface Target {
  name: string;
  path: string;
  marker: string;
  headers?: Record<string, string>;
}

export async function run(args: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const index = args.indexOf(name);
    const value = index >= 0 ? Number(args[index + 1]) : fallback;
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const duration = option('--duration', 10);
  const connections = option('--connections', 50);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

  const write = (line: string) => process.stdout.write(`${line}\n`);
  write(`load: node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  write('seeding the demo data and starting the server …');
  const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./load-server.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<{ address: string; meetingId: string; token: string }>((resolve, reject) => {
    let out = '';
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line) as { address: string; meetingId: string; token: string });
    });
    server.once('exit', (code) => reject(new Error(`the server stopped (exit code ${code})`)));
  });
  try {
    const bearer = { authorization: `Bearer ${ready.token}` };
    const targets: Target[] = [
      { name: 'health (baseline)', path: '/api/health', marker: '"status":"ok"' },
      { name: 'public protocol page', path: `/arkiv/sammantraden/${ready.meetingId}`, marker: 'Förbundsdirektionen, protokoll' },
      { name: 'public search, web', path: '/sok?q=budget', marker: '<mark>' },
      { name: 'public search, API', path: '/api/search?q=budget', marker: '"hits":[{' },
      { name: 'signed-in API read', path: `/api/meetings/${ready.meetingId}`, marker: `"id":"${ready.meetingId}"`, headers: bearer },
    ].filter((t) => !only || t.name.includes(only));
    for (const target of targets) await check(ready.address, target);
    write(`${connections} connections, ${duration} s per target\n`);
    write(['target'.padEnd(22), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8), 'errors'.padStart(7), 'timeouts'.padStart(9), 'non-2xx'.padStart(8)].join(''));
    for (const target of targets) {
      const result = await autocannon({ url: `${ready.address}${target.path}`, connections, duration, headers: target.headers ?? {}, timeout: 10 });
      write(
        [
          target.name.padEnd(22),
          result.requests.average.toFixed(0).padStart(8),
          String(result.latency.p50).padStart(8),
          String(result.latency.p99).padStart(8),
          String(result.latency.max).padStart(8),
          String(result.errors).padStart(7),
          String(result.timeouts).padStart(9),
          String(result.non2xx).padStart(8),
        ].join(''),
      );
      // The answers under load are still the right ones.
      await check(ready.address, target);
    }
    write(`\nload average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    server.kill('SIGTERM');
  }
}

async function check(address: string, target: Target): Promise<void> {
  const response = await fetch(`${address}${target.path}`, { headers: target.headers ?? {} });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(target.marker)) {
    throw new Error(`${target.name}: ${target.path} answered ${response.status} without "${target.marker}": ${body.slice(0, 300)}`);
  }
}
