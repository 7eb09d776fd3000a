import { describe, expect, it } from 'vitest';
import { planSearch, queryShare, termShare, type LexemeStatistics } from './search-plan.ts';

const statistics: LexemeStatistics = {
  shares: new Map([
    ['budget', 0.39],
    ['särskilt', 0.018],
    ['boend', 0.036],
    ['trafiksäkerhet', 0.02],
    ['trafikverket', 0.03],
  ]),
  floor: 0.016,
};

describe('how common a query is', () => {
  it('takes the rarest lexeme of a word or phrase, and half the floor for one the statistics did not keep', () => {
    expect(termShare({ kind: 'word', lexemes: ['budget'] }, statistics)).toBe(0.39);
    expect(termShare({ kind: 'phrase', lexemes: ['särskilt', 'boend'] }, statistics)).toBe(0.018);
    expect(termShare({ kind: 'word', lexemes: ['ernact'] }, statistics)).toBe(0.008);
    expect(termShare({ kind: 'word', lexemes: [] }, statistics)).toBe(0);
  });

  it('sums the kept lexemes a prefix starts, at least half the floor', () => {
    expect(termShare({ kind: 'prefix', lexemes: ['trafik'] }, statistics)).toBeCloseTo(0.05);
    expect(termShare({ kind: 'prefix', lexemes: ['zebra'] }, statistics)).toBe(0.008);
  });

  it('bounds a query by its rarest clause, a clause by the sum of its alternatives', () => {
    const word = (lexeme: string) => ({ kind: 'word' as const, lexemes: [lexeme] });
    expect(queryShare([[word('budget')], [word('särskilt')]], statistics)).toBe(0.018);
    expect(queryShare([[word('budget'), word('boend')]], statistics)).toBeCloseTo(0.426);
    expect(queryShare([[word('budget'), word('budget'), word('budget')]], statistics)).toBe(1);
  });
});

describe('the plan of a public search', () => {
  it('lets a common word walk the newest §§', () => {
    expect(planSearch(0.39, 1_000_000, 1000)).toEqual({ kind: 'walk' });
    expect(planSearch(0.1, 200, 1000)).toEqual({ kind: 'walk' });
  });

  it('reads every match of a query that has few in all', () => {
    expect(planSearch(0.001, 1_000_000, 1000)).toEqual({ kind: 'whole' });
    expect(planSearch(0.05, 20_000, 1000)).toEqual({ kind: 'whole' });
  });

  it('asks a range that should hold about 2 000 matches first, four times longer ones after, up to half the span', () => {
    const plan = planSearch(0.018, 1_000_000, 1000);
    expect(plan.kind).toBe('recent');
    const fractions = plan.kind === 'recent' ? plan.fractions : [];
    expect(fractions[0]).toBeCloseTo(2000 / 18_000);
    expect(fractions[1]).toBeCloseTo((4 * 2000) / 18_000);
    expect(fractions).toHaveLength(2);
    expect(fractions.every((f) => f < 0.5)).toBe(true);
  });
});
