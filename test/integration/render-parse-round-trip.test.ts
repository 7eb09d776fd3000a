import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { renderMinutesPdf } from '../../src/documents/index.ts';
import { minutesSchema } from '../../src/domain/minutes.ts';
import { annotatedSeeds, seedsDir } from '../support/seeds.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scorer = join(seedsDir, '..', '..', 'tools', 'score-minutes.mjs');
const dir = mkdtempSync(join(tmpdir(), 'protokoll-round-trip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('renders every annotated seed to PDF, and the importer reads each back at a score of at least 0.95', async () => {
  for (const seed of annotatedSeeds()) {
    const pdf = await renderMinutesPdf(minutesSchema.parse(seed.expected), { createdAt: '2026-01-01T00:00:00Z' });
    writeFileSync(join(dir, `${seed.name}.pdf`), pdf);
    copyFileSync(join(seedsDir, `${seed.name}.expected.json`), join(dir, `${seed.name}.expected.json`));
  }
  // The scorer the project is judged by, with the CLI exactly as a user runs it.
  const output = execFileSync(process.execPath, [scorer, '--dir', dir, '--cmd', `${process.execPath} ${join(root, 'bin/protokoll.js')} parse`], {
    encoding: 'utf8',
  });
  const scores = Object.fromEntries(
    output
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((cells) => annotatedSeeds().some((s) => s.name === cells[0]))
      .map((cells) => [cells[0], Number(cells[cells.length - 1]) / (cells[cells.length - 1]!.includes('.') ? 1 : 100)]),
  );
  expect(Object.keys(scores)).toHaveLength(annotatedSeeds().length);
  for (const [name, score] of Object.entries(scores)) expect(score, `${name}\n${output}`).toBeGreaterThanOrEqual(0.95);
}, 120_000);
