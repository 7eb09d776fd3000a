/**
 * Structure-aware fuzzing of the minutes parser: the fictional fixtures (test/fixtures/minutes) are
 * mutated where the parser looks (§ headings, dates and times, attendance rows, tab cells, header
 * labels, vote marks, page furniture, line endings, odd Unicode), and short fragments are thrown at it
 * on their own. Every input must give minutes that satisfy the interchange schema or an InputError;
 * the number of inputs is printed.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { minutesSchema } from '../domain/minutes.ts';
import { InputError } from '../errors.ts';
import { annotatedMinutes, OWN_FIXTURES_DIR } from '../../test/import/fixture-files.ts';
import { parseMinutesText } from './index.ts';

const fixtures = annotatedMinutes(OWN_FIXTURES_DIR).map((d) => d.text);
let inputs = 0;
afterAll(() => console.info(`parser fuzz: ${inputs} inputs`));

function parsesOrRefuses(text: string): void {
  inputs++;
  try {
    const check = minutesSchema.safeParse(parseMinutesText(text));
    if (!check.success) throw new Error(`invalid minutes: ${check.error.message}`);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
}

const oddCharacters = ['\u00a0', '\u00ad', '\u200b', '\u202e', '\ufeff', '\u0000', '\ud800', '😀', 'ﬁ', 'å', 'Å', '§', '§§', '\t', '\r', '–', '—', '…', '"', '(', ')', ':'];

/** One mutation of a line, chosen by what the line looks like. */
const lineMutation = fc.oneof(
  fc.record({ kind: fc.constant('renumber' as const), to: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.constant(Number.MAX_SAFE_INTEGER)) }),
  fc.record({ kind: fc.constant('date' as const), to: fc.constantFrom('2024-13-45', '2023-02-29', '0000-00-00', '9999-12-31', '2024-02-30', '1 mars', '31 februari 2024', '2024-2-3', '') }),
  fc.record({ kind: fc.constant('time' as const), to: fc.constantFrom('25.61', '10.00–', '–12.30', '10:00-09:00', 'kl.', '24.00–00.00') }),
  fc.record({ kind: fc.constant('untab' as const), to: fc.constantFrom('', ' ', '  ', '    ', '\t\t') }),
  fc.record({ kind: fc.constant('tab' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('party' as const), to: fc.constantFrom('(', ')', '()', '(S', 'S)', '(S)(M)', '(Ö)', ' , , ') }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom(...oddCharacters) }),
  fc.record({ kind: fc.constant('case' as const), upper: fc.boolean() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 40 }) }),
);

/** Lines the parser treats as structure, added anywhere. */
const structureLine = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map((n) => `§ ${n} Ärende`),
  fc.integer({ min: 0, max: 999 }).map((n) => `KS § ${n}\tDnr KS 2024/${n}`),
  fc.constantFrom('Närvarande:', 'Beslutande', 'Tjänstgörande ersättare', 'Justeras', 'Justerat den 3 mars 2025', 'ANSLAG/BEVIS', 'Sida 3 av 10', '1 (12)', 'Omröstning', 'Ledamot\tJa\tNej\tAvstår', 'Reservation', 'Paragrafer: 7–10', 'Protokollet justeras', 'Vid protokollet'),
  fc.constantFrom('Anna Ek (S), ordförande', 'Bo Gran, M, Ekeby, tjänstgörande ersättare för', 'X\tX\tX', 'Summa\t4\t1\t1', 'Rätt utdraget intygar'),
);

const documentMutation = fc.oneof(
  fc.record({ kind: fc.constant('line' as const), at: fc.nat(), mutation: lineMutation }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), line: structureLine }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), from: fc.nat(), other: fc.nat(), count: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('newlines' as const), to: fc.constantFrom('\r\n', '\r', '\n\n', '\u2028') }),
);

function mutateLine(line: string, mutation: LineMutation): string {
  return applyLineMutation(line, mutation);
}

type LineMutation = typeof lineMutation extends fc.Arbitrary<infer T> ? T : never;
type DocumentMutation = typeof documentMutation extends fc.Arbitrary<infer T> ? T : never;

function applyLineMutation(line: string, mutation: LineMutation): string {
  switch (mutation.kind) {
    case 'renumber':
      return line.replace(/§\s*\d+/u, `§ ${mutation.to}`);
    case 'date':
      return line.replace(/\d{4}-\d{2}-\d{2}/u, mutation.to);
    case 'time':
      return line.replace(/\d{1,2}[.:]\d{2}\s*[–-]\s*\d{1,2}[.:]\d{2}/u, mutation.to);
    case 'untab':
      return line.replaceAll('\t', mutation.to);
    case 'tab': {
      const at = line.length ? mutation.at % line.length : 0;
      return `${line.slice(0, at)}\t${line.slice(at)}`;
    }
    case 'party':
      return line.replace(/\([A-ZÅÄÖ]{1,3}\)|, [A-ZÅÄÖ]{1,3},/u, mutation.to);
    case 'insert': {
      const at = line.length ? mutation.at % (line.length + 1) : 0;
      return `${line.slice(0, at)}${mutation.what}${line.slice(at)}`;
    }
    case 'case':
      return mutation.upper ? line.toUpperCase() : line.toLowerCase();
    case 'cut':
      return line.slice(0, line.length ? mutation.at % line.length : 0);
    case 'repeat':
      return Array.from({ length: mutation.times }, () => line).join(line.includes('\t') ? '\n' : ' ');
  }
}

function mutateDocument(text: string, mutations: DocumentMutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const pick = (n: number) => (lines.length ? n % lines.length : 0);
    if (m.kind === 'line') lines[pick(m.at)] = mutateLine(lines[pick(m.at)] ?? '', m.mutation);
    else if (m.kind === 'add') lines.splice(pick(m.at), 0, m.line);
    else if (m.kind === 'delete') lines.splice(pick(m.at), m.count);
    else if (m.kind === 'move') {
      const [line] = lines.splice(pick(m.from), 1);
      lines.splice(pick(m.to), 0, line ?? '');
    } else if (m.kind === 'splice') {
      const other = (fixtures[m.other % fixtures.length] ?? '').split('\n');
      const start = other.length ? m.from % other.length : 0;
      lines.splice(pick(m.from), 0, ...other.slice(start, start + m.count));
    } else if (m.kind === 'newlines') lines = lines.join(m.to).split('\n');
  }
  return lines.join('\n');
}

/** A fixture with up to 12 structure-aware mutations. */
const mutatedFixture = fc
  .record({ fixture: fc.nat(), mutations: fc.array(documentMutation, { minLength: 1, maxLength: 12 }) })
  .map(({ fixture, mutations }) => mutateDocument(fixtures[fixture % fixtures.length] ?? '', mutations));

/** A short document made only of structure lines and noise. */
const fragment = fc
  .array(fc.oneof(structureLine, fc.string({ maxLength: 60 }), fc.constantFrom(...oddCharacters)), { maxLength: 25 })
  .map((lines) => lines.join('\n'));

describe('the minutes parser under structure-aware fuzzing', () => {
  it('parses or refuses 5,000 mutated fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(10);
    fc.assert(fc.property(mutatedFixture, parsesOrRefuses), { numRuns: 5_000 });
  });

  it('parses or refuses 25,000 fragments of structure and noise', () => {
    fc.assert(fc.property(fragment, parsesOrRefuses), { numRuns: 25_000 });
  });
});
