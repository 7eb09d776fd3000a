/**
 * What an imported document is (issue 18): historical minutes are stored as what they were. Minutes that show
 * their justering (a justering date, a dated signature, "Protokollet är justerat") or that were posted (an
 * ANSLAG/BEVIS box) are adjusted and public, even though nobody signed them in this system; notes are final
 * notes; only a document that calls itself a draft ("Utkast", "Preliminärt protokoll", "Ej justerat") is stored
 * unadjusted. A protocol that shows none of these is still taken as the record it is, but marked for review.
 */
import type { Minutes } from '../domain/minutes.ts';

/** adjusted: public and sealed as stored; held: draft minutes, not public, to be finalised and signed here. */
export type ImportedStatus = 'adjusted' | 'held';

/** Why the status was chosen, as a code the review screen and docs/import.md explain. */
export type ImportedStatusBasis = 'draft_marker' | 'adjustment_shown' | 'notice_posted' | 'notes' | 'nothing_shown' | 'chosen';

export interface ImportedStatusDecision {
  storeAs: ImportedStatus;
  basis: ImportedStatusBasis;
}

// A line of its own (a heading, a watermark's text, a stamp) that says the document is not the final record: the
// marker alone, perhaps with "protokoll", a date or a version, so a sentence that begins "Utkast till …" is no marker.
const draftMarker =
  /^[ \t*_-]*(?:utkast(?:[ \t]+till[ \t]+protokoll)?|preliminärt(?:[ \t]+protokoll)?|ojusterat(?:[ \t]+protokoll)?|ej[ \t]+justerat(?:[ \t]+protokoll)?|förslag[ \t]+till[ \t]+protokoll|draft)(?:[ \t]*(?:[-–:,][ \t]*)?(?:\d{4}-\d{2}-\d{2}|version[ \t]+\d+|v\.?[ \t]*\d+))?[ \t*_-]*$/imu;
// Justering stated in words: "Protokollet är justerat", "Justerat den 12 mars", "Justeringen har tillkännagivits".
const adjustedStatement = /\b(?:protokollet\s+är\s+justerat|justerat\s+(?:den|och|\d)|justeringen\s+har\s+(?:tillkännagivits|skett)|justeringsdatum\s*:?\s*\d)/iu;

/** How minutes read from `text` are stored when nobody chooses otherwise. */
export function importedStatusOf(minutes: Minutes, text: string | null): ImportedStatusDecision {
  if (text !== null && draftMarker.test(text)) return { storeAs: 'held', basis: 'draft_marker' };
  if (minutes.kind === 'notes') return { storeAs: 'adjusted', basis: 'notes' };
  if (minutes.adjustment.date || minutes.signatures.some((s) => s.signedAt !== null)) return { storeAs: 'adjusted', basis: 'adjustment_shown' };
  if (minutes.notice) return { storeAs: 'adjusted', basis: 'notice_posted' };
  if (text !== null && adjustedStatement.test(text)) return { storeAs: 'adjusted', basis: 'adjustment_shown' };
  return { storeAs: 'adjusted', basis: 'nothing_shown' };
}
