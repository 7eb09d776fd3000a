import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.ts';
import { findPersonalData } from './detect.ts';
import { applyMaskings, findMaskingProblems, parseReason, reasonText, type Masking } from './masking.ts';

const osl = (chapter: number, section: number) => ({ law: 'OSL' as const, chapter, section });

describe('masking', () => {
  const text = 'Ansökan från Eva Berg, 19121212-1212, om försörjningsstöd avslås.';

  it('replaces each masked span with a marker naming its reason, and leaves the rest as written', () => {
    const [pnr] = findPersonalData(text).filter((f) => f.kind === 'personal_identity_number');
    const maskings: Masking[] = [
      { start: pnr!.start, end: pnr!.end, reason: osl(21, 7) },
      { start: text.indexOf('Eva Berg'), end: text.indexOf('Eva Berg') + 'Eva Berg'.length, reason: osl(26, 1) },
    ];
    expect(applyMaskings(text, maskings)).toBe('Ansökan från [maskerat enligt OSL 26:1], [maskerat enligt OSL 21:7], om försörjningsstöd avslås.');
    expect(applyMaskings(text, maskings, 'en')).toContain('[withheld under OSL 21:7]');
    expect(applyMaskings(text, [])).toBe(text);
  });

  it('refuses spans outside the text, empty or overlapping, naming each', () => {
    const problems = findMaskingProblems(text, [
      { start: 5, end: 10, reason: osl(26, 1) },
      { start: 8, end: 12, reason: osl(26, 1) },
      { start: 60, end: 500, reason: osl(26, 1) },
      { start: 3, end: 3, reason: osl(26, 1) },
    ]);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['maskings[3]', 'masking_outside_text'],
      ['maskings[1]', 'masking_overlaps'],
      ['maskings[2]', 'masking_outside_text'],
    ]);
    expect(() => applyMaskings(text, [{ start: 8, end: 4, reason: osl(26, 1) }])).toThrow(InputError);
  });

  it.each([
    ['OSL 26:1', 'OSL 26:1'],
    ['osl 21 kap. 7 §', 'OSL 21:7'],
    ['GDPR art. 9', 'GDPR art. 9'],
    ['Dataskyddsförordningen artikel 10', 'GDPR art. 10'],
    ['GDPR', 'GDPR art. 6'],
  ])('reads the reason "%s" as %s', (written, printed) => {
    expect(reasonText(parseReason(written)!)).toBe(printed);
  });

  it('does not read a reason that is not one', () => {
    expect(parseReason('hemligt')).toBeNull();
    expect(parseReason('OSL')).toBeNull();
  });
});
