import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { assignParagraphNumbers, findNumberingProblems, nextParagraphNumber, paragraphRangeOf } from './paragraph-numbering.ts';

describe('nextParagraphNumber', () => {
  it.each([
    [[], 1, 'the year’s first § is 1'],
    [[1, 2, 3], 4, 'continues after the highest'],
    [[12, 3, 7], 13, 'does not depend on the order'],
    [[1, 2, 5], 6, 'continues after a gap rather than filling it'],
  ])('with %j used, the next § is %i (%s)', (existing, expected) => {
    expect(nextParagraphNumber(existing)).toBe(expected);
  });
});

describe('assignParagraphNumbers', () => {
  it.each([
    [{ meetingOn: '2020-02-10', itemsCount: 3, lastNumberInYear: null }, { year: 2020, numbers: [1, 2, 3] }],
    [{ meetingOn: '2020-10-09', itemsCount: 4, lastNumberInYear: 41 }, { year: 2020, numbers: [42, 43, 44, 45] }],
    [{ meetingOn: '2021-01-15', itemsCount: 2, lastNumberInYear: 0 }, { year: 2021, numbers: [1, 2] }],
    [{ meetingOn: '2021-03-01', itemsCount: 0, lastNumberInYear: 5 }, { year: 2021, numbers: [] }],
  ])('numbers %o as %o', (input, expected) => {
    expect(assignParagraphNumbers(input)).toEqual(expected);
  });

  it('reports every bad argument together', () => {
    try {
      assignParagraphNumbers({ meetingOn: '2021-02-30', itemsCount: -1, lastNumberInYear: 2.5 });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).problems.map((problem) => problem.path)).toEqual([
        'meetingOn',
        'itemsCount',
        'lastNumberInYear',
      ]);
    }
  });
});

describe('findNumberingProblems', () => {
  const numbered = (...numbers: (number | null)[]) => numbers.map((number) => ({ number }));

  it('finds nothing wrong with consecutive §§', () => {
    expect(findNumberingProblems(numbered(42, 43, 44), { lastNumberInYear: 41 })).toEqual([]);
  });

  it.each([
    [numbered(1, 2, 2, 3), [['items[2].number', 'duplicate_paragraph_number']]],
    [numbered(1, 3, 2), [['items[1].number', 'paragraph_number_gap'], ['items[2].number', 'paragraph_number_not_increasing']]],
    [numbered(5, 4), [['items[1].number', 'paragraph_number_not_increasing']]],
    [numbered(1, null, 2), [['items[1].number', 'missing_paragraph_number']]],
    [numbered(1, 2, 5), [['items[2].number', 'paragraph_number_gap']]],
    [numbered(3, 3, 3), [['items[1].number', 'duplicate_paragraph_number'], ['items[2].number', 'duplicate_paragraph_number']]],
  ])('in %j reports %j', (items, expected) => {
    expect(findNumberingProblems(items).map((problem) => [problem.path, problem.code])).toEqual(expected);
  });

  it('reports a first § that does not follow the body’s last § of the year', () => {
    expect(findNumberingProblems(numbered(1, 2), { lastNumberInYear: 41 })).toEqual([
      {
        path: 'items[0].number',
        code: 'paragraph_number_not_continuous',
        message: "the first § is 1 but the body's last § this year was 41",
      },
    ]);
  });

  it('names the earlier place of a duplicate and uses the given path', () => {
    expect(findNumberingProblems(numbered(7, 7), { path: 'minutes.items' })[0]).toEqual({
      path: 'minutes.items[1].number',
      code: 'duplicate_paragraph_number',
      message: '§ 7 is used twice (also at minutes.items[0])',
    });
  });

  it('says which §§ a gap leaves out', () => {
    expect(findNumberingProblems(numbered(1, 5))[0]?.message).toBe('§ 5 follows § 1: §§ 2–4 are missing');
  });
});

describe('paragraphRangeOf', () => {
  it('spans the lowest to the highest numbered item, skipping unnumbered points', () => {
    expect(paragraphRangeOf([44, 45, null, 53, 46])).toEqual({ first: 44, last: 53 });
    expect(paragraphRangeOf([7])).toEqual({ first: 7, last: 7 });
  });

  it('is null when no item has a number', () => {
    expect(paragraphRangeOf([])).toBeNull();
    expect(paragraphRangeOf([null, null])).toBeNull();
  });
});
