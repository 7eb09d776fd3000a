/**
 * Rule profiles: which legal clocks apply to a body and the defaults for its notices and justering. The data
 * model is the same for every organisation; the profile switches the rules on and off (DOMAIN.md, "Who uses it").
 */
import { InputError, type Problem } from '../errors.ts';
import type { SignerRole } from './minutes.ts';

/** Organisationstyp: kommunalförbund, samordningsförbund, ideell förening (kommunförbund under stadgar), kommun/region. */
export const organisationTypes = ['kommunalforbund', 'samordningsforbund', 'association', 'municipal'] as const;
export type OrganisationType = (typeof organisationTypes)[number];

/** Organtyp: a decision-making body (styrelse, nämnd, fullmäktige) or a network/working group (nätverk, arbetsgrupp). */
export const bodyKinds = ['decision_making', 'network'] as const;
export type BodyKind = (typeof bodyKinds)[number];

/** Regelprofil: the rules one body follows, from its organisation type and body kind, after the body's own choices. */
export interface RuleProfile {
  organisationType: OrganisationType;
  bodyKind: BodyKind;
  /** True when kommunallagen (or a law applying it, lag 2003:1210) governs the body; statutory rules cannot be relaxed. */
  statutory: boolean;
  /** Protokoll or minnesanteckningar. */
  documentKind: 'protocol' | 'notes';
  clocks: {
    /** Justering within 14 days (KL 5:69). */
    adjustment: boolean;
    /** Anslag of the justering no later than the second day after it (KL 8:12). */
    notice: boolean;
    /** Laglighetsprövning: three weeks from the anslag (KL 13:5). */
    appeal: boolean;
  };
  /** Days before the meeting that the kallelse must go out; null when nothing requires a kallelse. */
  meetingNoticeDays: number | null;
  /** Justerare besides the chair. */
  adjusterCount: number;
  /** Whether the minutes must be adjusted (justeras) before they are final. */
  adjustmentRequired: boolean;
  /** Who signs: the secretary finalises, the chair and adjusters approve. */
  signerRoles: readonly SignerRole[];
}

/** What one body may choose for itself (reglemente, arbetsordning, stadgar, or the group's own choice). */
export interface BodyRuleOverrides {
  documentKind?: RuleProfile['documentKind'];
  meetingNoticeDays?: number | null;
  adjusterCount?: number;
  adjustmentRequired?: boolean;
  signerRoles?: readonly SignerRole[];
  /** Only the adjustment clock may be chosen, and only where no statute sets it. */
  adjustmentClock?: boolean;
}

// A week before the meeting: KL 5:53 sets it for fullmäktige (check); nämnder set their own in the reglemente,
// typically 5–7 days, so a week is the default and a body may change it.
const DEFAULT_MEETING_NOTICE_DAYS = 7;

const ALL_SIGNERS: readonly SignerRole[] = ['secretary', 'chair', 'adjuster'];

/** The default profile for an organisation type and body kind. */
export function ruleProfileFor(options: { organisationType: OrganisationType; bodyKind: BodyKind }): RuleProfile {
  const { organisationType, bodyKind } = options;
  if (bodyKind === 'network') {
    // Networks prepare and inform: notes, no justering unless the group chooses one, no legal clocks.
    return {
      organisationType,
      bodyKind,
      statutory: false,
      documentKind: 'notes',
      clocks: { adjustment: false, notice: false, appeal: false },
      meetingNoticeDays: null,
      adjusterCount: 0,
      adjustmentRequired: false,
      signerRoles: ['secretary'],
    };
  }
  if (organisationType === 'association') {
    // An ideell förening follows its stadgar: KL does not apply, so there is no anslag and no laglighetsprövning.
    return {
      organisationType,
      bodyKind,
      statutory: false,
      documentKind: 'protocol',
      clocks: { adjustment: false, notice: false, appeal: false },
      meetingNoticeDays: DEFAULT_MEETING_NOTICE_DAYS,
      adjusterCount: 1,
      adjustmentRequired: true,
      signerRoles: ALL_SIGNERS,
    };
  }
  // Kommun, region and kommunalförbund: KL in full. Samordningsförbund: KL-like rules through lag 2003:1210 and
  // the förbundsordning, which names the notice board.
  return {
    organisationType,
    bodyKind,
    statutory: true,
    documentKind: 'protocol',
    clocks: { adjustment: true, notice: true, appeal: true },
    meetingNoticeDays: DEFAULT_MEETING_NOTICE_DAYS,
    adjusterCount: 1,
    adjustmentRequired: true,
    signerRoles: ALL_SIGNERS,
  };
}

/** The profile after a body's own choices; throws InputError listing every override that is invalid or relaxes a statute. */
export function effectiveRules(profile: RuleProfile, bodyOverrides: BodyRuleOverrides = {}): RuleProfile {
  const problems: Problem[] = [];
  const overrides = bodyOverrides;
  if (overrides.meetingNoticeDays != null && !isNonNegativeInteger(overrides.meetingNoticeDays)) {
    problems.push(problem('meetingNoticeDays', 'invalid_rule_value', 'must be a whole number of days, 0 or more'));
  }
  if (overrides.adjusterCount !== undefined && !isNonNegativeInteger(overrides.adjusterCount)) {
    problems.push(problem('adjusterCount', 'invalid_rule_value', 'must be a whole number, 0 or more'));
  }
  if (overrides.signerRoles !== undefined && !overrides.signerRoles.includes('secretary')) {
    problems.push(problem('signerRoles', 'invalid_rule_value', 'the secretary always finalises the minutes'));
  }
  if (profile.statutory) {
    // KL 5:65, 5:69, 6:35: a KL body keeps a protocol and adjusts it within 14 days. How many adjusters is
    // for the arbetsordning or reglemente (KL 5:72), so adjusterCount stays open.
    if (overrides.adjustmentRequired === false) {
      problems.push(statutory('adjustmentRequired', 'justering is required by KL 5:69'));
    }
    if (overrides.adjustmentClock === false) {
      problems.push(statutory('adjustmentClock', 'the 14-day justering deadline is set by KL 5:69'));
    }
    if (overrides.documentKind === 'notes') {
      problems.push(statutory('documentKind', 'a KL body keeps a protocol (KL 5:65, 6:35)'));
    }
    // Justering is the chair's and at least one adjuster's approval; the secretary alone cannot adjust
    // the minutes of a KL body.
    if (overrides.adjusterCount === 0) {
      problems.push(statutory('adjusterCount', 'the minutes of a KL body are adjusted by the chair and at least one adjuster'));
    }
    if (overrides.signerRoles !== undefined && !(overrides.signerRoles.includes('chair') && overrides.signerRoles.includes('adjuster'))) {
      problems.push(statutory('signerRoles', 'the chair and the adjusters sign the minutes of a KL body'));
    }
  }

  const merged: RuleProfile = {
    ...profile,
    clocks: { ...profile.clocks, adjustment: overrides.adjustmentClock ?? profile.clocks.adjustment },
    documentKind: overrides.documentKind ?? profile.documentKind,
    meetingNoticeDays: overrides.meetingNoticeDays !== undefined ? overrides.meetingNoticeDays : profile.meetingNoticeDays,
    adjusterCount: overrides.adjusterCount ?? profile.adjusterCount,
    adjustmentRequired: overrides.adjustmentRequired ?? profile.adjustmentRequired,
    signerRoles: overrides.signerRoles ?? profile.signerRoles,
  };
  if (merged.adjustmentRequired && merged.adjusterCount > 0 && !merged.signerRoles.includes('adjuster')) {
    problems.push(problem('signerRoles', 'invalid_rule_value', 'adjusters are required but are not among the signers'));
  }
  if (problems.length > 0) throw new InputError(problems);
  return merged;
}

function isNonNegativeInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

function problem(field: string, code: string, message: string): Problem {
  return { path: `overrides.${field}`, code, message };
}

function statutory(field: string, message: string): Problem {
  return problem(field, 'statutory_rule_not_overridable', message);
}
