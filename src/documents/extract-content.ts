/**
 * Protokollsutdrag: selected §§ of adjusted minutes with the protocol's header and the certification
 * "Utdragets riktighet bestyrks", sent to those a decision concerns.
 */
import type { Minutes } from '../domain/minutes.ts';
import { InputError, type Problem } from '../errors.ts';
import type { DocumentContent, Section } from './document-model.ts';
import { labels } from './labels.ts';
import { buildMinutesContent, documentTitle, headerRows, itemSection, minutesBand } from './minutes-content.ts';

/** What to extract and who certifies it. */
export interface ExtractOptions {
  /** The § numbers to include, in any order; each must exist in the minutes. */
  paragraphs: number[];
  /** The person who certifies the extract (usually the secretary). */
  certifiedBy?: string | null;
  /** The date of certification, YYYY-MM-DD. */
  certifiedOn?: string | null;
  /**
   * An extract for the public drawn from the masked view (issue 17): a notice above the header that parts
   * are masked, and the reasons used, so the document says it is not the original.
   */
  publicVersion?: { heading: string; lead: string; reasons: string[] };
}

export function buildExtractContent(minutes: Minutes, options: ExtractOptions): DocumentContent {
  const wanted = [...new Set(options.paragraphs)].sort((a, b) => a - b);
  const problems: Problem[] = [];
  if (wanted.length === 0) {
    problems.push({ path: 'paragraphs', code: 'no_paragraphs', message: 'name at least one § to extract' });
  }
  options.paragraphs.forEach((number, index) => {
    if (!minutes.items.some((item) => item.number === number)) {
      problems.push({ path: `paragraphs[${index}]`, code: 'paragraph_not_found', message: `the minutes have no § ${number}` });
    }
  });
  if (problems.length > 0) throw new InputError(problems);

  const notice = options.publicVersion
    ? [
        { type: 'heading' as const, level: 2 as const, text: options.publicVersion.heading },
        { type: 'paragraph' as const, text: options.publicVersion.lead, tone: 'lead' as const },
        ...(options.publicVersion.reasons.length > 0 ? [{ type: 'list' as const, items: options.publicVersion.reasons }] : []),
      ]
    : [];
  const sections: Section[] = [
    { blocks: [...notice, { type: 'fields', rows: headerRows(minutes, { attendance: false, paragraphs: formatParagraphSelection(wanted) }) }] },
  ];
  minutes.items.forEach((item, index) => {
    if (item.number != null && wanted.includes(item.number)) sections.push(itemSection(minutes, item, index));
  });
  sections.push({
    anchor: 'bestyrkande',
    blocks: [
      {
        type: 'signatures',
        heading: labels.extract.certification,
        signers: [{ role: '', name: options.certifiedBy ?? null, note: options.certifiedOn ?? null }],
      },
    ],
  });
  const whole = buildMinutesContent(minutes);
  return {
    title: documentTitle(labels.documentName.extract, minutes),
    subject: `${labels.documentName.extract} ${formatParagraphSelection(wanted)}`,
    author: whole.author,
    band: minutesBand(minutes, labels.kind.extract),
    footerBoxes: whole.footerBoxes,
    sections,
  };
}

/** [12, 13, 14, 16] → '§§ 12–14, 16'; [7] → '§ 7'. */
export function formatParagraphSelection(numbers: number[]): string {
  const runs: string[] = [];
  let start = numbers[0];
  let previous = start;
  for (const number of [...numbers.slice(1), Number.NaN]) {
    if (start === undefined || previous === undefined) break;
    if (number === previous + 1) {
      previous = number;
      continue;
    }
    runs.push(start === previous ? `${start}` : `${start}\u2013${previous}`);
    start = number;
    previous = number;
  }
  return numbers.length === 1 ? `§ ${runs[0]}` : `§§ ${runs.join(', ')}`;
}
