/**
 * Sigill och hashkedja: what is hashed when minutes are adjusted (the seal) and when an event is written
 * to the audit log (the chain), so that a change made behind the application's back can be found and
 * named by §. Pure: the same input always gives the same hashes (docs/integrity.md says how to recompute
 * them by hand).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Minutes, MinutesItem } from './minutes.ts';

/** The canonical JSON of a value (RFC 8785, JCS): sorted keys, no whitespace, fixed number format. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('a value without a JSON form cannot be hashed');
  return text;
}

/** SHA-256 of text (as UTF-8) or bytes, as 64 lower-case hex digits. */
export function sha256Hex(input: string | Uint8Array): string {
  return createHash('sha256').update(input).digest('hex');
}

/** The parts of the minutes outside the §§, each hashed on its own so that a change can be named. */
export const sealedParts = ['meeting', 'attendees', 'adjustment'] as const;
export type SealedPart = (typeof sealedParts)[number];

/** One § as sealed: where it stood, its number, and the hash of its canonical JSON. */
export interface SealedParagraph {
  position: number;
  number: number | null;
  sha256: string;
}

/** Sigill: the hashes of adjusted minutes' content, whole and by part and §. */
export interface SealedContent {
  /** SHA-256 of the canonical JSON of the minutes without the notice (see sealableContent). */
  contentSha256: string;
  parts: Record<SealedPart, string>;
  paragraphs: SealedParagraph[];
}

/**
 * What the seal covers: the interchange document without `notice`. The anslag is not part of the
 * protocol and may lawfully be re-dated after justering (postNotice), so sealing it would report a
 * lawful act as a change.
 */
export function sealableContent(minutes: Minutes): Omit<Minutes, 'notice'> {
  const { notice: _notice, ...content } = minutes;
  return content;
}

/** SHA-256 of the sealable content alone: all a check against the seal needs (sealedContentOf also hashes the parts). */
export function sealedContentSha256(minutes: Minutes): string {
  return sha256Hex(canonicalJson(sealableContent(minutes)));
}

/** The seal of minutes as they stand: the whole content, its parts and each §. */
export function sealedContentOf(minutes: Minutes): SealedContent {
  const content = sealableContent(minutes);
  return {
    contentSha256: sealedContentSha256(minutes),
    parts: {
      meeting: sha256Hex(canonicalJson({ kind: content.kind, organization: content.organization, body: content.body, meeting: content.meeting, paragraphRange: content.paragraphRange })),
      attendees: sha256Hex(canonicalJson(content.attendees)),
      adjustment: sha256Hex(canonicalJson({ adjustment: content.adjustment, signatures: content.signatures })),
    },
    paragraphs: content.items.map((item, position) => ({ position, number: item.number, sha256: paragraphSha256(item) })),
  };
}

/** SHA-256 of one § (its canonical JSON as in the interchange document). */
export function paragraphSha256(item: MinutesItem): string {
  return sha256Hex(canonicalJson(item));
}

/** How the content of minutes differs from their seal. */
export type ContentDifference =
  | { kind: 'part'; part: SealedPart }
  | { kind: 'paragraph'; change: 'changed' | 'removed' | 'added'; number: number | null; position: number };

/**
 * Where `current` differs from `sealed`: the parts, and the §§ changed, removed or added. §§ are paired
 * by position when the count is the same, and otherwise by number, so a deleted § is named as removed
 * rather than every later § as changed.
 */
export function contentDifferences(sealed: SealedContent, current: SealedContent): ContentDifference[] {
  if (sealed.contentSha256 === current.contentSha256) return [];
  const out: ContentDifference[] = sealedParts
    .filter((part) => sealed.parts[part] !== current.parts[part])
    .map((part) => ({ kind: 'part' as const, part }));
  if (sealed.paragraphs.length === current.paragraphs.length) {
    sealed.paragraphs.forEach((before, index) => {
      const now = current.paragraphs[index]!;
      if (before.sha256 !== now.sha256 || before.number !== now.number) out.push({ kind: 'paragraph', change: 'changed', number: before.number, position: before.position });
    });
    return out;
  }
  const key = (p: SealedParagraph) => (p.number === null ? `position ${p.position}` : `number ${p.number}`);
  const currentByKey = new Map(current.paragraphs.map((p) => [key(p), p]));
  const sealedKeys = new Set(sealed.paragraphs.map(key));
  for (const before of sealed.paragraphs) {
    const now = currentByKey.get(key(before));
    if (!now) out.push({ kind: 'paragraph', change: 'removed', number: before.number, position: before.position });
    else if (now.sha256 !== before.sha256) out.push({ kind: 'paragraph', change: 'changed', number: before.number, position: before.position });
  }
  for (const now of current.paragraphs) {
    if (!sealedKeys.has(key(now))) out.push({ kind: 'paragraph', change: 'added', number: now.number, position: now.position });
  }
  return out;
}

/** One entry of the audit log as the chain covers it. */
export interface AuditEntryContent {
  id: string;
  /** The instant, as ISO 8601 in UTC with milliseconds (Date.toISOString()). */
  at: string;
  actor: string | null;
  kind: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

/**
 * The hash of an audit entry: SHA-256 (hex) over the previous entry's hash (nothing for the first entry)
 * followed by the canonical JSON of {id, at, actor, kind, entity: {type, id}, data}.
 */
export function auditEntryHash(previousHash: string | null, entry: AuditEntryContent): string {
  const content = canonicalJson({
    id: entry.id,
    at: entry.at,
    actor: entry.actor,
    kind: entry.kind,
    entity: { type: entry.entityType, id: entry.entityId },
    data: entry.data,
  });
  return sha256Hex(`${previousHash ?? ''}${content}`);
}
