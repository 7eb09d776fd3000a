/**
 * Publishing lawfully (issue 17, docs/personal-data.md): personal-data findings before minutes go on the
 * web, maskings with their reasons, §§ and attachments withheld whole, the gate that keeps minutes with an
 * unhandled personnummer off every public output, the logged view of the original, and the masked copy
 * handed out on a begäran om allmän handling. The minutes themselves are never changed.
 */
import { createHash } from 'node:crypto';
import { renderMinutesPdf } from '../documents/index.ts';
import type { Minutes, MinutesItem } from '../domain/minutes.ts';
import { parseReason, reasonText, type MaskingReason } from '../domain/personal-data/masking.ts';
import {
  attendeeFields,
  itemFields,
  locateFindings,
  publicAttendees,
  publicItem,
  sha256OfText,
  textsOfMinutes,
  type LocatedFinding,
  type StoredMasking,
  type StoredReview,
  type TextTarget,
} from '../domain/personal-data/public-view.ts';
import { InputError, LegalCheckError, NotFoundError, type Problem, type ReportedFinding } from '../errors.ts';
import { appendAuditEvent, findMeetingById, inTransaction, loadMinutes, type Database, type DatabaseHandle } from '../storage/index.ts';
import type { MeetingRow } from '../storage/minutes.store.ts';
import {
  deleteMasking,
  deleteWithheld,
  findHold,
  hasPublicTexts,
  insertMasking,
  insertReview,
  listAttachmentTexts,
  listUnscannedPublicMeetings,
  markScanned,
  listMaskings,
  listReviews,
  listWithheld,
  refreshSearchOfMeeting,
  replaceParagraphPublicTexts,
  setHold,
  upsertWithheld,
  type AttachmentTextRow,
  type MaskingRow,
  type ReviewRow,
  type WithheldRow,
} from '../storage/privacy.store.ts';
import { listParagraphKeys } from '../storage/publication.store.ts';
import { requireSecretaryOf } from './access.ts';
import type { Actor } from './meeting-cycle/common.ts';

// ————— reading the stored rows as domain values —————

function targetOf(row: { targetKind: string; targetId: string; field: string }): TextTarget {
  if (row.targetKind === 'paragraph') return { kind: 'paragraph', paragraphId: row.targetId, field: row.field };
  if (row.targetKind === 'attendee') return { kind: 'attendee', position: Number(row.targetId), field: row.field };
  return { kind: 'attachment', attachmentId: row.targetId, field: 'text' };
}

function targetColumns(target: TextTarget): { targetKind: string; targetId: string; field: string } {
  if (target.kind === 'paragraph') return { targetKind: 'paragraph', targetId: target.paragraphId, field: target.field };
  if (target.kind === 'attendee') return { targetKind: 'attendee', targetId: String(target.position), field: target.field };
  return { targetKind: 'attachment', targetId: target.attachmentId, field: 'text' };
}

function storedMasking(row: MaskingRow): StoredMasking {
  return { target: targetOf(row), start: row.startOffset, end: row.endOffset, reason: row.reason as unknown as MaskingReason, textSha256: row.textSha256 };
}

/** Everything the public view of one meeting is built from. */
interface PrivacyState {
  meeting: MeetingRow;
  minutes: Minutes;
  paragraphIds: string[];
  attachments: AttachmentTextRow[];
  maskings: MaskingRow[];
  reviews: ReviewRow[];
  withheld: WithheldRow[];
  /** §§ under secrecy already (paragraphs.confidential): never public, so nothing in them blocks. */
  confidentialIds: string[];
  /** The reason written on each § under secrecy (null when none is given). */
  confidentialReasons: Map<string, string | null>;
}

async function loadState(db: Database, meetingId: string, loaded?: Minutes): Promise<PrivacyState> {
  const meeting = isUuid(meetingId) ? await findMeetingById(db, meetingId) : null;
  if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
  const [minutes, keys, attachments, maskings, reviews, withheld] = await Promise.all([
    loaded ?? loadMinutes(db, meetingId),
    listParagraphKeys(db, meetingId),
    listAttachmentTexts(db, meetingId),
    listMaskings(db, meetingId),
    listReviews(db, meetingId),
    listWithheld(db, meetingId),
  ]);
  return { meeting, minutes, paragraphIds: keys.map((k) => k.id), attachments, maskings, reviews, withheld, confidentialIds: keys.filter((k) => k.confidential).map((k) => k.id), confidentialReasons: new Map(keys.filter((k) => k.confidential).map((k) => [k.id, k.confidentialReason])) };
}

function textsOf(state: PrivacyState): { target: TextTarget; text: string }[] {
  return [
    ...textsOfMinutes(state.minutes, state.paragraphIds),
    ...state.attachments.flatMap((a) => (a.text ? [{ target: { kind: 'attachment' as const, attachmentId: a.id, field: 'text' as const }, text: a.text }] : [])),
  ];
}

function findingsOf(state: PrivacyState): LocatedFinding[] {
  const reviews: StoredReview[] = state.reviews.map((r) => ({ target: targetOf(r), start: r.startOffset, end: r.endOffset, textSha256: r.findingSha256, reason: r.reason }));
  return locateFindings(textsOf(state), state.maskings.map(storedMasking), reviews, new Set([...state.withheld.map((w) => w.targetId), ...state.confidentialIds]));
}

function sameTarget(a: TextTarget, b: TextTarget): boolean {
  return JSON.stringify(targetColumns(a)) === JSON.stringify(targetColumns(b));
}

// ————— the public view —————

/** The public rendition of a meeting: masked minutes, withheld §§ and attachments with their reasons. */
export interface PublicView {
  minutes: Minutes;
  /** Per § in document order: withheld with its reason (and whether its title shows), or null. */
  withheldParagraphs: ({ reason: string; showTitle: boolean } | null)[];
  /** Attachments the public gets no file of, with the reason printed. */
  withheldAttachments: Map<string, string>;
  /** Each reason used, as printed ("OSL 26:1"), for the web version's title page. */
  reasons: string[];
}

/** Builds the public view of minutes already loaded (the publication service's, verified against their seal). */
export async function publicViewOf(db: Database, meetingId: string, minutes: Minutes, paragraphIds: readonly string[]): Promise<PublicView> {
  const [maskingRows, withheld, attachments] = await Promise.all([listMaskings(db, meetingId), listWithheld(db, meetingId), listAttachmentTexts(db, meetingId)]);
  return buildPublicView(minutes, paragraphIds, maskingRows, withheld, attachments);
}

function buildPublicView(minutes: Minutes, paragraphIds: readonly string[], maskingRows: MaskingRow[], withheld: WithheldRow[], attachments: AttachmentTextRow[]): PublicView {
  const maskings = maskingRows.map(storedMasking);
  const reasons = new Set<string>();
  for (const m of maskings) reasons.add(reasonText(m.reason));
  for (const w of withheld) reasons.add(reasonText(w.reason as unknown as MaskingReason));
  const withheldById = new Map(withheld.map((w) => [w.targetId, w]));
  const withheldAttachments = new Map<string, string>();
  for (const a of attachments) {
    const w = withheldById.get(a.id);
    const masked = maskings.find((m) => m.target.kind === 'attachment' && m.target.attachmentId === a.id);
    if (w) withheldAttachments.set(a.id, reasonText(w.reason as unknown as MaskingReason));
    else if (masked) withheldAttachments.set(a.id, reasonText(masked.reason));
  }
  return {
    minutes: {
      ...minutes,
      attendees: publicAttendees(minutes.attendees, maskings),
      items: minutes.items.map((item, index) => {
        const id = paragraphIds[index];
        return id ? publicItem(item, id, maskings) : item;
      }),
    },
    withheldParagraphs: paragraphIds.map((id) => {
      const w = withheldById.get(id);
      return w && w.targetKind === 'paragraph' ? { reason: reasonText(w.reason as unknown as MaskingReason), showTitle: w.showTitle } : null;
    }),
    withheldAttachments,
    reasons: [...reasons].sort(),
  };
}

// ————— extracts for the public —————

/** The §§ of a protokollsutdrag as the public may read them, and what the extract must say about it. */
export interface PublicExtract {
  /** The minutes with every § masked; a withheld § or one under secrecy keeps only its number (and title when shown). */
  minutes: Minutes;
  /** The reasons of the maskings and withheld parts in the chosen §§, as printed ("OSL 26:1"). */
  reasons: string[];
  /** Whether anything in the chosen §§ differs from the original (masked, withheld or under secrecy). */
  masked: boolean;
}

/**
 * The public view of the chosen §§ of a meeting, for an extract sent to the public (issue 17): maskings
 * applied with their markers, a § withheld whole or under secrecy shown as the public page shows it (its
 * number, its title only when the secretary chose so, and its reason), never its content. Refuses with
 * 422 `legal_check_failed` while a personnummer in a chosen § is neither masked, withheld nor reviewed,
 * naming its place but never the number. Access is the caller's use case's (createExtract).
 */
export async function publicExtractOf(tx: Database, meetingId: string, minutes: Minutes, paragraphNumbers: readonly number[]): Promise<PublicExtract> {
  const state = await loadState(tx, meetingId, minutes);
  const wanted = new Set(paragraphNumbers);
  const chosenIds = new Set(
    state.paragraphIds.filter((_, index) => {
      const number = state.minutes.items[index]?.number;
      return number != null && wanted.has(number);
    }),
  );
  const confidential = new Set(state.confidentialIds);
  const blocking = findingsOf(state).filter((f) => f.blocking && !f.handled && f.target.kind === 'paragraph' && chosenIds.has(f.target.paragraphId) && !confidential.has(f.target.paragraphId));
  if (blocking.length > 0) throw new LegalCheckError('legal_check_failed', { step: 'extract', findings: blocking.map((f) => reportBlocking(state, f)) });
  const view = buildPublicView(state.minutes, state.paragraphIds, state.maskings, state.withheld, state.attachments);
  const reasons = new Set<string>();
  let masked = false;
  const items = view.minutes.items.map((item, index): MinutesItem => {
    const id = state.paragraphIds[index];
    if (!id || !chosenIds.has(id)) return item;
    if (confidential.has(id)) {
      masked = true;
      const reason = state.confidentialReasons.get(id) ?? null;
      return { number: item.number, title: 'Sekretessbelagt ärende', caseNumber: null, decisions: [], text: reason ? `Omfattas av sekretess (${reason}).` : 'Omfattas av sekretess.' };
    }
    const withheld = view.withheldParagraphs[index];
    if (withheld) {
      masked = true;
      reasons.add(withheld.reason);
      return { number: item.number, title: withheld.showTitle ? item.title : 'Sekretessbelagt ärende', caseNumber: null, decisions: [], text: `[maskerat enligt ${withheld.reason}]` };
    }
    for (const m of state.maskings) {
      if (m.targetKind === 'paragraph' && m.targetId === id) {
        masked = true;
        reasons.add(reasonText(m.reason as unknown as MaskingReason));
      }
    }
    return item;
  });
  return { minutes: { ...view.minutes, items }, reasons: [...reasons].sort(), masked };
}

// ————— the gate —————

/** A blocking finding as the legal checks report it: the place, never the number itself. */
function reportBlocking(state: PrivacyState, f: LocatedFinding): ReportedFinding {
  const place = placeOf(state, f.target);
  return {
    code: 'personal_identity_number_unhandled',
    severity: 'error',
    paragraph: place.paragraph,
    persons: [],
    reference: 'DSL 3:10, GDPR art. 87',
    messages: {
      sv: `Ett personnummer eller samordningsnummer (${place.sv}, tecken ${f.start}–${f.end}) är varken maskerat eller granskat med skäl.`,
      en: `A personal identity number (${place.en}, characters ${f.start}–${f.end}) is neither masked nor reviewed with a reason.`,
    },
  };
}

function placeOf(state: PrivacyState, target: TextTarget): { paragraph: number | null; sv: string; en: string } {
  if (target.kind === 'paragraph') {
    const index = state.paragraphIds.indexOf(target.paragraphId);
    const number = state.minutes.items[index]?.number ?? null;
    const field = fieldName(target.field);
    return { paragraph: number, sv: `§ ${number ?? index + 1}, ${field.sv}`, en: `§ ${number ?? index + 1}, ${field.en}` };
  }
  if (target.kind === 'attendee') {
    const field = fieldName(target.field);
    return { paragraph: null, sv: `närvarolistan, rad ${target.position + 1}, ${field.sv}`, en: `attendance list, line ${target.position + 1}, ${field.en}` };
  }
  const attachment = state.attachments.find((a) => a.id === target.attachmentId);
  return { paragraph: null, sv: `bilagan ”${attachment?.title ?? target.attachmentId}”`, en: `attachment "${attachment?.title ?? target.attachmentId}"` };
}

const fieldNames: Record<string, [string, string]> = {
  title: ['rubriken', 'title'],
  text: ['texten', 'text'],
  decisions: ['beslutspunkt', 'decision point'],
  proposal: ['förslaget till beslut', 'proposal'],
  propositionOrder: ['propositionsordningen', 'order of proposals'],
  motions: ['yrkande', 'motion'],
  protocolNotes: ['protokollsanteckning', 'protocol note'],
  reservations: ['reservation', 'dissent'],
  name: ['namn', 'name'],
  party: ['parti', 'party'],
  represents: ['representerar', 'represents'],
  servingFor: ['tjänstgör för', 'serving for'],
  paragraphs: ['närvarande §§', 'present at §§'],
};

/** A field as the secretary reads it: "beslutspunkt 1" rather than "decisions.0". */
function fieldName(field: string): { sv: string; en: string } {
  const [name, index] = field.split('.') as [string, string | undefined];
  const [sv, en] = fieldNames[name] ?? [field, field];
  const number = index === undefined ? '' : ` ${Number(index) + 1}`;
  return { sv: `${sv}${number}`, en: `${en}${number}` };
}

/**
 * The gate every publication path calls inside its transaction (posting the notice, making minutes
 * public, publishing an imported batch): refuses with 422 `legal_check_failed` and one finding
 * `personal_identity_number_unhandled` per personnummer neither masked, withheld nor reviewed.
 */
export async function enforcePersonalDataGate(tx: Database, meetingId: string, step = 'notice'): Promise<void> {
  const state = await loadState(tx, meetingId);
  const blocking = findingsOf(state).filter((f) => f.blocking && !f.handled);
  if (blocking.length > 0) throw new LegalCheckError('legal_check_failed', { step, findings: blocking.map((f) => reportBlocking(state, f)) });
}

/**
 * Recomputes a meeting's hold and its masked search texts, inside the caller's transaction: called
 * whenever minutes become adjusted (the seal) and after every change of maskings, reviews or withheld
 * parts. Minutes on hold are on no public output (publication store, open data, feeds, search).
 */
export async function refreshPublicationHold(tx: Database, meetingId: string, options: { minutes?: Minutes } = {}): Promise<{ blocking: number }> {
  const state = await loadState(tx, meetingId, options.minutes);
  const blocking = findingsOf(state).filter((f) => f.blocking && !f.handled).length;
  if (state.meeting.status === 'adjusted' || state.meeting.status === 'archived') await markScanned(tx, meetingId);
  const wasHeld = (await findHold(tx, meetingId)) !== null;
  // Nothing masked, withheld or held, before or now (most minutes): nothing to write.
  if (blocking === 0 && !wasHeld && state.maskings.length === 0 && state.withheld.length === 0 && !(await hasPublicTexts(tx, meetingId))) return { blocking };
  await setHold(tx, meetingId, blocking);
  const view = buildPublicView(state.minutes, state.paragraphIds, state.maskings, state.withheld, state.attachments);
  const masked = new Set(state.maskings.filter((m) => m.targetKind === 'paragraph').map((m) => m.targetId));
  const rows = state.paragraphIds.flatMap((paragraphId, index) => {
    const item = view.minutes.items[index];
    if (!masked.has(paragraphId) || !item) return [];
    return [{ paragraphId, title: item.title, decisions: item.decisions, bodyText: [item.text, item.proposal?.text, item.propositionOrder].filter(Boolean).join('\n') }];
  });
  await replaceParagraphPublicTexts(tx, meetingId, rows);
  await refreshSearchOfMeeting(tx, meetingId);
  return { blocking };
}

/**
 * Run after the migrations (with the sealing of old minutes): scans the adjusted minutes stored before
 * migration 0019 once, holding back those with an unhandled personnummer. Cheap when there is none left.
 */
export async function scanExistingMinutes(handle: DatabaseHandle): Promise<{ scanned: number; held: number }> {
  let held = 0;
  const ids = await listUnscannedPublicMeetings(handle.db);
  for (const meetingId of ids) {
    const { blocking } = await inTransaction(handle.db, (tx) => refreshPublicationHold(tx, meetingId));
    if (blocking > 0) held++;
  }
  return { scanned: ids.length, held };
}

// ————— the secretary's review —————

/** What the secretary reviews before the minutes go on the web. */
export interface PersonalDataReview {
  meetingId: string;
  status: string;
  held: boolean;
  findings: (LocatedFinding & { place: { paragraph: number | null; sv: string; en: string } })[];
  maskings: { id: string; target: TextTarget; start: number; end: number; reason: string; stale: boolean; place: { sv: string; en: string } }[];
  withheld: { targetKind: string; targetId: string; reason: string; showTitle: boolean }[];
  /** Every text that may be masked, with its place, for the form. */
  texts: { target: TextTarget; text: string; place: { sv: string; en: string } }[];
}

export async function getPersonalDataReview(db: Database, meetingId: string, actor?: Actor): Promise<PersonalDataReview> {
  const state = await loadState(db, meetingId);
  await requireSecretaryOf(db, actor, { bodyId: state.meeting.bodyId }, () => new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId }));
  const texts = textsOf(state);
  const hashes = new Map(texts.map((t) => [JSON.stringify(targetColumns(t.target)), sha256OfText(t.text)]));
  return {
    meetingId,
    status: state.meeting.status,
    held: (await findHold(db, meetingId)) !== null,
    findings: findingsOf(state).map((f) => ({ ...f, place: placeOf(state, f.target) })),
    maskings: state.maskings.map((m) => {
      const target = targetOf(m);
      return { id: m.id, target, start: m.startOffset, end: m.endOffset, reason: reasonText(m.reason as unknown as MaskingReason), stale: hashes.get(JSON.stringify(targetColumns(target))) !== m.textSha256, place: placeOf(state, target) };
    }),
    withheld: state.withheld.map((w) => ({ targetKind: w.targetKind, targetId: w.targetId, reason: reasonText(w.reason as unknown as MaskingReason), showTitle: w.showTitle })),
    texts: texts.map((t) => ({ ...t, place: placeOf(state, t.target) })),
  };
}

/** A span to mask: by offsets, or by the exact text (its first occurrence from `from`, the no-JS form's way). */
export interface MaskSpanInput {
  target: TextTarget;
  start?: number | null;
  end?: number | null;
  exactText?: string | null;
  reason: string;
}

function requireReason(written: string | null | undefined, path: string, problems: Problem[]): MaskingReason | null {
  const reason = parseReason(written ?? '');
  if (!reason) problems.push({ path, code: 'invalid_reason', message: 'give the reason as "OSL <kapitel>:<paragraf>" (e.g. OSL 26:1) or "GDPR art. <artikel>"' });
  return reason;
}

function textAt(state: PrivacyState, target: TextTarget): string | null {
  if (target.kind === 'paragraph') {
    const index = state.paragraphIds.indexOf(target.paragraphId);
    const item = state.minutes.items[index];
    return item ? (itemFields(item).find((f) => f.field === target.field)?.text ?? null) : null;
  }
  if (target.kind === 'attendee') {
    const attendee = state.minutes.attendees[target.position];
    return attendee ? (attendeeFields(attendee).find((f) => f.field === target.field)?.text ?? null) : null;
  }
  return state.attachments.find((a) => a.id === target.attachmentId)?.text ?? null;
}

/** Masks a span of a text with its reason; the text itself is not changed. Overlapping an existing masking is refused. */
export async function maskSpan(db: Database, meetingId: string, input: MaskSpanInput, actor?: Actor): Promise<{ maskingId: string }> {
  return inTransaction(db, async (tx) => {
    const state = await loadState(tx, meetingId);
    await requireSecretaryOf(tx, actor, { bodyId: state.meeting.bodyId }, () => new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId }));
    const problems: Problem[] = [];
    const reason = requireReason(input.reason, 'reason', problems);
    const text = textAt(state, input.target);
    if (text === null) problems.push({ path: 'target', code: 'unknown_text', message: 'no such text in these minutes' });
    let start = input.start ?? null;
    let end = input.end ?? null;
    if (text !== null && input.exactText) {
      const at = text.indexOf(input.exactText);
      if (at < 0) problems.push({ path: 'exactText', code: 'text_not_found', message: 'the text to mask does not occur in the chosen field' });
      else [start, end] = [at, at + input.exactText.length];
    }
    if (text !== null && (start === null || end === null || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end)) {
      problems.push({ path: 'start', code: 'masking_outside_text', message: `choose a part of the text (0–${text.length})` });
    }
    const key = JSON.stringify(targetColumns(input.target));
    const overlapping = state.maskings.find((m) => JSON.stringify(targetColumns(targetOf(m))) === key && start !== null && end !== null && start < m.endOffset && m.startOffset < end);
    if (overlapping) problems.push({ path: 'start', code: 'masking_overlaps', message: `overlaps the masking ${overlapping.startOffset}–${overlapping.endOffset} of the same text` });
    if (problems.length > 0) throw new InputError(problems);
    const row = await insertMasking(tx, {
      meetingId,
      ...targetColumns(input.target),
      startOffset: start!,
      endOffset: end!,
      reason: reason as unknown as Record<string, unknown>,
      textSha256: sha256OfText(text!),
      createdBy: actor?.userId ?? null,
    });
    await refreshPublicationHold(tx, meetingId);
    await appendAuditEvent(tx, { kind: 'personal_data.masked', entityType: 'meeting', entityId: meetingId, actor: actor?.userId ?? null, data: { maskingId: row.id, ...targetColumns(input.target), start, end, reason: reasonText(reason!) } });
    return { maskingId: row.id };
  });
}

/** Removes a masking (the part is public again, unless a finding then holds the minutes back). */
export async function removeMasking(db: Database, meetingId: string, maskingId: string, actor?: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const meeting = isUuid(meetingId) ? await findMeetingById(tx, meetingId) : null;
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    await requireSecretaryOf(tx, actor, { bodyId: meeting.bodyId }, () => new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId }));
    const removed = isUuid(maskingId) ? await deleteMasking(tx, meetingId, maskingId) : null;
    if (!removed) throw new NotFoundError('masking_not_found', `no masking ${maskingId} in this meeting`, { maskingId });
    await refreshPublicationHold(tx, meetingId);
    await appendAuditEvent(tx, { kind: 'personal_data.unmasked', entityType: 'meeting', entityId: meetingId, actor: actor?.userId ?? null, data: { maskingId, targetKind: removed.targetKind, targetId: removed.targetId, field: removed.field } });
  });
}

/** Marks a finding as reviewed: left in the public text on purpose, with the reason (e.g. a public official's work number). */
export async function markFindingReviewed(
  db: Database,
  meetingId: string,
  input: { target: TextTarget; start: number; end: number; reason: string },
  actor?: Actor,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const state = await loadState(tx, meetingId);
    await requireSecretaryOf(tx, actor, { bodyId: state.meeting.bodyId }, () => new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId }));
    const problems: Problem[] = [];
    if (!input.reason?.trim()) problems.push({ path: 'reason', code: 'missing_value', message: 'say why this may be published' });
    const finding = findingsOf(state).find((f) => sameTarget(f.target, input.target) && f.start === input.start && f.end === input.end);
    if (!finding) problems.push({ path: 'start', code: 'finding_not_found', message: 'no finding at this place of the text' });
    if (problems.length > 0) throw new InputError(problems);
    await insertReview(tx, {
      meetingId,
      ...targetColumns(input.target),
      startOffset: input.start,
      endOffset: input.end,
      findingSha256: sha256OfText(finding!.text),
      reason: input.reason.trim(),
      reviewedBy: actor?.userId ?? null,
    });
    await refreshPublicationHold(tx, meetingId);
    await appendAuditEvent(tx, { kind: 'personal_data.reviewed', entityType: 'meeting', entityId: meetingId, actor: actor?.userId ?? null, data: { ...targetColumns(input.target), start: input.start, end: input.end, findingKind: finding!.kind, reason: input.reason.trim() } });
  });
}

/** Withholds a whole § or attachment with its reason (`reason: null` publishes it again). */
export async function withholdPart(
  db: Database,
  meetingId: string,
  input: { kind: 'paragraph' | 'attachment'; targetId: string; reason: string | null; showTitle?: boolean },
  actor?: Actor,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const state = await loadState(tx, meetingId);
    await requireSecretaryOf(tx, actor, { bodyId: state.meeting.bodyId }, () => new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId }));
    const known = input.kind === 'paragraph' ? state.paragraphIds.includes(input.targetId) : state.attachments.some((a) => a.id === input.targetId);
    if (!known) throw new InputError({ path: 'targetId', code: 'unknown_part', message: `no ${input.kind} ${input.targetId} in these minutes` });
    if (input.reason === null) {
      await deleteWithheld(tx, meetingId, input.targetId);
    } else {
      const problems: Problem[] = [];
      const reason = requireReason(input.reason, 'reason', problems);
      if (problems.length > 0) throw new InputError(problems);
      await upsertWithheld(tx, { meetingId, targetKind: input.kind, targetId: input.targetId, reason: reason as unknown as Record<string, unknown>, showTitle: input.showTitle ?? false, createdBy: actor?.userId ?? null });
    }
    await refreshPublicationHold(tx, meetingId);
    await appendAuditEvent(tx, { kind: 'personal_data.withheld', entityType: 'meeting', entityId: meetingId, actor: actor?.userId ?? null, data: { targetKind: input.kind, targetId: input.targetId, reason: input.reason, showTitle: input.showTitle ?? false } });
  });
}

// ————— the original, and copies handed out —————

/** The original, unmasked minutes for a signed-in secretary; every view is logged. */
export async function viewOriginalMinutes(db: Database, meetingId: string, actor: Actor, input: { purpose?: string | null } = {}): Promise<Minutes> {
  return inTransaction(db, async (tx) => {
    const meeting = isUuid(meetingId) ? await findMeetingById(tx, meetingId) : null;
    if (!meeting) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
    await requireSecretaryOf(tx, actor, { bodyId: meeting.bodyId }, () => new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId }));
    await appendAuditEvent(tx, { kind: 'personal_data.original_viewed', entityType: 'meeting', entityId: meetingId, actor: actor.userId ?? actor.personId, data: { purpose: input.purpose ?? null } });
    return loadMinutes(tx, meetingId);
  });
}

/**
 * Logs that a signed-in reader was given the original of minutes that have maskings or withheld parts
 * (the export and download paths that hand out the whole document); nothing when nothing is masked.
 * Access is the caller's use case's (it has already checked that the reader may read the meeting).
 */
export async function logOriginalViewIfMasked(db: Database, meetingId: string, input: { actor: string | null; via: string }): Promise<void> {
  if (!isUuid(meetingId)) return;
  const [maskings, withheld] = await Promise.all([listMaskings(db, meetingId), listWithheld(db, meetingId)]);
  if (maskings.length === 0 && withheld.length === 0) return;
  await appendAuditEvent(db, { kind: 'personal_data.original_viewed', entityType: 'meeting', entityId: meetingId, actor: input.actor, data: { via: input.via } });
}

/**
 * Begäran om allmän handling: a copy of the minutes with the maskings applied and their reasons listed
 * (a decision to withhold needs its reasons, OSL 6:3 and FL 32), logged with who asked and what was
 * handed out (the SHA-256 of the copy).
 */
export async function producePublicCopy(
  handle: DatabaseHandle,
  meetingId: string,
  input: { requestedBy: string; handedOutOn: string },
  actor?: Actor,
): Promise<{ pdf: Buffer; sha256: string; reasons: string[] }> {
  return inTransaction(handle.db, async (tx) => {
    const state = await loadState(tx, meetingId);
    await requireSecretaryOf(tx, actor, { bodyId: state.meeting.bodyId }, () => new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId }));
    const problems: Problem[] = [];
    if (!input.requestedBy?.trim()) problems.push({ path: 'requestedBy', code: 'missing_value', message: 'name who asked for the document (or "anonym")' });
    if (!/^\d{4}-\d{2}-\d{2}$/u.test(input.handedOutOn ?? '')) problems.push({ path: 'handedOutOn', code: 'invalid_date', message: 'give the day as YYYY-MM-DD' });
    if (problems.length > 0) throw new InputError(problems);
    const view = buildPublicView(state.minutes, state.paragraphIds, state.maskings, state.withheld, state.attachments);
    const pdf = await renderPublicMinutesPdf(view, { createdAt: `${input.handedOutOn}T12:00:00Z`, copy: true });
    const sha256 = sha256OfBytes(pdf);
    await appendAuditEvent(tx, {
      kind: 'public_copy.handed_out',
      entityType: 'meeting',
      entityId: meetingId,
      actor: actor?.userId ?? null,
      data: { requestedBy: input.requestedBy.trim(), handedOutOn: input.handedOutOn, sha256, reasons: view.reasons, maskings: state.maskings.length, withheld: state.withheld.map((w) => ({ targetKind: w.targetKind, targetId: w.targetId })) },
    });
    return { pdf, sha256, reasons: view.reasons };
  });
}

/** The web version (or a masked copy) as PDF: withheld §§ named with their reason, masked spans as markers, marked on its title page. */
export async function renderPublicMinutesPdf(view: PublicView, options: { createdAt?: string; copy?: boolean } = {}): Promise<Buffer> {
  const items = view.minutes.items.map((item, index) => {
    const withheld = view.withheldParagraphs[index];
    if (!withheld) return item;
    return { number: item.number, title: withheld.showTitle ? item.title : 'Sekretessbelagt ärende', caseNumber: null, decisions: [], text: `[maskerat enligt ${withheld.reason}]` };
  });
  const lead = options.copy
    ? 'Kopia av allmän handling. Uppgifter har maskerats; skälen anges nedan (OSL 6:3). Originalet förvaras oförändrat.'
    : 'Webbversion. Personuppgifter och uppgifter som omfattas av sekretess är maskerade; originalet förvaras oförändrat.';
  return renderMinutesPdf(
    { ...view.minutes, items },
    { ...(options.createdAt ? { createdAt: options.createdAt } : {}), publicVersion: { heading: options.copy ? 'Maskerad kopia' : 'Webbversion', lead, reasons: view.reasons.map((r) => `Maskerat enligt ${r}`) } },
  );
}

function sha256OfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
