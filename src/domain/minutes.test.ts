import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, MAX_TITLE_LENGTH, minutesItemSchema } from './minutes.ts';

const item = { number: 1, title: 'Budget 2027', caseNumber: null, decisions: ['att fastställa budgeten'] };

describe('the length limits of a §', () => {
  it('accepts a title and a text at their limits', () => {
    expect(minutesItemSchema.safeParse({ ...item, title: 'x'.repeat(MAX_TITLE_LENGTH), text: 'y'.repeat(MAX_TEXT_LENGTH) }).success).toBe(true);
  });

  it.each([
    ['title', { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) }],
    ['caseNumber', { caseNumber: 'x'.repeat(MAX_TITLE_LENGTH + 1) }],
    ['text', { text: 'y'.repeat(MAX_TEXT_LENGTH + 1) }],
    ['decisions.0', { decisions: ['y'.repeat(MAX_TEXT_LENGTH + 1)] }],
  ])('refuses a %s one character too long, naming the field', (path, change) => {
    const result = minutesItemSchema.safeParse({ ...item, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
  });
});
