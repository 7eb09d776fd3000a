/**
 * `npm run bench -- cli [--runs 10]`: how fast the `protokoll` command starts and renders, each against a
 * baseline measured in the same run, pair by pair (baseline, then ours, alternating, so a busy machine
 * slows both alike):
 * - `protokoll --help` from the build (dist/) against node's own start-up (`node -e 0`) and against the
 *   same command run from the TypeScript sources through tsx (what it cost before the build step);
 * - `protokoll render` of each seed's minutes to PDF against `soffice --headless --convert-to pdf` of the
 *   same seed's text (LibreOffice, what a secretary's Word-to-PDF costs; Debian `libreoffice-writer-nogui`).
 * Every run's output is checked: the help lists the commands, each PDF opens in `pdfinfo` and holds the
 * seed's first § title. Prints the median and the slowest and fastest run of each.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/protokoll.js');
const seeds = join(root, '../shared/fixtures/seeds');

interface Timing {
  label: string;
  times: number[];
}

function timed(command: string, args: string[], check: (stdout: string) => void, env: NodeJS.ProcessEnv = process.env): number {
  const start = performance.now();
  const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  check(result.stdout);
  return elapsed;
}

function summary({ label, times }: Timing): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `  ${label.padEnd(44)} median ${median.toFixed(0).padStart(5)} ms   fastest ${sorted[0]!.toFixed(0).padStart(5)} ms   slowest ${sorted.at(-1)!.toFixed(0).padStart(5)} ms`;
}

function median(times: number[]): number {
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

function pdfHolds(file: string, words: string): void {
  execFileSync('pdfinfo', [file], { stdio: 'pipe' });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const wanted = words.replace(/\s+/g, ' ').slice(0, 30);
  if (!text.includes(wanted)) throw new Error(`${file} does not contain "${wanted}"`);
}

export async function run(args: string[]): Promise<void> {
  const index = args.indexOf('--runs');
  const runs = index >= 0 && Number(args[index + 1]) > 0 ? Number(args[index + 1]) : 10;
  if (!existsSync(join(root, 'dist/.built'))) throw new Error('no build in dist/: run `npm run build` first (npm install does it)');
  if (!existsSync(seeds)) throw new Error(`the seed minutes are missing: expected them in ${seeds}`);

  const helpListsCommands = (stdout: string) => {
    if (!stdout.includes('Usage: protokoll') || !stdout.includes('render')) throw new Error('`protokoll --help` did not list the commands');
  };
  const baseline: Timing = { label: 'node -e 0 (node start-up)', times: [] };
  const built: Timing = { label: 'protokoll --help (dist/, compiled)', times: [] };
  const sources: Timing = { label: 'protokoll --help (sources through tsx)', times: [] };
  const fromSources = { ...process.env, PROTOKOLL_FROM_SOURCES: '1' };
  for (let i = 0; i < runs; i++) {
    baseline.times.push(timed(process.execPath, ['-e', '0'], () => undefined));
    built.times.push(timed(process.execPath, [bin, '--help'], helpListsCommands));
    sources.times.push(timed(process.execPath, [bin, '--help'], helpListsCommands, fromSources));
  }
  process.stdout.write(`cli start-up: ${runs} runs each, alternating\n${[baseline, built, sources].map(summary).join('\n')}\n`);
  process.stdout.write(`  --help costs ${(median(built.times) - median(baseline.times)).toFixed(0)} ms above node's own start-up\n`);

  const soffice = ['soffice', 'libreoffice'].find((name) => spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0);
  const work = mkdtempSync(join(tmpdir(), 'protokoll-bench-cli-'));
  try {
    const render: Timing = { label: 'protokoll render (JSON → PDF/A)', times: [] };
    const office: Timing = { label: 'soffice --convert-to pdf (text → PDF)', times: [] };
    const files = readdirSync(seeds).filter((name) => name.endsWith('.expected.json'));
    const renderRuns = Math.max(1, Math.ceil(runs / files.length));
    for (const name of files) {
      const base = name.replace(/\.expected\.json$/, '');
      // The seed's expected JSON is interchange minutes (an older seed may wrap it in { expected }).
      const data = JSON.parse(readFileSync(join(seeds, name), 'utf8')) as { expected?: unknown; items?: unknown };
      const minutes = (data.items ? data : data.expected) as { items: { title: string }[] };
      const minutesFile = join(work, `${base}.json`);
      writeFileSync(minutesFile, JSON.stringify(minutes));
      const firstTitle = minutes.items[0]?.title ?? '';
      for (let i = 0; i < renderRuns; i++) {
        const pdf = join(work, `${base}.pdf`);
        render.times.push(timed(process.execPath, [bin, 'render', minutesFile, '-o', pdf], () => pdfHolds(pdf, firstTitle)));
        if (soffice) {
          const outDir = join(work, 'soffice');
          office.times.push(
            timed(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', outDir, join(seeds, `${base}.txt`)], () => pdfHolds(join(outDir, `${base}.pdf`), firstTitle)),
          );
        }
      }
    }
    process.stdout.write(`render of the ${files.length} seeds, ${renderRuns} runs each (process start included)\n${summary(render)}\n`);
    if (soffice) {
      process.stdout.write(`${summary(office)}\n  protokoll render takes ${((median(render.times) / median(office.times)) * 100).toFixed(0)} % of soffice's time (median)\n`);
    } else {
      process.stdout.write('  soffice: not installed, so no comparison (Debian: apt-get install libreoffice-writer-nogui)\n');
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
