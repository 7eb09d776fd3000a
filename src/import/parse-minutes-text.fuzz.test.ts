import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minutesSchema } from '../domain/minutes.ts';
import { InputError } from '../errors.ts';
import { allAnnotatedMinutes } from '../../test/import/fixture-files.ts';
import { parseMinutesText } from './index.ts';

const texts = allAnnotatedMinutes().map((d) => d.text);

/** Parsing either gives minutes that satisfy the schema or refuses with an InputError; nothing else. */
function parsesOrRefuses(text: string): void {
  try {
    const minutes = parseMinutesText(text);
    const check = minutesSchema.safeParse(minutes);
    if (!check.success) throw new Error(`invalid minutes: ${check.error.message}`);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
}

const swedishish = fc.string({
  unit: fc.constantFrom(...'abcåäöÅÄÖ §§0123456789-–.,:;()\t\nXxSMCVL*_/'.split(''), 'Beslut', 'att ', 'Dnr ', 'Tid ', 'Plats ', 'Närvarande', 'ordf.', 'Justerare '),
  maxLength: 400,
});

/** Mutations of a real document: cut, duplicate or shuffle lines, insert noise. */
const mutated = fc
  .record({
    doc: fc.integer({ min: 0, max: Math.max(0, texts.length - 1) }),
    edits: fc.array(
      fc.record({
        kind: fc.constantFrom('delete', 'duplicate', 'insert', 'swap', 'truncate'),
        at: fc.nat(),
        noise: swedishish,
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ doc, edits }) => {
    const lines = (texts[doc] ?? '').split('\n');
    for (const edit of edits) {
      const i = lines.length ? edit.at % lines.length : 0;
      if (edit.kind === 'delete') lines.splice(i, 1);
      else if (edit.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
      else if (edit.kind === 'insert') lines.splice(i, 0, edit.noise);
      else if (edit.kind === 'swap' && lines.length > 1) [lines[i], lines[0]] = [lines[0] ?? '', lines[i] ?? ''];
      else if (edit.kind === 'truncate') lines.length = i;
    }
    return lines.join('\n');
  });

describe('parseMinutesText never crashes', () => {
  it('returns valid minutes or an InputError for random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => parsesOrRefuses(text)), { numRuns: 300 });
  });

  it('returns valid minutes or an InputError for Swedish-looking fragments', () => {
    fc.assert(fc.property(swedishish, (text) => parsesOrRefuses(text)), { numRuns: 500 });
  });

  it('returns valid minutes or an InputError for mutated annotated minutes', () => {
    expect(texts.length).toBeGreaterThan(0);
    fc.assert(fc.property(mutated, (text) => parsesOrRefuses(text)), { numRuns: 300 });
  });
});
