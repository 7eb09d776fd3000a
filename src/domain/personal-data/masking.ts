/**
 * Maskering: a part of a text withheld from the public rendition, with its legal reason, kept apart from
 * the text so that the original stays whole and sealed. The public rendition shows a marker with the reason
 * in place of the part ("[maskerat enligt OSL 26:1]"), as Swedish bodies print it.
 */
import { InputError, type Problem } from '../../errors.ts';

/** Why a part is withheld: a section of offentlighets- och sekretesslagen, or the data protection regulation. */
export type MaskingReason = { law: 'OSL'; chapter: number; section: number } | { law: 'GDPR'; article: string };

/** A withheld span of one text, in UTF-16 offsets: [start, end). */
export interface Masking {
  start: number;
  end: number;
  reason: MaskingReason;
}

/** The reason as printed: "OSL 26:1", "GDPR art. 9". */
export function reasonText(reason: MaskingReason): string {
  return reason.law === 'OSL' ? `OSL ${reason.chapter}:${reason.section}` : `GDPR art. ${reason.article}`;
}

/** Reads a written reason ("OSL 26:1", "osl 21 kap. 7 §", "GDPR art. 9", "GDPR"), or null when it is none of these. */
export function parseReason(written: string): MaskingReason | null {
  const text = written.trim();
  const osl = /^OSL\s+(\d{1,2})\s*(?::|kap\.?\s*)\s*(\d{1,2})\s*§?$/iu.exec(text);
  if (osl) return { law: 'OSL', chapter: Number(osl[1]), section: Number(osl[2]) };
  const gdpr = /^(?:GDPR|dataskyddsförordningen)(?:\s+art(?:ikel|\.)?\s*(\d{1,2}(?:\.\d{1,2})?))?$/iu.exec(text);
  if (gdpr) return { law: 'GDPR', article: gdpr[1] ?? '6' };
  return null;
}

/** The marker that stands in the public rendition where a part was withheld. */
export function maskingMarker(reason: MaskingReason, language: 'sv' | 'en' = 'sv'): string {
  return language === 'sv' ? `[maskerat enligt ${reasonText(reason)}]` : `[withheld under ${reasonText(reason)}]`;
}

/** Problems with maskings of a text: outside it, empty, or overlapping another. */
export function findMaskingProblems(text: string, maskings: readonly Masking[], path = 'maskings'): Problem[] {
  const problems: Problem[] = [];
  const sorted = maskings.map((m, index) => ({ m, index })).sort((a, b) => a.m.start - b.m.start);
  let previous: { m: Masking; index: number } | null = null;
  for (const { m, index } of sorted) {
    const at = `${path}[${index}]`;
    if (!Number.isInteger(m.start) || !Number.isInteger(m.end) || m.start < 0 || m.end > text.length || m.start >= m.end) {
      problems.push({ path: at, code: 'masking_outside_text', message: `the span ${m.start}–${m.end} is not a part of the text (0–${text.length})` });
      continue;
    }
    if (previous && m.start < previous.m.end) {
      problems.push({ path: at, code: 'masking_overlaps', message: `overlaps ${path}[${previous.index}]` });
    }
    previous = { m, index };
  }
  return problems;
}

/** The public rendition of a text: each masked span replaced by its marker. Throws on invalid maskings. */
export function applyMaskings(text: string, maskings: readonly Masking[], language: 'sv' | 'en' = 'sv'): string {
  const problems = findMaskingProblems(text, maskings);
  if (problems.length > 0) throw new InputError(problems);
  let out = '';
  let at = 0;
  for (const m of [...maskings].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, m.start) + maskingMarker(m.reason, language);
    at = m.end;
  }
  return out + text.slice(at);
}
