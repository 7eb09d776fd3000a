import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { compileCaseNumberTemplate, formatCaseNumber, normaliseCaseNumber, parseCaseNumber } from './case-number.ts';

// The four formats seen in the seed minutes.
const formats = [
  ['{yyyy}.{seq:3}-{class}', { year: 2010, sequence: 9, prefix: null, classCode: '7' }, '2010.009-7'],
  ['{yy}:{seq:2}', { year: 2020, sequence: 6, prefix: null, classCode: null }, '20:06'],
  ['{prefix} {yyyy}/{seq}', { year: 2018, sequence: 124, prefix: 'KS', classCode: null }, 'KS 2018/124'],
  ['P{yy}/{seq:2}', { year: 2020, sequence: 1, prefix: null, classCode: null }, 'P20/01'],
] as const;

describe('formatCaseNumber', () => {
  it.each(formats)('writes %s with %o as %s', (template, parts, expected) => {
    expect(formatCaseNumber(template, parts)).toBe(expected);
  });

  it.each([
    ['{yy}:{seq:2}', { year: 2020, sequence: 123 }, '20:123', 'a sequence wider than the padding is kept whole'],
    ['{yy}:{seq:2}', { year: 2005, sequence: 4 }, '05:04', 'a two-digit year keeps its leading zero'],
    ['Dnr {{{yyyy}}}-{seq}', { year: 2024, sequence: 3 }, 'Dnr {2024}-3', 'doubled braces are literal'],
  ])('writes %s with %o as %s (%s)', (template, parts, expected) => {
    expect(formatCaseNumber(template, parts)).toBe(expected);
  });

  it('names every missing or bad part', () => {
    try {
      formatCaseNumber('{prefix} {yyyy}/{seq}-{class}', { year: 18, sequence: 0 });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).problems.map((problem) => [problem.path, problem.code])).toEqual([
        ['year', 'invalid_case_number_part'],
        ['sequence', 'invalid_case_number_part'],
        ['prefix', 'missing_case_number_part'],
        ['classCode', 'missing_case_number_part'],
      ]);
    }
  });
});

describe('parseCaseNumber', () => {
  it.each(formats)('reads %s back from %s', (template, parts, text) => {
    expect(parseCaseNumber(template, text)).toEqual(parts);
  });

  it.each([
    ['{yy}:{seq:2}', '20:6', { year: 2020, sequence: 6 }, 'an unpadded sequence'],
    ['{yy}:{seq:2}', '98:12', { year: 1998, sequence: 12 }, 'a two-digit year from the 1990s'],
    ['{prefix} {yyyy}/{seq}', '  KS   2018/124 ', { prefix: 'KS', sequence: 124 }, 'extra spaces'],
    ['{prefix} {yyyy}/{seq}', 'SBN-AU 2019/7', { prefix: 'SBN-AU', year: 2019 }, 'a prefix with a hyphen'],
    ['{prefix} {yyyy}/{seq}', 'ÖFN 2019/7', { prefix: 'ÖFN' }, 'a prefix with å, ä or ö'],
    ['{yyyy}.{seq:3}-{class}', '2010.009-12', { classCode: '12', sequence: 9 }, 'a longer class code'],
  ])('with %s reads %s as %o (%s)', (template, text, expected, _why) => {
    expect(parseCaseNumber(template, text)).toMatchObject(expected);
  });

  it.each([
    ['{yy}:{seq:2}', 'KS 2018/124', 'another format'],
    ['{yy}:{seq:2}', '2020:06', 'a four-digit year where two are expected'],
    ['P{yy}/{seq:2}', 'P20/00', 'sequence 0'],
    ['{yyyy}.{seq:3}-{class}', '2010.009', 'the class code missing'],
    ['{prefix} {yyyy}/{seq}', 'KS 2018/124 extra', 'trailing text'],
    ['{yy}:{seq:2}', '', 'an empty text'],
  ])('with %s does not read %s (%s)', (template, text) => {
    expect(parseCaseNumber(template, text)).toBeNull();
  });

  it('treats regular expression characters in the template as literal text', () => {
    expect(parseCaseNumber('{yyyy}.{seq}', '2010x9')).toBeNull();
    expect(parseCaseNumber('({yyyy})+{seq}', '(2010)+9')).toMatchObject({ year: 2010, sequence: 9 });
  });
});

describe('compileCaseNumberTemplate', () => {
  it.each([
    ['{yy}:{number}', 'unknown placeholder {number}'],
    ['{yy}:{seq:0}', 'unknown placeholder {seq:0}'],
    ['{yyyy}/', 'a Dnr template needs {seq}'],
    ['{yyyy}/{seq', "'{' at position 7 is never closed"],
    ['{yyyy}}/{seq}', "'}' at position 6 has no opening '{'"],
  ])('refuses %s: %s', (template, message) => {
    try {
      compileCaseNumberTemplate(template);
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).problems[0]).toEqual({ path: 'template', code: 'invalid_case_number_template', message });
    }
  });
});

describe('normaliseCaseNumber', () => {
  it.each([
    ['Dnr 2010.009-7', '2010.009-7'],
    ['Dnr: 20:06', '20:06'],
    ['Dnr. KS 2018/124.', 'KS 2018/124'],
    ['DNR P20/01,', 'P20/01'],
    ['dnr nr 20:06;', '20:06'],
    ['Diarienummer: KS  2018/124', 'KS 2018/124'],
    ['(Dnr KS 2018/124)', 'KS 2018/124'],
    ['  20:06  ', '20:06'],
    ['Dnrs 20:06', 'Dnrs 20:06'],
    ['Dnr', null],
    ['  ', null],
  ])('cleans %j to %j', (text, expected) => {
    expect(normaliseCaseNumber(text)).toBe(expected);
  });
});
