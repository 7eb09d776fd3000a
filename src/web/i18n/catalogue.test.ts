import { describe, expect, it } from 'vitest';
import { sv } from './sv.ts';
import { en } from './en.ts';

describe('result counts', () => {
  it('writes counts the Swedish way, with a space between thousands', () => {
    expect(sv.search.results(1)).toBe('1 träff');
    expect(sv.search.results(12_345)).toBe('12\u00a0345 träffar');
    expect(en.search.results(12_345)).toBe('12,345 results');
  });

  it('says "more than" when the search stopped counting', () => {
    expect(sv.search.results(1000, true)).toBe('Fler än 1\u00a0000 träffar');
    expect(sv.search.resultsFor(1000, 'skola', true)).toBe('Fler än 1\u00a0000 träffar på ”skola”');
    expect(sv.search.showing(1, 20, 1000, true)).toBe('Visar 1–20 av fler än 1\u00a0000');
    expect(sv.search.showing(1, 20, 40)).toBe('Visar 1–20 av 40');
    expect(en.search.resultsFor(1000, 'school', true)).toBe('More than 1,000 results for “school”');
  });
});
