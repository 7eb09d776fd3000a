/**
 * Diarienummer (Dnr): each organisation numbers its cases in its own format, e.g. `2010.009-7`, `20:06`,
 * `KS 2018/124`, `P20/01`. A small template language describes a format:
 *
 *   {yyyy}    the year, four digits           {yy}      the year, two digits
 *   {seq}     the sequence number             {seq:3}   the sequence, zero-padded to at least 3 digits
 *   {prefix}  a series such as KS or SBN      {class}   a classification code such as 7
 *   {{ and }} a literal brace; anything else is literal text (a space matches any run of spaces)
 *
 * so the four formats above are `{yyyy}.{seq:3}-{class}`, `{yy}:{seq:2}`, `{prefix} {yyyy}/{seq}`, `P{yy}/{seq:2}`.
 */
import { InputError, type Problem } from '../errors.ts';

/** The parts of a diarienummer. */
export interface CaseNumberParts {
  /** Four-digit year; null when the format has no year. */
  year: number | null;
  /** Löpnummer within the year (and series). */
  sequence: number;
  /** Serie, e.g. 'KS'; null when the format has none. */
  prefix: string | null;
  /** Klassificering, e.g. '7'; null when the format has none. */
  classCode: string | null;
}

/** One part of a compiled Dnr template: literal text or a placeholder. */
export type CaseNumberTemplatePart =
  | { kind: 'literal'; text: string }
  | { kind: 'year4' }
  | { kind: 'year2' }
  | { kind: 'sequence'; width: number }
  | { kind: 'prefix' }
  | { kind: 'class' };

// Two-digit years 00–69 are read as 2000–2069 and 70–99 as 1970–1999; the oldest digital minutes are from the 1990s.
const TWO_DIGIT_YEAR_PIVOT = 70;

/** Checks a Dnr template and returns its parts in order; throws InputError listing every problem. */
export function compileCaseNumberTemplate(template: string): readonly CaseNumberTemplatePart[] {
  const tokens: CaseNumberTemplatePart[] = [];
  const problems: Problem[] = [];
  let literal = '';
  const pushLiteral = (): void => {
    if (literal) tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let index = 0;
  while (index < template.length) {
    const char = template[index] as string;
    if (template.startsWith('{{', index) || template.startsWith('}}', index)) {
      literal += char;
      index += 2;
    } else if (char === '{') {
      const end = template.indexOf('}', index);
      if (end === -1) {
        problems.push(templateProblem(`'{' at position ${index} is never closed`));
        break;
      }
      const name = template.slice(index + 1, end);
      const token = placeholderCaseNumberTemplatePart(name);
      if (token) {
        pushLiteral();
        tokens.push(token);
      } else {
        problems.push(templateProblem(`unknown placeholder {${name}}`));
      }
      index = end + 1;
    } else if (char === '}') {
      problems.push(templateProblem(`'}' at position ${index} has no opening '{'`));
      index += 1;
    } else {
      literal += char;
      index += 1;
    }
  }
  pushLiteral();
  if (problems.length === 0 && !tokens.some((token) => token.kind === 'sequence')) {
    problems.push(templateProblem('a Dnr template needs {seq}'));
  }
  if (problems.length > 0) throw new InputError(problems);
  return tokens;
}

/** The diarienummer for these parts in the organisation's format. */
export function formatCaseNumber(
  template: string,
  parts: { year: number; sequence: number; prefix?: string | null; classCode?: string | null },
): string {
  const tokens = compileCaseNumberTemplate(template);
  const problems: Problem[] = [];
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) {
    problems.push({ path: 'year', code: 'invalid_case_number_part', message: 'must be a four-digit year' });
  }
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1) {
    problems.push({ path: 'sequence', code: 'invalid_case_number_part', message: 'must be a whole number, 1 or more' });
  }
  const uses = (kind: CaseNumberTemplatePart['kind']) => tokens.some((token) => token.kind === kind);
  if (uses('prefix') && !parts.prefix) {
    problems.push({ path: 'prefix', code: 'missing_case_number_part', message: 'the format has {prefix}' });
  }
  if (uses('class') && !parts.classCode) {
    problems.push({ path: 'classCode', code: 'missing_case_number_part', message: 'the format has {class}' });
  }
  if (problems.length > 0) throw new InputError(problems);

  return tokens
    .map((token) => {
      switch (token.kind) {
        case 'literal':
          return token.text;
        case 'year4':
          return String(parts.year);
        case 'year2':
          return String(parts.year % 100).padStart(2, '0');
        case 'sequence':
          return String(parts.sequence).padStart(token.width, '0');
        case 'prefix':
          return parts.prefix as string;
        case 'class':
          return parts.classCode as string;
      }
    })
    .join('');
}

/**
 * The parts of a diarienummer written in the organisation's format, or null when it does not fit. Leading and
 * trailing space is ignored; a padded {seq:N} also accepts fewer or more digits, since people type `20:6`.
 */
export function parseCaseNumber(template: string, text: string): CaseNumberParts | null {
  const tokens = compileCaseNumberTemplate(template);
  const pattern = tokens
    .map((token) => {
      switch (token.kind) {
        case 'literal':
          return token.text.split(/\s+/).map(escapeRegExp).join('\\s+');
        case 'year4':
          return '(?<year4>\\d{4})';
        case 'year2':
          return '(?<year2>\\d{2})';
        case 'sequence':
          return '(?<sequence>\\d+)';
        case 'prefix':
          return '(?<prefix>\\p{L}[\\p{L}\\p{N}-]*)';
        case 'class':
          return '(?<classCode>[\\p{L}\\p{N}]+)';
      }
    })
    .join('');
  const groups = new RegExp(`^${pattern}$`, 'u').exec(text.trim())?.groups;
  if (!groups) return null;
  const sequence = Number(groups.sequence);
  if (sequence < 1) return null;
  let year: number | null = null;
  if (groups.year4 !== undefined) year = Number(groups.year4);
  else if (groups.year2 !== undefined) {
    const short = Number(groups.year2);
    year = short < TWO_DIGIT_YEAR_PIVOT ? 2000 + short : 1900 + short;
  }
  return { year, sequence, prefix: groups.prefix ?? null, classCode: groups.classCode ?? null };
}

/**
 * A diarienummer as written in minutes, cleaned: without a leading 'Dnr' (or 'Dnr:', 'Diarienummer'),
 * surrounding brackets and trailing punctuation, with runs of spaces made one. Null when nothing is left.
 */
export function normaliseCaseNumber(text: string): string | null {
  let cleaned = text.replace(/\s+/g, ' ').trim();
  cleaned = cleaned.replace(/^[([]\s*/, '');
  cleaned = cleaned.replace(/^(?:diarienummer|diarienr|dnr)\b\.?\s*(?:nr\.?\s*)?:?\s*/iu, '');
  cleaned = cleaned.replace(/[\s.,;:)\]]+$/, '');
  return cleaned === '' ? null : cleaned;
}

function placeholderCaseNumberTemplatePart(name: string): CaseNumberTemplatePart | null {
  if (name === 'yyyy') return { kind: 'year4' };
  if (name === 'yy') return { kind: 'year2' };
  if (name === 'prefix') return { kind: 'prefix' };
  if (name === 'class') return { kind: 'class' };
  if (name === 'seq') return { kind: 'sequence', width: 1 };
  const padded = /^seq:([1-9])$/.exec(name);
  return padded ? { kind: 'sequence', width: Number(padded[1]) } : null;
}

function templateProblem(message: string): Problem {
  return { path: 'template', code: 'invalid_case_number_template', message };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
