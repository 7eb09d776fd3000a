import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { effectiveRules, ruleProfileFor, type BodyRuleOverrides } from './rule-profile.ts';

describe('ruleProfileFor', () => {
  it.each([
    ['municipal', 'decision_making', 'protocol', true, true],
    ['kommunalforbund', 'decision_making', 'protocol', true, true],
    ['samordningsforbund', 'decision_making', 'protocol', true, true],
    ['association', 'decision_making', 'protocol', false, true],
    ['association', 'network', 'notes', false, false],
    ['municipal', 'network', 'notes', false, false],
  ] as const)(
    'a %s %s body keeps a %s, has the notice and appeal clocks: %s, and must adjust: %s',
    (organisationType, bodyKind, documentKind, clocks, adjustmentRequired) => {
      const profile = ruleProfileFor({ organisationType, bodyKind });
      expect(profile.documentKind).toBe(documentKind);
      expect(profile.clocks.notice).toBe(clocks);
      expect(profile.clocks.appeal).toBe(clocks);
      expect(profile.clocks.adjustment).toBe(clocks);
      expect(profile.adjustmentRequired).toBe(adjustmentRequired);
    },
  );

  it('has the chair, one adjuster and the secretary sign a KL protocol, with a week’s kallelse', () => {
    expect(ruleProfileFor({ organisationType: 'municipal', bodyKind: 'decision_making' })).toMatchObject({
      statutory: true,
      adjusterCount: 1,
      signerRoles: ['secretary', 'chair', 'adjuster'],
      meetingNoticeDays: 7,
    });
  });

  it('lets a network’s notes be written by the secretary alone, with no kallelse rule', () => {
    expect(ruleProfileFor({ organisationType: 'association', bodyKind: 'network' })).toMatchObject({
      adjusterCount: 0,
      signerRoles: ['secretary'],
      meetingNoticeDays: null,
    });
  });
});

describe('effectiveRules', () => {
  const kommun = ruleProfileFor({ organisationType: 'municipal', bodyKind: 'decision_making' });
  const network = ruleProfileFor({ organisationType: 'association', bodyKind: 'network' });
  const association = ruleProfileFor({ organisationType: 'association', bodyKind: 'decision_making' });

  it('keeps the defaults when the body chooses nothing', () => {
    expect(effectiveRules(kommun)).toEqual(kommun);
  });

  it.each([
    [kommun, { meetingNoticeDays: 5, adjusterCount: 2 }, { meetingNoticeDays: 5, adjusterCount: 2 }],
    [
      network,
      { adjustmentRequired: true, adjusterCount: 1, signerRoles: ['secretary', 'chair', 'adjuster'] },
      { adjustmentRequired: true, adjusterCount: 1 },
    ],
    [association, { adjustmentClock: true }, { clocks: { adjustment: true, notice: false, appeal: false } }],
    [association, { meetingNoticeDays: 28 }, { meetingNoticeDays: 28 }],
  ] as const)('applies a body’s own choice %#', (profile, overrides, expected) => {
    expect(effectiveRules(profile, overrides as BodyRuleOverrides)).toMatchObject(expected);
  });

  it.each([
    [{ adjustmentRequired: false }, 'overrides.adjustmentRequired', 'statutory_rule_not_overridable'],
    [{ adjustmentClock: false }, 'overrides.adjustmentClock', 'statutory_rule_not_overridable'],
    [{ documentKind: 'notes' }, 'overrides.documentKind', 'statutory_rule_not_overridable'],
    [{ meetingNoticeDays: -2 }, 'overrides.meetingNoticeDays', 'invalid_rule_value'],
    [{ adjusterCount: 1.5 }, 'overrides.adjusterCount', 'invalid_rule_value'],
    [{ signerRoles: ['chair', 'adjuster'] }, 'overrides.signerRoles', 'invalid_rule_value'],
    [{ adjusterCount: 0 }, 'overrides.adjusterCount', 'statutory_rule_not_overridable'],
    [{ signerRoles: ['secretary'] }, 'overrides.signerRoles', 'statutory_rule_not_overridable'],
    [{ signerRoles: ['secretary', 'chair'] }, 'overrides.signerRoles', 'statutory_rule_not_overridable'],
  ] as const)('refuses for a KL body the choice %o', (overrides, path, code) => {
    try {
      effectiveRules(kommun, overrides as BodyRuleOverrides);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems).toContainEqual(expect.objectContaining({ path, code }));
    }
  });

  it('reports every refused choice together', () => {
    try {
      effectiveRules(kommun, { adjustmentRequired: false, meetingNoticeDays: -1, documentKind: 'notes' });
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).problems).toHaveLength(3);
    }
  });

  it('lets a KL body name how many adjusters, since that is for its arbetsordning', () => {
    expect(effectiveRules(kommun, { adjusterCount: 2 }).adjusterCount).toBe(2);
  });

  it('lets an association have its secretary alone adjust, as its statutes may say', () => {
    expect(effectiveRules(association, { adjusterCount: 0, signerRoles: ['secretary'] })).toMatchObject({ adjusterCount: 0, signerRoles: ['secretary'] });
  });
});
