/**
 * Highlighted snippets. `ts_headline` marks the matched words with two sentinel characters that the
 * stored text cannot contain (the query strips them from the source first); here the marked text is
 * split into segments, and HTML is made from the segments with every piece of text escaped, so that
 * nothing in a § can become markup.
 */

export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/** `ts_headline` options: the sentinels, and up to two fragments of about 12–30 words. */
export const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

export interface SnippetSegment {
  text: string;
  /** True for a word that matched the query. */
  match: boolean;
}

/** Splits sentinel-marked text into plain and matched segments (adjacent ones of a kind merged). */
export function snippetSegments(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
  };
  let rest = marked;
  while (rest.length > 0) {
    const start = rest.indexOf(MATCH_START);
    if (start === -1) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, start), false);
    const end = rest.indexOf(MATCH_END, start + 1);
    const matched = rest.slice(start + 1, end === -1 ? rest.length : end);
    push(matched.replaceAll(MATCH_START, ''), true);
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return segments.map((s) => ({ text: s.text.replaceAll(MATCH_END, '').replace(/\s+/gu, ' '), match: s.match }));
}

export function snippetText(segments: SnippetSegment[]): string {
  return segments.map((s) => s.text).join('');
}

/** The segments as HTML: text escaped, matches in `<mark>`. */
export function snippetHtml(segments: SnippetSegment[]): string {
  return segments.map((s) => (s.match ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
