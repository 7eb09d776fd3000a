import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minutesSchema } from '../domain/minutes.ts';
import { renderMinutesPdf } from './index.ts';
import { readPdfLines } from '../../test/documents/pdf-text.ts';
import { readRenderedMinutes } from '../../test/documents/rendered-minutes-reader.ts';
import { buildFictionalMinutes } from '../../test/documents/fictional-minutes.ts';

// The shared seeds and their scorer live beside the repository (../shared); they are read, never copied in.
const shared = resolve(import.meta.dirname, '../../../shared');
const seeds = join(shared, 'fixtures/seeds');
const scorer = join(shared, 'tools/score-minutes.mjs');
const seedNames = ['000_197ae4cfc3e18306', '001_60bde1ca274c078c', '002_19e1d93d150701ee', '003_f802f8f9d18bb8ef'];
/** The shared files this test reads that are not there; the test fails naming them rather than being skipped. */
const missing = [scorer, ...seedNames.map((name) => join(seeds, `${name}.expected.json`))].filter((path) => !existsSync(path));

describe('reading a rendered protocol back', () => {
  it('gives back the attendees, §§, decisions and anslag of fictional minutes', async () => {
    const minutes = buildFictionalMinutes({ count: 12 });
    const read = readRenderedMinutes(await readPdfLines(await renderMinutesPdf(minutes, { createdAt: '2024-10-03T12:00:00Z' })));
    expect(read.organization).toBe(minutes.organization);
    expect(read.meeting).toEqual(minutes.meeting);
    expect(read.attendees).toEqual(minutes.attendees);
    expect(read.signatures).toEqual(minutes.signatures);
    expect(read.adjustment).toEqual(minutes.adjustment);
    expect(read.notice).toEqual(minutes.notice);
    expect(read.items.map((item) => [item.number, item.title, item.caseNumber, item.decisions, item.attachments])).toEqual(
      minutes.items.map((item) => [item.number, item.title, item.caseNumber, item.decisions, item.attachments]),
    );
    expect(read.items[8]!.reservations).toEqual(minutes.items[8]!.reservations);
  });

  it('scores at least 0.95 for every seed rendered and read back', async () => {
    if (missing.length) throw new Error(`the shared seeds and scorer are missing: ${missing.join(', ')} (they live in ../shared, beside the repository)`);
    const input = mkdtempSync(join(tmpdir(), 'protokoll-round-trip-in-'));
    const produced = mkdtempSync(join(tmpdir(), 'protokoll-round-trip-out-'));
    for (const name of seedNames) {
      const expectedFile = join(seeds, `${name}.expected.json`);
      const minutes = minutesSchema.parse(JSON.parse(readFileSync(expectedFile, 'utf8')));
      const pdf = await renderMinutesPdf(minutes, { createdAt: '2024-01-01T00:00:00Z' });
      writeFileSync(join(input, `${name}.pdf`), pdf);
      copyFileSync(expectedFile, join(input, `${name}.expected.json`));
      writeFileSync(join(produced, `${name}.json`), JSON.stringify(readRenderedMinutes(await readPdfLines(pdf))));
    }
    const report = execFileSync(process.execPath, [scorer, '--dir', input, '--produced', produced], { encoding: 'utf8' });
    const totals = report
      .split('\n')
      .filter((line) => seedNames.some((name) => line.startsWith(name)))
      .map((line) => Number(line.trim().split(/\s+/).pop()) / 100);
    expect(totals).toHaveLength(seedNames.length);
    for (const total of totals) expect(total).toBeGreaterThanOrEqual(0.95);
  });
});
