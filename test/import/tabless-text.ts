/**
 * The same text as another extractor would give it without tabs: table cells separated by a run of spaces
 * (pdftotext -layout: cells padded to shared columns), by exactly two spaces, or by one space.
 */

/** Every tab (or run of tabs) becomes `width` spaces. */
export function tabsToSpaces(text: string, width: number): string {
  const spaces = ' '.repeat(width);
  return text.replace(/\t+/gu, spaces);
}

/**
 * pdftotext -layout style: consecutive lines with tabs form a table whose cells are padded to a shared
 * column width plus two spaces, so the columns line up.
 */
export function tabsToAlignedColumns(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!lines[i]!.includes('\t')) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]!.includes('\t')) j++;
    const rows = lines.slice(i, j).map((l) => l.split('\t'));
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, cell.length)));
    for (const row of rows) {
      out.push(row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]! + 2))).join('').trimEnd());
    }
    i = j;
  }
  return out.join('\n');
}

/**
 * Justified prose as pdftotext -layout writes it: every line of a paragraph but its last, when long, is
 * stretched to the paragraph's widest line by doubling some of its spaces.
 */
export function justifyProse(text: string): string {
  const lines = text.split('\n');
  const isProse = (l: string | undefined) => l !== undefined && l.trim() !== '' && !l.includes('\t') && !l.includes('  ');
  const out = lines.slice();
  let i = 0;
  while (i < lines.length) {
    if (!isProse(lines[i])) {
      i++;
      continue;
    }
    let j = i;
    while (isProse(lines[j])) j++;
    const width = Math.max(...lines.slice(i, j).map((l) => l.length));
    for (let k = i; k < j - 1; k++) {
      const line = lines[k]!;
      const spaces = [...line.matchAll(/ /gu)].map((m) => m.index);
      const missing = width - line.length;
      if (line.length < 60 || missing <= 0 || spaces.length === 0) continue;
      const widen = new Set<number>();
      for (let n = 0; n < Math.min(missing, spaces.length); n++) widen.add(spaces[Math.floor((n * spaces.length) / Math.min(missing, spaces.length))]!);
      out[k] = [...line].map((c, p) => (widen.has(p) ? '  ' : c)).join('');
    }
    i = j;
  }
  return out.join('\n');
}
