import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Minutes } from '../../src/domain/minutes.ts';
import { annotatedSeeds } from '../support/seeds.ts';
import { runCli } from './support/cli.ts';

const seeds = annotatedSeeds();
const folder = mkdtempSync(join(tmpdir(), 'protokoll-check-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Seed 002 (a samordningsförbund board with a notice and limited presence), changed in one way, as a file. */
function seedVariant(name: string, change: (minutes: Minutes) => void): string {
  const seed = seeds.find((s) => s.name.startsWith('002_'));
  if (!seed) throw new Error('seed 002 is missing from ../shared/fixtures/seeds');
  const minutes = structuredClone(seed.expected) as Minutes;
  change(minutes);
  const path = join(folder, `${name}.json`);
  writeFileSync(path, JSON.stringify(minutes));
  return path;
}

function paragraph(minutes: Minutes, index: number) {
  const item = minutes.items[index];
  if (!item?.number) throw new Error(`seed 002 has no numbered item ${index}`);
  return item;
}

describe('protokoll check', () => {
  it('finds the four annotated seeds', () => {
    expect(seeds.map((s) => s.name.slice(0, 3))).toEqual(['000', '001', '002', '003']);
  });

  it('gives no error on any seed, as JSON or as the text the importer reads', async () => {
    const files = seeds.flatMap((s) => [s.textPath, s.textPath.replace(/\.txt$/, '.expected.json')]);
    const run = await runCli(['check', '--today', '2026-01-01', ...files]);
    expect(run.err).toContain(`${files.length} files: 0 errors`);
    expect(run.code).toBe(0);
    // What the seeds do have are warnings: a late justering and a § missing from the copy.
    expect(run.out.split('\n').filter(Boolean).every((line) => line.includes(' varning: '))).toBe(true);
  });

  const violations: [what: string, code: string, paragraphOf: (m: Minutes) => number | null, change: (m: Minutes) => void][] = [
    ['a meeting in the future', 'meeting_in_future', () => null, (m) => { m.meeting.date = '2026-03-01'; }],
    ['votes exceeding those present', 'vote_exceeds_voting_members', (m) => paragraph(m, 1).number, (m) => {
      paragraph(m, 1).votes = [{ question: 'Bifall till förslaget', yes: 9, no: 4, abstain: 0 }];
    }],
    ['a reservation by an absent person', 'reservation_by_non_voting_person', (m) => paragraph(m, 4).number, (m) => {
      const voting = m.attendees.find((a) => a.voting === true && a.role === 'member');
      if (!voting) throw new Error('seed 002 lists no voting member');
      voting.paragraphs = `${paragraph(m, 0).number}-${paragraph(m, 1).number}`;
      paragraph(m, 4).reservations = [{ name: voting.name, party: voting.party, reason: 'Vi yrkade avslag.' }];
    }],
    ['an inquorate §', 'quorum_not_met', (m) => paragraph(m, 2).number, (m) => {
      const voting = m.attendees.filter((a) => a.voting === true);
      for (const a of voting.slice(1)) a.paragraphs = `${paragraph(m, 0).number}-${paragraph(m, 1).number}`;
      if (paragraph(m, 2).decisions.length === 0) paragraph(m, 2).decisions = ['Styrelsen beslutar enligt förslaget.'];
    }],
    ['a justerare who was not present', 'adjuster_not_present', () => null, (m) => {
      m.adjustment.adjusters = ['Gunnel Frånvarande'];
    }],
    ['a duplicate § number', 'paragraph_number_duplicate', (m) => paragraph(m, 0).number, (m) => {
      paragraph(m, 1).number = paragraph(m, 0).number;
    }],
  ];

  for (const [what, code, paragraphOf, change] of violations) {
    it(`catches ${what} (${code}) and exits 1`, async () => {
      let expectedParagraph: number | null = null;
      const file = seedVariant(code, (m) => {
        change(m);
        expectedParagraph = paragraphOf(m);
      });
      const run = await runCli(['check', '--today', '2026-01-01', file]);
      expect(run.code).toBe(1);
      const where = expectedParagraph === null ? '' : ` §${expectedParagraph}`;
      expect(run.out).toContain(`${file}:${where} ${code} `);
    });
  }

  it('prints JSON with the severity, §, people and both languages on request', async () => {
    const file = seedVariant('json', (m) => {
      m.adjustment.adjusters = ['Gunnel Frånvarande'];
    });
    const run = await runCli(['check', '--json', '--lang', 'en', '--today', '2026-01-01', file]);
    expect(run.code).toBe(1);
    const [result] = JSON.parse(run.out) as { file: string; findings: { code: string; severity: string; persons: string[]; message: string; reference: string }[] }[];
    expect(result?.findings).toContainEqual(expect.objectContaining({
      code: 'adjuster_not_present', severity: 'error', persons: ['Gunnel Frånvarande'], reference: 'KL 5:69, 6:35',
      message: 'The adjuster Gunnel Frånvarande was not present at the meeting.',
    }));
  });

  it('reports a file that is not minutes, checks the rest, and exits 1', async () => {
    const bad = join(folder, 'bad.json');
    writeFileSync(bad, '{"kind":"protocol"}');
    const good = seeds[2]!.textPath;
    const run = await runCli(['check', '--today', '2026-01-01', bad, good]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${bad}: error:`);
    expect(run.err).toContain('2 files, 1 not read: 0 errors');
  });

  it('refuses bad options naming them', async () => {
    const run = await runCli(['check', '--today', '2026-02-30', '--seats', 'sju', seeds[0]!.textPath]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('--today');
    expect(run.err).toContain('--seats');
  });
});
