/**
 * § numbering: the §§ of a body run on through the calendar year, each number once (KL 5:65 and every
 * reglemente). Within one protocol a gap is a warning: a § may be missing from the document we were given
 * (one removed for sekretess, a page lost in scanning) without the numbering being wrong.
 */
import type { Minutes } from '../minutes.ts';
import { paragraphRangeOf } from '../paragraph-numbering.ts';
import type { CheckContext } from './context.ts';
import { finding, type Finding } from './finding.ts';

export function checkNumbering(minutes: Minutes, context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  const earlier = new Set(context.earlierNumbersInYear ?? []);
  let previous: number | null = null;
  minutes.items.forEach((item, index) => {
    const number = item.number;
    if (number === null) {
      findings.push(finding('paragraph_number_missing', { values: { position: index + 1 } }));
      return;
    }
    if (seen.has(number)) {
      findings.push(finding('paragraph_number_duplicate', { paragraph: number, values: { paragraph: number } }));
      return;
    }
    seen.add(number);
    if (earlier.has(number)) {
      findings.push(finding('paragraph_number_used_earlier_in_year', { paragraph: number, values: { paragraph: number } }));
    }
    if (previous !== null && number < previous) {
      findings.push(finding('paragraph_number_not_increasing', { paragraph: number, values: { paragraph: number, previous } }));
    } else if (previous !== null && number > previous + 1) {
      const missing = number === previous + 2 ? `§ ${previous + 1}` : `§§ ${previous + 1}–${number - 1}`;
      findings.push(finding('paragraph_number_gap', { paragraph: number, values: { paragraph: number, previous, missing } }));
    } else if (previous === null && context.earlierNumbersInYear && earlier.size > 0) {
      const last = Math.max(...earlier);
      if (number > last + 1) findings.push(finding('paragraph_number_not_continuous', { paragraph: number, values: { paragraph: number, previous: last } }));
    }
    if (previous === null || number > previous) previous = number;
  });

  const range = paragraphRangeOf(minutes.items.map((i) => i.number));
  const stated = minutes.paragraphRange;
  if (stated && range && (stated.first !== range.first || stated.last !== range.last)) {
    findings.push(
      finding('paragraph_range_mismatch', { values: { statedFirst: stated.first, statedLast: stated.last, first: range.first, last: range.last } }),
    );
  }
  return findings;
}
