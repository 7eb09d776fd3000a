import { describe, expect, it } from 'vitest';
import { InputError, RuleError } from '../errors.ts';
import {
  adjustParagraphImmediately,
  archive,
  assignSigners,
  draftMinutesApproval,
  finalise,
  isAdjusted,
  isFinal,
  paragraphAdjustedOn,
  pendingSignerIds,
  reject,
  sign,
  type AdjustmentRules,
  type MinutesApproval,
} from './minutes-state.ts';
import { ruleProfileFor } from './rule-profile.ts';

const klRules: AdjustmentRules = ruleProfileFor({ organisationType: 'municipal', bodyKind: 'decision_making' });
const twoAdjusters: AdjustmentRules = { ...klRules, adjusterCount: 2 };
const notesRules: AdjustmentRules = ruleProfileFor({ organisationType: 'association', bodyKind: 'network' });

const draft = (adjusterIds: string[] = ['adj1']) =>
  draftMinutesApproval({ secretaryId: 'sec', chairId: 'chair', adjusterIds });
const finalised = (adjusterIds: string[] = ['adj1'], rules = klRules) =>
  finalise(draft(adjusterIds), { by: 'sec', at: '2020-10-08T16:00:00+02:00', rules });

function ruleCodeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleError) return error.code;
    throw error;
  }
  throw new Error('expected a RuleError');
}

describe('finalise', () => {
  it('sends the draft for justering by the chair and the adjusters', () => {
    const state = finalised(['adj1', 'adj2']);
    expect(state).toMatchObject({ status: 'finalised', requiredSignerIds: ['chair', 'adj1', 'adj2'], adjustedOn: null });
    expect(pendingSignerIds(state)).toEqual(['chair', 'adj1', 'adj2']);
  });

  it.each<[string, () => MinutesApproval, AdjustmentRules, string, string]>([
    ['someone other than the secretary', () => draft(), klRules, 'chair', 'not_the_secretary'],
    ['minutes with no adjuster', () => draft([]), klRules, 'sec', 'no_adjuster'],
    ['minutes with fewer adjusters than the rules ask', () => draft(['adj1']), twoAdjusters, 'sec', 'too_few_adjusters'],
    ['minutes naming an adjuster twice', () => draft(['adj1', 'adj1']), klRules, 'sec', 'duplicate_adjuster'],
    ['minutes where the chair is also the adjuster', () => draft(['chair']), klRules, 'sec', 'chair_is_adjuster'],
    [
      'minutes with no chair',
      () => draftMinutesApproval({ secretaryId: 'sec', adjusterIds: ['adj1'] }),
      klRules,
      'sec',
      'no_chair',
    ],
    ['minutes already finalised', () => finalised(), klRules, 'sec', 'minutes_already_finalised'],
    [
      'minutes already adjusted',
      () => sign(sign(finalised(), { by: 'chair', at: '2020-10-09T09:00:00+02:00' }), { by: 'adj1', at: '2020-10-09T10:00:00+02:00' }),
      klRules,
      'sec',
      'minutes_already_adjusted',
    ],
  ])('is refused for %s', (_, state, rules, by, code) => {
    expect(ruleCodeOf(() => finalise(state(), { by, at: '2020-10-08T16:00:00+02:00', rules }))).toBe(code);
  });

  it('makes notes final without any signature when no justering is required', () => {
    const state = finalise(draftMinutesApproval({ secretaryId: 'sec' }), { by: 'sec', at: '2020-10-08T16:00:00+02:00', rules: notesRules });
    expect(state).toMatchObject({ status: 'finalised', requiredSignerIds: [] });
    expect(isFinal(state)).toBe(true);
    expect(isAdjusted(state)).toBe(false);
  });

  it('adjusts at once when justering is required but only the secretary signs', () => {
    const rules: AdjustmentRules = { adjustmentRequired: true, adjusterCount: 0, signerRoles: ['secretary'] };
    const state = finalise(draft([]), { by: 'sec', at: '2020-10-08T16:00:00+02:00', rules });
    expect(state).toMatchObject({ status: 'adjusted', adjustedOn: '2020-10-08' });
  });
});

describe('sign', () => {
  it('adjusts the minutes on the date of the last signature, in whatever order they sign', () => {
    let state = finalised(['adj1', 'adj2']);
    state = sign(state, { by: 'adj2', at: '2020-10-12T08:00:00+02:00' });
    state = sign(state, { by: 'chair', at: '2020-10-09T09:00:00+02:00' });
    expect(state.status).toBe('finalised');
    expect(pendingSignerIds(state)).toEqual(['adj1']);
    state = sign(state, { by: 'adj1', at: '2020-10-10T23:30:00+02:00' });
    expect(state).toMatchObject({ status: 'adjusted', adjustedOn: '2020-10-12' });
    expect(state.signatures.map((entry) => [entry.signerId, entry.role, entry.signedOn])).toEqual([
      ['adj2', 'adjuster', '2020-10-12'],
      ['chair', 'chair', '2020-10-09'],
      ['adj1', 'adjuster', '2020-10-10'],
    ]);
    expect(isAdjusted(state)).toBe(true);
  });

  it('takes the Swedish date of a signature given in UTC', () => {
    let state = sign(finalised(), { by: 'chair', at: '2020-10-09T09:00:00Z' });
    state = sign(state, { by: 'adj1', at: '2020-10-09T22:15:00Z' });
    expect(state.adjustedOn).toBe('2020-10-10');
  });

  it.each<[string, () => MinutesApproval, string, string]>([
    ['someone who is not chair or adjuster', () => finalised(), 'member9', 'not_a_signer'],
    ['the secretary', () => finalised(), 'sec', 'not_a_signer'],
    ['a second signature by the same person', () => sign(finalised(['adj1', 'adj2']), { by: 'adj1', at: '2020-10-09T09:00:00+02:00' }), 'adj1', 'already_signed'],
    ['a draft', () => draft(), 'chair', 'minutes_not_finalised'],
    [
      'adjusted minutes',
      () => sign(sign(finalised(), { by: 'chair', at: '2020-10-09T09:00:00+02:00' }), { by: 'adj1', at: '2020-10-09T10:00:00+02:00' }),
      'chair',
      'minutes_already_adjusted',
    ],
    ['finalised notes that need no justering', () => finalised([], notesRules), 'chair', 'not_a_signer'],
  ])('is refused for %s', (_, state, by, code) => {
    expect(ruleCodeOf(() => sign(state(), { by, at: '2020-10-09T12:00:00+02:00' }))).toBe(code);
  });

  it('is refused before the minutes were finalised', () => {
    expect(ruleCodeOf(() => sign(finalised(), { by: 'chair', at: '2020-10-08T15:00:00+02:00' }))).toBe('signed_before_finalised');
  });

  it('refuses a signing time without a time of day', () => {
    expect(() => sign(finalised(), { by: 'chair', at: '2020-10-09' })).toThrow(InputError);
  });
});

describe('reject', () => {
  it('sends the minutes back to draft as a new version and drops the signatures of the old one', () => {
    let state = sign(finalised(['adj1', 'adj2']), { by: 'chair', at: '2020-10-09T09:00:00+02:00' });
    state = reject(state, { by: 'adj1', at: '2020-10-09T10:00:00+02:00', reason: '  § 5 says the opposite of the decision ' });
    expect(state).toMatchObject({ status: 'draft', signatures: [], requiredSignerIds: [], finalisedAt: null, version: 2 });
    expect(state.rejections).toEqual([
      { signerId: 'adj1', reason: '§ 5 says the opposite of the decision', rejectedAt: '2020-10-09T10:00:00+02:00', version: 1 },
    ]);
  });

  it('lets the corrected version be finalised and signed again by everyone', () => {
    let state = reject(finalised(), { by: 'chair', at: '2020-10-09T09:00:00+02:00', reason: 'wrong attendance' });
    state = finalise(state, { by: 'sec', at: '2020-10-09T12:00:00+02:00', rules: klRules });
    state = sign(state, { by: 'chair', at: '2020-10-09T13:00:00+02:00' });
    state = sign(state, { by: 'adj1', at: '2020-10-13T13:00:00+02:00' });
    expect(state).toMatchObject({ status: 'adjusted', adjustedOn: '2020-10-13', version: 2 });
  });

  it.each<[string, () => MinutesApproval, string, string]>([
    ['by someone who is not a signer', () => finalised(), 'member9', 'not_a_signer'],
    ['by someone who has already signed', () => sign(finalised(['adj1', 'adj2']), { by: 'adj1', at: '2020-10-09T09:00:00+02:00' }), 'adj1', 'already_signed'],
    ['of a draft', () => draft(), 'chair', 'minutes_not_finalised'],
  ])('is refused %s', (_, state, by, code) => {
    expect(ruleCodeOf(() => reject(state(), { by, at: '2020-10-09T12:00:00+02:00', reason: 'why' }))).toBe(code);
  });

  it('needs a reason', () => {
    expect(() => reject(finalised(), { by: 'chair', at: '2020-10-09T12:00:00+02:00', reason: '   ' })).toThrow(
      expect.objectContaining({ code: 'rejection_reason_missing' }),
    );
  });
});

describe('assignSigners', () => {
  it('names the adjusters of a draft', () => {
    const state = assignSigners(draftMinutesApproval({ secretaryId: 'sec' }), { chairId: 'chair', adjusterIds: ['a', 'b'] });
    expect(state).toMatchObject({ chairId: 'chair', adjusterIds: ['a', 'b'] });
  });

  it('is refused once the minutes are finalised', () => {
    expect(ruleCodeOf(() => assignSigners(finalised(), { chairId: 'chair', adjusterIds: ['x'] }))).toBe('minutes_not_draft');
  });
});

describe('adjustParagraphImmediately', () => {
  it('adjusts one § at the meeting while the rest waits for justering', () => {
    let state = adjustParagraphImmediately(draft(), { paragraph: 45, adjustedOn: '2020-10-08' });
    expect(paragraphAdjustedOn(state, 45)).toBe('2020-10-08');
    expect(paragraphAdjustedOn(state, 46)).toBeNull();
    state = finalise(state, { by: 'sec', at: '2020-10-08T16:00:00+02:00', rules: klRules });
    state = sign(state, { by: 'chair', at: '2020-10-12T09:00:00+02:00' });
    state = sign(state, { by: 'adj1', at: '2020-10-12T10:00:00+02:00' });
    expect(paragraphAdjustedOn(state, 45)).toBe('2020-10-08');
    expect(paragraphAdjustedOn(state, 46)).toBe('2020-10-12');
  });

  it('keeps an immediately adjusted § adjusted when the rest is rejected', () => {
    let state = adjustParagraphImmediately(finalised(), { paragraph: 3, adjustedOn: '2020-10-08' });
    state = reject(state, { by: 'chair', at: '2020-10-09T09:00:00+02:00', reason: 'typo in § 4' });
    expect(paragraphAdjustedOn(state, 3)).toBe('2020-10-08');
  });

  it.each<[string, () => MinutesApproval, string]>([
    ['twice for the same §', () => adjustParagraphImmediately(draft(), { paragraph: 3, adjustedOn: '2020-10-08' }), 'paragraph_already_adjusted'],
    [
      'once the whole minutes are adjusted',
      () => sign(sign(finalised(), { by: 'chair', at: '2020-10-09T09:00:00+02:00' }), { by: 'adj1', at: '2020-10-09T10:00:00+02:00' }),
      'minutes_already_adjusted',
    ],
  ])('is refused %s', (_, state, code) => {
    expect(ruleCodeOf(() => adjustParagraphImmediately(state(), { paragraph: 3, adjustedOn: '2020-10-08' }))).toBe(code);
  });
});

describe('archive', () => {
  const adjusted = () =>
    sign(sign(finalised(), { by: 'chair', at: '2020-10-09T09:00:00+02:00' }), { by: 'adj1', at: '2020-10-09T10:00:00+02:00' });

  it('archives adjusted minutes, which stay adjusted', () => {
    const state = archive(adjusted(), { at: '2021-01-10T10:00:00+01:00' });
    expect(state).toMatchObject({ status: 'archived', adjustedOn: '2020-10-09' });
    expect(isAdjusted(state)).toBe(true);
  });

  it('archives final notes', () => {
    expect(archive(finalised([], notesRules), { at: '2021-01-10T10:00:00+01:00' }).status).toBe('archived');
  });

  it.each<[string, () => MinutesApproval, string]>([
    ['a draft', () => draft(), 'minutes_not_adjusted'],
    ['minutes waiting for signatures', () => finalised(), 'minutes_not_adjusted'],
    ['archived minutes', () => archive(adjusted(), { at: '2021-01-10T10:00:00+01:00' }), 'minutes_already_archived'],
  ])('is refused for %s', (_, state, code) => {
    expect(ruleCodeOf(() => archive(state(), { at: '2021-01-11T10:00:00+01:00' }))).toBe(code);
  });
});
