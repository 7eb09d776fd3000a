/** Runs every rule group over the minutes and orders the findings as the document does. */
import type { Minutes } from '../minutes.ts';
import { ruleProfileFor, type RuleProfile } from '../rule-profile.ts';
import type { CheckContext } from './context.ts';
import { checkDates } from './dates.ts';
import type { Finding } from './finding.ts';
import { checkNumbering } from './numbering.ts';
import { checkPeople } from './people.ts';
import { checkVotesAndQuorum } from './votes.ts';

/** The profile to check minutes against when the body's own is not known: KL for a protocol, none for notes. */
export function defaultProfileFor(minutes: Minutes): RuleProfile {
  return ruleProfileFor({ organisationType: 'kommunalforbund', bodyKind: minutes.kind === 'notes' ? 'network' : 'decision_making' });
}

/** Every finding in the minutes, in the order of the document: the meeting first, then § by §. */
export function checkMinutes(minutes: Minutes, context: CheckContext = {}): Finding[] {
  const profile = context.profile ?? defaultProfileFor(minutes);
  const findings = [
    ...checkDates(minutes, profile, context),
    ...checkPeople(minutes),
    ...checkNumbering(minutes, context),
    ...checkVotesAndQuorum(minutes, profile, context),
  ];
  const order = new Map(minutes.items.map((item, index) => [item.number, index]));
  return findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.index - b.index)
    .map(({ f }) => f);

  function rank(f: Finding): number {
    return f.paragraph === null ? -1 : (order.get(f.paragraph) ?? Number.MAX_SAFE_INTEGER);
  }
}
