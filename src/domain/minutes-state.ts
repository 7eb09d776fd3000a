/**
 * The life cycle of one set of minutes: draft → finalised → adjusted → archived. The secretary finalises, then
 * the chair and each adjuster sign (approve) or reject with a reason, which sends the minutes back to draft.
 * The justering date is the date of the last signature (DOMAIN.md, "Justering and signatures"). Pure functions
 * over plain data: each step returns a new state or throws RuleError when the step is refused.
 */
import { InputError, RuleError } from '../errors.ts';
import { isIsoDate, swedishDateOf } from './legal-dates.ts';
import type { RuleProfile } from './rule-profile.ts';

/** Protokollets status: utkast, färdigställt (sent for justering), justerat, arkiverat. */
export const minutesStatuses = ['draft', 'finalised', 'adjusted', 'archived'] as const;
export type MinutesStatus = (typeof minutesStatuses)[number];

/**
 * Meeting statuses after which the agenda no longer changes: its §§ keep their numbers and nothing new is
 * listed on it (planned, convened and held meetings are still open).
 */
export const closedMeetingStatuses = ['finalised', 'adjusted', 'archived', 'cancelled'] as const;

/** Whether a meeting's agenda and draft minutes can still change. */
export function isMeetingOpen(status: string): boolean {
  return !(closedMeetingStatuses as readonly string[]).includes(status);
}

/** Underskrift: one approval by the chair or an adjuster. */
export interface MinutesSignature {
  signerId: string;
  role: 'chair' | 'adjuster';
  /** The instant of signing, ISO 8601 with offset. */
  signedAt: string;
  /** The Swedish calendar date of `signedAt`. */
  signedOn: string;
}

/** Återvisning: a signer's refusal to approve, with the reason; the minutes go back to draft. */
export interface MinutesRejection {
  signerId: string;
  reason: string;
  rejectedAt: string;
  /** The version that was rejected. */
  version: number;
}

/** Omedelbar justering: one § adjusted at the meeting (KL 5:69). */
export interface ImmediateAdjustment {
  paragraph: number;
  adjustedOn: string;
}

/** Justeringsläge: where one set of minutes stands, who signs, and who has signed. */
export interface MinutesApproval {
  status: MinutesStatus;
  /** Protokollförare/sekreterare: finalises. */
  secretaryId: string;
  /** Ordförande. */
  chairId: string | null;
  /** Justerare, as elected at the meeting. */
  adjusterIds: readonly string[];
  /** Fixed when finalised: who must sign before the minutes are adjusted (empty when no justering is required). */
  requiredSignerIds: readonly string[];
  /** Signatures of the current version only. */
  signatures: readonly MinutesSignature[];
  rejections: readonly MinutesRejection[];
  immediateAdjustments: readonly ImmediateAdjustment[];
  /** Starts at 1; each rejection starts a new version, so nobody's signature covers wording they did not see. */
  version: number;
  finalisedAt: string | null;
  /** Justeringsdag: the date of the last signature. */
  adjustedOn: string | null;
  archivedAt: string | null;
}

/** The rules a finalisation needs from the body's rule profile. */
export type AdjustmentRules = Pick<RuleProfile, 'adjustmentRequired' | 'adjusterCount' | 'signerRoles'>;

/** New minutes in draft, with the secretary and, when known, the chair and adjusters. */
export function draftMinutesApproval(options: {
  secretaryId: string;
  chairId?: string | null;
  adjusterIds?: readonly string[];
}): MinutesApproval {
  return {
    status: 'draft',
    secretaryId: options.secretaryId,
    chairId: options.chairId ?? null,
    adjusterIds: options.adjusterIds ?? [],
    requiredSignerIds: [],
    signatures: [],
    rejections: [],
    immediateAdjustments: [],
    version: 1,
    finalisedAt: null,
    adjustedOn: null,
    archivedAt: null,
  };
}

/** Names the chair and adjusters of draft minutes (e.g. after the § "val av justerare"). */
export function assignSigners(
  state: MinutesApproval,
  signers: { chairId: string | null; adjusterIds: readonly string[] },
): MinutesApproval {
  refuseUnlessDraft(state);
  return { ...state, chairId: signers.chairId, adjusterIds: [...signers.adjusterIds] };
}

/**
 * The secretary finalises the draft and sends it for justering. Refused for anyone but the secretary, and when
 * the rules require a chair or adjusters the minutes do not name.
 */
export function finalise(state: MinutesApproval, options: { by: string; at: string; rules: AdjustmentRules }): MinutesApproval {
  const { by, at, rules } = options;
  const finalisedOn = swedishDateOf(at);
  if (state.status === 'finalised') refuse('minutes_already_finalised', 'the minutes are already sent for justering');
  refuseUnlessDraft(state);
  if (by !== state.secretaryId) refuse('not_the_secretary', 'only the secretary finalises the minutes', { by });

  const requiredSignerIds: string[] = [];
  if (rules.adjustmentRequired) {
    if (rules.signerRoles.includes('chair')) {
      if (state.chairId === null) refuse('no_chair', 'the minutes name no chair to sign them');
      requiredSignerIds.push(state.chairId);
    }
    if (rules.signerRoles.includes('adjuster') && rules.adjusterCount > 0) {
      const adjusters = state.adjusterIds;
      if (adjusters.length === 0) refuse('no_adjuster', 'the rules require an adjuster but none is named');
      if (new Set(adjusters).size !== adjusters.length) refuse('duplicate_adjuster', 'an adjuster is named twice');
      if (state.chairId !== null && adjusters.includes(state.chairId)) {
        // Justering is a check by someone other than the chair; one person cannot fill both places.
        refuse('chair_is_adjuster', 'the chair cannot also be an adjuster');
      }
      if (adjusters.length < rules.adjusterCount) {
        refuse('too_few_adjusters', `the rules require ${rules.adjusterCount} adjusters, ${adjusters.length} named`, {
          required: rules.adjusterCount,
          named: adjusters.length,
        });
      }
      requiredSignerIds.push(...adjusters);
    }
  }

  const finalised: MinutesApproval = { ...state, status: 'finalised', requiredSignerIds, signatures: [], finalisedAt: at };
  // Justering required but nobody besides the secretary signs: finalising is the justering.
  if (rules.adjustmentRequired && requiredSignerIds.length === 0) {
    return { ...finalised, status: 'adjusted', adjustedOn: finalisedOn };
  }
  return finalised;
}

/** The chair or an adjuster approves the finalised minutes; the last required signature adjusts them. */
export function sign(state: MinutesApproval, options: { by: string; at: string }): MinutesApproval {
  const { by, at } = options;
  const signedOn = swedishDateOf(at);
  refuseUnlessAwaitingSignatures(state, by);
  if (state.finalisedAt !== null && Date.parse(at) < Date.parse(state.finalisedAt)) {
    refuse('signed_before_finalised', 'a signature cannot be earlier than the finalisation', { at });
  }
  const signature: MinutesSignature = {
    signerId: by,
    role: by === state.chairId ? 'chair' : 'adjuster',
    signedAt: at,
    signedOn,
  };
  const signatures = [...state.signatures, signature];
  const signedIds = new Set(signatures.map((entry) => entry.signerId));
  if (!state.requiredSignerIds.every((id) => signedIds.has(id))) return { ...state, signatures };
  // The justering date is the date of the last signature, whatever order they came in.
  const adjustedOn = signatures.map((entry) => entry.signedOn).reduce((latest, on) => (on > latest ? on : latest));
  return { ...state, signatures, status: 'adjusted', adjustedOn };
}

/** The chair or an adjuster refuses to approve, with a reason; the minutes go back to draft as a new version. */
export function reject(state: MinutesApproval, options: { by: string; at: string; reason: string }): MinutesApproval {
  const { by, at } = options;
  swedishDateOf(at);
  const reason = options.reason.trim();
  if (reason === '') {
    throw new InputError({ path: 'reason', code: 'rejection_reason_missing', message: 'a rejection needs a reason' });
  }
  refuseUnlessAwaitingSignatures(state, by);
  return {
    ...state,
    status: 'draft',
    signatures: [],
    requiredSignerIds: [],
    finalisedAt: null,
    rejections: [...state.rejections, { signerId: by, reason, rejectedAt: at, version: state.version }],
    version: state.version + 1,
  };
}

/** Archives minutes that are final: adjusted, or finalised notes that need no justering. */
export function archive(state: MinutesApproval, options: { at: string }): MinutesApproval {
  swedishDateOf(options.at);
  if (state.status === 'archived') refuse('minutes_already_archived', 'the minutes are already archived');
  if (!isFinal(state)) refuse('minutes_not_adjusted', 'only adjusted minutes can be archived');
  return { ...state, status: 'archived', archivedAt: options.at };
}

/** Omedelbar justering of one § at the meeting (KL 5:69), before the rest of the minutes are adjusted. */
export function adjustParagraphImmediately(
  state: MinutesApproval,
  options: { paragraph: number; adjustedOn: string },
): MinutesApproval {
  const { paragraph, adjustedOn } = options;
  if (!Number.isInteger(paragraph) || paragraph < 1) {
    throw new InputError({ path: 'paragraph', code: 'invalid_paragraph_number', message: 'must be a whole number, 1 or more' });
  }
  if (!isIsoDate(adjustedOn)) {
    throw new InputError({ path: 'adjustedOn', code: 'invalid_date', message: `expected a date YYYY-MM-DD, got '${adjustedOn}'` });
  }
  if (isAdjusted(state)) refuse('minutes_already_adjusted', 'the whole minutes are already adjusted');
  if (state.immediateAdjustments.some((entry) => entry.paragraph === paragraph)) {
    refuse('paragraph_already_adjusted', `§ ${paragraph} is already adjusted`, { paragraph });
  }
  return { ...state, immediateAdjustments: [...state.immediateAdjustments, { paragraph, adjustedOn }] };
}

/** Whether the minutes are adjusted (justerade), including archived minutes. */
export function isAdjusted(state: MinutesApproval): boolean {
  return state.status === 'adjusted' || state.status === 'archived';
}

/** Whether the minutes can no longer change: adjusted, archived, or finalised notes that need no justering. */
export function isFinal(state: MinutesApproval): boolean {
  return isAdjusted(state) || (state.status === 'finalised' && state.requiredSignerIds.length === 0);
}

/** The date one § was adjusted: its immediate justering, or the justering of the whole minutes; null if neither. */
export function paragraphAdjustedOn(state: MinutesApproval, paragraph: number): string | null {
  const immediate = state.immediateAdjustments.find((entry) => entry.paragraph === paragraph);
  if (immediate) return immediate.adjustedOn;
  return isAdjusted(state) ? state.adjustedOn : null;
}

/** The required signers who have not yet signed the current version. */
export function pendingSignerIds(state: MinutesApproval): string[] {
  if (state.status !== 'finalised') return [];
  const signed = new Set(state.signatures.map((entry) => entry.signerId));
  return state.requiredSignerIds.filter((id) => !signed.has(id));
}

function refuseUnlessDraft(state: MinutesApproval): void {
  if (isAdjusted(state)) refuse('minutes_already_adjusted', 'adjusted minutes never change');
  if (state.status !== 'draft') refuse('minutes_not_draft', `the minutes are ${state.status}, not a draft`);
}

function refuseUnlessAwaitingSignatures(state: MinutesApproval, by: string): void {
  if (isAdjusted(state)) refuse('minutes_already_adjusted', 'the minutes are already adjusted');
  if (state.status === 'draft') refuse('minutes_not_finalised', 'the secretary has not finalised the minutes');
  if (!state.requiredSignerIds.includes(by)) refuse('not_a_signer', 'only the chair and the adjusters sign', { by });
  if (state.signatures.some((entry) => entry.signerId === by)) refuse('already_signed', 'this signer has already signed', { by });
}

function refuse(code: string, message: string, details: Record<string, unknown> = {}): never {
  throw new RuleError(code, message, details);
}
