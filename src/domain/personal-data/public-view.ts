/**
 * The public (web) view of minutes: the maskings and withheld parts applied to a copy, the original left
 * whole. Texts are addressed by a field inside a § ("text", "decisions.0", "motions.1") or an attendee line
 * ("represents"); a masking remembers the SHA-256 of the text it was made on, and a text that changed since
 * is withheld whole (fail closed) rather than masked at offsets that no longer fit.
 */
import { createHash } from 'node:crypto';
import type { Attendee, Minutes, MinutesItem } from '../minutes.ts';
import { findPersonalData, type PersonalDataFinding } from './detect.ts';
import { applyMaskings, findMaskingProblems, maskingMarker, type Masking, type MaskingReason } from './masking.ts';

/** Where a text is: a field of a § (by the §'s id), of an attendee line (by its place in the list), or an attachment's text. */
export type TextTarget =
  | { kind: 'paragraph'; paragraphId: string; field: string }
  | { kind: 'attendee'; position: number; field: string }
  | { kind: 'attachment'; attachmentId: string; field: 'text' };

/** A stored masking: a span of one text with its reason and the hash of the text it was made on. */
export interface StoredMasking extends Masking {
  target: TextTarget;
  textSha256: string;
}

export function sha256OfText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function targetKey(target: TextTarget): string {
  if (target.kind === 'paragraph') return `paragraph:${target.paragraphId}:${target.field}`;
  if (target.kind === 'attendee') return `attendee:${target.position}:${target.field}`;
  return `attachment:${target.attachmentId}:text`;
}

/** Every text of a § the public may read, by field. */
export function itemFields(item: MinutesItem): { field: string; text: string }[] {
  const fields: { field: string; text: string }[] = [{ field: 'title', text: item.title }];
  if (item.text) fields.push({ field: 'text', text: item.text });
  item.decisions.forEach((text, i) => fields.push({ field: `decisions.${i}`, text }));
  if (item.proposal?.text) fields.push({ field: 'proposal', text: item.proposal.text });
  if (item.propositionOrder) fields.push({ field: 'propositionOrder', text: item.propositionOrder });
  (item.motions ?? []).forEach((m, i) => fields.push({ field: `motions.${i}`, text: m.text }));
  (item.protocolNotes ?? []).forEach((n, i) => fields.push({ field: `protocolNotes.${i}`, text: n.text }));
  (item.reservations ?? []).forEach((r, i) => {
    if (r.reason) fields.push({ field: `reservations.${i}`, text: r.reason });
  });
  return fields;
}

/** The texts of an attendee line, by field. */
export function attendeeFields(attendee: Attendee): { field: string; text: string }[] {
  const fields: { field: string; text: string }[] = [{ field: 'name', text: attendee.name }];
  if (attendee.party) fields.push({ field: 'party', text: attendee.party });
  if (attendee.represents) fields.push({ field: 'represents', text: attendee.represents });
  if (attendee.servingFor) fields.push({ field: 'servingFor', text: attendee.servingFor });
  if (attendee.paragraphs) fields.push({ field: 'paragraphs', text: attendee.paragraphs });
  return fields;
}

function withItemField(item: MinutesItem, field: string, value: string): MinutesItem {
  const [name, index] = field.split('.') as [string, string | undefined];
  const i = Number(index);
  switch (name) {
    case 'title':
      return { ...item, title: value };
    case 'text':
      return { ...item, text: value };
    case 'decisions':
      return { ...item, decisions: item.decisions.map((d, j) => (j === i ? value : d)) };
    case 'proposal':
      return item.proposal ? { ...item, proposal: { ...item.proposal, text: value } } : item;
    case 'propositionOrder':
      return { ...item, propositionOrder: value };
    case 'motions':
      return { ...item, motions: item.motions?.map((m, j) => (j === i ? { ...m, text: value } : m)) };
    case 'protocolNotes':
      return { ...item, protocolNotes: item.protocolNotes?.map((n, j) => (j === i ? { ...n, text: value } : n)) };
    case 'reservations':
      return { ...item, reservations: item.reservations?.map((r, j) => (j === i ? { ...r, reason: value } : r)) };
    default:
      return item;
  }
}

function withAttendeeField(attendee: Attendee, field: string, value: string): Attendee {
  if (field === 'name' || field === 'party' || field === 'represents' || field === 'servingFor' || field === 'paragraphs') return { ...attendee, [field]: value };
  return attendee;
}

/** The public rendition of one text: its maskings applied, or the whole text withheld when it changed since they were made. */
export function maskText(text: string, maskings: readonly StoredMasking[]): string {
  if (maskings.length === 0) return text;
  const hash = sha256OfText(text);
  if (maskings.some((m) => m.textSha256 !== hash) || findMaskingProblems(text, maskings).length > 0) return maskingMarker(maskings[0]!.reason);
  return applyMaskings(text, maskings);
}

function byTarget(maskings: readonly StoredMasking[]): Map<string, StoredMasking[]> {
  const map = new Map<string, StoredMasking[]>();
  for (const m of maskings) {
    const key = targetKey(m.target);
    map.set(key, [...(map.get(key) ?? []), m]);
  }
  return map;
}

/** A § withheld whole, or an attachment: its reason and whether its title may be shown. */
export interface WithheldPart {
  kind: 'paragraph' | 'attachment';
  targetId: string;
  reason: MaskingReason;
  showTitle: boolean;
}

/** The § as the public reads it: masked fields, or null when withheld whole (the caller shows its reason). */
export function publicItem(item: MinutesItem, paragraphId: string, maskings: readonly StoredMasking[]): MinutesItem {
  const grouped = byTarget(maskings);
  let out = item;
  for (const { field, text } of itemFields(item)) {
    const found = grouped.get(targetKey({ kind: 'paragraph', paragraphId, field }));
    if (found) out = withItemField(out, field, maskText(text, found));
  }
  return out;
}

/** The attendee lines as the public reads them. */
export function publicAttendees(attendees: readonly Attendee[], maskings: readonly StoredMasking[]): Attendee[] {
  const grouped = byTarget(maskings);
  return attendees.map((attendee, position) => {
    let out = attendee;
    for (const { field, text } of attendeeFields(attendee)) {
      const found = grouped.get(targetKey({ kind: 'attendee', position, field }));
      if (found) out = withAttendeeField(out, field, maskText(text, found));
    }
    return out;
  });
}

/** A finding with where it is. */
export interface LocatedFinding extends PersonalDataFinding {
  target: TextTarget;
  /** Handled: inside a masking, or in a withheld §/attachment, or marked as reviewed (with that reason). */
  handled: 'masked' | 'withheld' | 'reviewed' | null;
  reviewReason: string | null;
}

/** A finding marked as reviewed: the same text at the same place keeps its review. */
export interface StoredReview {
  target: TextTarget;
  start: number;
  end: number;
  /** The SHA-256 of the finding's text: the review stores no personal data itself. */
  textSha256: string;
  reason: string;
}

/** Everything to review in the texts given: each finding with its place and whether it is handled. */
export function locateFindings(
  texts: readonly { target: TextTarget; text: string }[],
  maskings: readonly StoredMasking[],
  reviews: readonly StoredReview[],
  withheldIds: ReadonlySet<string>,
): LocatedFinding[] {
  const grouped = byTarget(maskings);
  const out: LocatedFinding[] = [];
  for (const { target, text } of texts) {
    const key = targetKey(target);
    const masks = grouped.get(key) ?? [];
    const fresh = masks.every((m) => m.textSha256 === sha256OfText(text));
    const withheld = (target.kind === 'paragraph' && withheldIds.has(target.paragraphId)) || (target.kind === 'attachment' && withheldIds.has(target.attachmentId));
    for (const f of findPersonalData(text)) {
      const review = reviews.find((r) => targetKey(r.target) === key && r.start === f.start && r.end === f.end && r.textSha256 === sha256OfText(f.text));
      const masked = masks.length > 0 && (!fresh || masks.some((m) => m.start <= f.start && f.end <= m.end));
      out.push({ ...f, target, handled: withheld ? 'withheld' : masked ? 'masked' : review ? 'reviewed' : null, reviewReason: review?.reason ?? null });
    }
  }
  return out;
}

/** The texts of minutes that the public side shows, each with its place (§§ by id, in document order). */
export function textsOfMinutes(minutes: Minutes, paragraphIds: readonly string[]): { target: TextTarget; text: string }[] {
  const texts: { target: TextTarget; text: string }[] = [];
  minutes.attendees.forEach((a, position) => {
    for (const { field, text } of attendeeFields(a)) texts.push({ target: { kind: 'attendee', position, field }, text });
  });
  minutes.items.forEach((item, index) => {
    const paragraphId = paragraphIds[index];
    if (!paragraphId) return;
    for (const { field, text } of itemFields(item)) texts.push({ target: { kind: 'paragraph', paragraphId, field }, text });
  });
  return texts;
}

/** Reads a target written by targetKey (the web forms' hidden field), or null when it is none. */
export function parseTargetKey(written: string): TextTarget | null {
  const [kind, id, ...rest] = written.split(':');
  const field = rest.join(':');
  if (!id || !field) return null;
  if (kind === 'paragraph') return { kind, paragraphId: id, field };
  if (kind === 'attendee' && /^\d{1,4}$/u.test(id)) return { kind, position: Number(id), field };
  if (kind === 'attachment' && field === 'text') return { kind, attachmentId: id, field };
  return null;
}
