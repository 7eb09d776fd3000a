/**
 * The legal checks in the web workspace: the panel of current findings on the secretary's meeting page,
 * and what a step's form shows when the checks stop it. A refused step comes back to the same page with
 * its findings beside the button, each linking to where it is corrected; warnings come back with a reason
 * field, so the step is one more submit away and never a dead end (WCAG 2.1 AA: an error summary that
 * takes focus, messages tied to the field).
 */
import type { LegalCheckError, ReportedFinding } from '../../errors.ts';
import type { CurrentLegalFindings } from '../../services/meeting-cycle.service.ts';
import type { PageContext } from '../context.ts';
import { fieldId, textareaField } from '../forms.ts';
import { html, type Html } from '../html.ts';

/** The answer of the legal checks to a posted step, kept to draw the form again. */
export interface LegalStepState {
  code: LegalCheckError['code'];
  findings: ReportedFinding[];
  /** The reason as typed (blank when none was given). */
  legalReason: string;
}

export function legalStepStateOf(error: LegalCheckError, legalReason: string | undefined): LegalStepState {
  return { code: error.code, findings: error.findings, legalReason: legalReason ?? '' };
}

/** Where a finding is corrected: the § edit page, or the part of the meeting page it concerns. */
export interface FindingTargets {
  paragraph: (number: number) => string | null;
  attendance: string | null;
  kallelse: string | null;
}

const attendanceCodes = new Set(['adjuster_not_present', 'signer_not_present', 'person_listed_twice', 'person_counted_twice', 'quorum_not_met']);
const kallelseCodes = new Set(['kallelse_missing', 'kallelse_late']);

/** The panel on the meeting page: what the checks find now, before the meeting's next step. */
export function legalFindingsPanel(context: PageContext, current: CurrentLegalFindings, targets: FindingTargets): Html {
  const { t } = context;
  if (!current.step) return html``;
  return html`<section class="card legal-findings" aria-labelledby="laglighet-rubrik">
  <h2 id="laglighet-rubrik">${t.legal.title}</h2>
  <p>${t.legal.lead(t.legal.steps[current.step] ?? current.step)}</p>
  ${current.findings.length === 0
    ? html`<p class="clock-ok">${t.legal.none}</p>`
    : html`<ul class="finding-list">${current.findings.map((f) => findingItem(context, f, targets, f.answeredWith))}</ul>`}
</section>`;
}

/**
 * What a step's form shows after the checks stopped it: an error summary (focused on load) listing the
 * findings with links, and for warnings the reason field inside the form. Empty when nothing was refused.
 */
export function legalStepFeedback(context: PageContext, state: LegalStepState | null, targets: FindingTargets): Html {
  if (!state) return html``;
  const { t } = context;
  const refused = state.code === 'legal_check_failed';
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="laglighet-sammanfattning">
  <h2 id="laglighet-sammanfattning">${refused ? t.legal.refusedTitle : t.legal.reasonTitle}</h2>
  <p>${refused ? t.legal.refusedLead : t.legal.reasonLead}</p>
  <ul class="finding-list">${state.findings.map((f) => findingItem(context, f, targets, null))}</ul>
  ${!refused && html`<p><a href="#${fieldId('legalReason')}">${t.legal.reason}: ${t.legal.reasonMissing}</a></p>`}
</div>`;
}

/** The reason field of a step's form, shown once the checks have asked for a reason. */
export function legalReasonInput(context: PageContext, state: LegalStepState | null): Html {
  if (!state || state.code !== 'legal_reason_required') return html``;
  const { t } = context;
  // The checks asked for a reason because none (or a blank one) came with the step.
  return textareaField(context, { values: { legalReason: state.legalReason }, errors: { legalReason: t.legal.reasonMissing } }, { name: 'legalReason', label: t.legal.reason, hint: t.legal.reasonHint, rows: 3, required: true });
}

function findingItem(context: PageContext, f: ReportedFinding, targets: FindingTargets, answeredWith: string | null): Html {
  const { t, language } = context;
  const href = f.paragraph !== null ? targets.paragraph(f.paragraph) : attendanceCodes.has(f.code) ? targets.attendance : kallelseCodes.has(f.code) ? targets.kallelse : null;
  const label = f.paragraph !== null ? t.legal.goToParagraph(f.paragraph) : attendanceCodes.has(f.code) ? t.legal.goToAttendance : t.legal.goToKallelse;
  return html`<li class="finding finding-${f.severity}"><strong class="finding-severity">${f.severity === 'error' ? t.legal.error : t.legal.warning}:</strong> ${f.messages[language]} <span class="finding-reference">(${f.reference})</span>
    ${href && html` <a href="${href}">${label}</a>`}
    ${answeredWith !== null && html`<br><span class="finding-answered">${t.legal.answered(answeredWith)}</span>`}</li>`;
}
