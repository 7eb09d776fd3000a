/**
 * Laglighetskontroll: the legal checks of a meeting's minutes, as pure rules over the minutes interchange
 * document and what else is known (context). The same rules run in `protokoll check`, at each step of the
 * meeting cycle (kallelse, finalise, justering, notice) and on import, where they are kept as warnings.
 */
export type { CheckContext } from './context.ts';
export { checkMinutes, defaultProfileFor } from './check-minutes.ts';
export { findingRules, hasErrors, type Finding, type FindingCode, type FindingSeverity } from './finding.ts';
export { describeFinding, type FindingLanguage } from './messages.ts';
export { adjustedOnOf } from './dates.ts';
export { checkStep, meetingSteps, verdictOf, type MeetingStep, type StepVerdict } from './steps.ts';
