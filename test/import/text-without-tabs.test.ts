/**
 * Text from extractors that write no tabs: every seed and fixture with its tabs replaced by runs of spaces
 * (column-aligned like pdftotext -layout, with a left margin, with justified prose, or exactly two spaces)
 * must score about as well as with tabs; with a single space, where cells cannot be told from words, it must
 * stay usable.
 */
import { describe, expect, it } from 'vitest';
import { parseMinutesText } from '../../src/import/index.ts';
import { allAnnotatedMinutes } from './fixture-files.ts';
import { scoreMinutes } from './score-minutes.ts';
import { justifyProse, tabsToAlignedColumns, tabsToSpaces } from './tabless-text.ts';

const annotated = allAnnotatedMinutes();
const scoreOf = (expected: unknown, text: string) => scoreMinutes(expected, JSON.parse(JSON.stringify(parseMinutesText(text))));
const withMargin = (text: string) => text.split('\n').map((l) => (l.trim() === '' ? l : `      ${l}`)).join('\n');

const VARIANTS: ReadonlyArray<readonly [string, (text: string) => string, number]> = [
  ['columns aligned with spaces (pdftotext -layout)', tabsToAlignedColumns, 0.01],
  ['aligned columns under a shared left margin', (t) => withMargin(tabsToAlignedColumns(t)), 0.01],
  ['aligned columns and justified prose', (t) => justifyProse(tabsToAlignedColumns(t)), 0.01],
  ['each tab written as two spaces (empty cells lost)', (t) => tabsToSpaces(t, 2), 0.02],
];

describe('minutes extracted without tabs', () => {
  for (const [label, transform, slack] of VARIANTS) {
    it(`scores as with tabs: ${label}`, () => {
      const low: string[] = [];
      for (const doc of annotated) {
        const tabbed = scoreOf(doc.expected, doc.text).total;
        const spaced = scoreOf(doc.expected, transform(doc.text));
        if (spaced.total < tabbed - slack) low.push(`${doc.name}: ${spaced.total.toFixed(3)} (${spaced.notes.join('; ')})`);
      }
      expect(low).toEqual([]);
    });
  }

  it('stays usable with a single space for each tab: no document below 0.85, a mean of at least 0.97', () => {
    const scores = annotated.map((doc) => ({
      name: doc.name,
      tabbed: scoreOf(doc.expected, doc.text).total,
      ...scoreOf(doc.expected, tabsToSpaces(doc.text, 1)),
    }));
    // A document that does not reach 0.85 even with its tabs (a layout still being worked on) must not lose more.
    expect(scores.filter((s) => s.total < Math.min(0.85, s.tabbed - 0.01)).map((s) => `${s.name}: ${s.total.toFixed(3)} (${s.notes.join('; ')})`)).toEqual([]);
    expect(scores.reduce((sum, s) => sum + s.total, 0) / scores.length).toBeGreaterThanOrEqual(0.97);
  });
});
