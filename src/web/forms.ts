/**
 * Form fields that carry their own error: the message sits next to the field, is tied to it with
 * aria-describedby, the field is marked aria-invalid, and the typed value is kept. An error summary at
 * the top links to each field (the pattern of GOV.UK and the Swedish public-sector design systems).
 */
import { InputError, RuleError, type Problem } from '../errors.ts';
import type { PageContext } from './context.ts';
import { html, type Html } from './html.ts';
import type { Catalogue } from './i18n/index.ts';

/** The values typed and the error per field, to redraw a form. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm: FormState = { values: {}, errors: {} };

export function csrfField(context: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${context.csrfToken}">`;
}

/** A Swedish (or English) sentence for a problem reported by a service, by its code. */
export function messageFor(t: Catalogue, problem: Pick<Problem, 'code' | 'message'>): string {
  const byCode: Record<string, string> = {
    required: t.form.required,
    missing: t.form.required,
    invalid_email: t.form.invalidEmail,
    email_taken: t.form.emailTaken,
    password_too_short: t.form.tooShortPassword(12),
    invalid_date: t.form.invalidDate,
    invalid_time: t.form.invalidTime,
    invalid_number: t.form.invalidNumber,
    ...t.errors.codes,
  };
  return byCode[problem.code] ?? t.errors.codes[problem.code] ?? problem.message;
}

/** The field name a problem's path points at ('items[0].title' → 'title' when only the last part is a field here). */
export function formStateFrom(t: Catalogue, values: Record<string, string>, problems: Problem[], fieldOf: (path: string) => string = (p) => p): FormState {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const field = fieldOf(problem.path);
    errors[field] ??= messageFor(t, problem);
  }
  return { values, errors };
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'number' | 'search';
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  /** Wider or narrower input. */
  width?: 'short' | 'medium' | 'long';
  /** The id of an error that concerns a group of fields (such as the three vote counts): it marks this field invalid and describes it too. */
  groupError?: string | null;
}

function ids(name: string) {
  const base = `falt-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  return { id: base, hint: `${base}-hjalp`, error: `${base}-fel` };
}

function describedBy(name: string, hint: boolean, error: boolean): string | null {
  const { hint: hintId, error: errorId } = ids(name);
  const parts = [hint ? hintId : null, error ? errorId : null].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

function fieldFrame(state: FormState, options: { name: string; label: string; hint?: string; required?: boolean }, control: Html, t: Catalogue): Html {
  const { id, hint, error } = ids(options.name);
  const message = state.errors[options.name];
  return html`<div class="field${message ? ' field-error' : ''}">
  <label for="${id}">${options.label}${options.required === false && html` <span class="optional">${t.form.optional}</span>`}</label>
  ${options.hint && html`<p class="hint" id="${hint}">${options.hint}</p>`}
  ${message && html`<p class="error-message" id="${error}"><span class="visually-hidden">Fel: </span>${message}</p>`}
  ${control}
</div>`;
}

function aria(state: FormState, name: string, hasHint: boolean, groupError?: string | null): Html {
  const invalid = Boolean(state.errors[name]);
  const by = [describedBy(name, hasHint, invalid), groupError ?? null].filter(Boolean).join(' ');
  return html`${(invalid || Boolean(groupError)) && html` aria-invalid="true"`}${by && html` aria-describedby="${by}"`}`;
}

/** The error of a group of fields, placed above the group; the fields name it with `groupError`. */
export function groupErrorMessage(state: FormState, name: string): { id: string | null; message: Html } {
  const text = state.errors[name];
  const { error } = ids(name);
  if (!text) return { id: null, message: html`` };
  return { id: error, message: html`<p class="error-message" id="${error}"><span class="visually-hidden">Fel: </span>${text}</p>` };
}

/** The id a field gets (`falt-…`), which the error summary links to. */
export function fieldId(name: string): string {
  return ids(name).id;
}

export function inputField(context: PageContext, state: FormState, options: FieldOptions): Html {
  const { id } = ids(options.name);
  const value = state.values[options.name] ?? '';
  const control = html`<input id="${id}" name="${options.name}" type="${options.type ?? 'text'}" value="${options.type === 'password' ? '' : value}"${options.required && html` required`}${options.autocomplete && html` autocomplete="${options.autocomplete}"`} class="input-${options.width ?? 'long'}"${aria(state, options.name, Boolean(options.hint), options.groupError)}>`;
  return fieldFrame(state, options, control, context.t);
}

export function textareaField(context: PageContext, state: FormState, options: Omit<FieldOptions, 'type'> & { rows?: number }): Html {
  const { id } = ids(options.name);
  const control = html`<textarea id="${id}" name="${options.name}" rows="${String(options.rows ?? 4)}"${options.required && html` required`}${aria(state, options.name, Boolean(options.hint))}>${state.values[options.name] ?? ''}</textarea>`;
  return fieldFrame(state, options, control, context.t);
}

export function selectField(
  context: PageContext,
  state: FormState,
  options: Omit<FieldOptions, 'type'> & { choices: { value: string; label: string }[]; placeholder?: boolean },
): Html {
  const { id } = ids(options.name);
  const value = state.values[options.name] ?? '';
  const control = html`<select id="${id}" name="${options.name}"${options.required && html` required`}${aria(state, options.name, Boolean(options.hint))}>
  ${options.placeholder !== false && html`<option value="">${context.t.form.choose}</option>`}
  ${options.choices.map((c) => html`<option value="${c.value}"${c.value === value && html` selected`}>${c.label}</option>`)}
</select>`;
  return fieldFrame(state, options, control, context.t);
}

export function checkboxField(state: FormState, options: { name: string; label: string; value?: string; hint?: string }): Html {
  const { id, hint } = ids(options.name);
  const checked = Boolean(state.values[options.name]);
  return html`<div class="field checkbox">
  <input type="checkbox" id="${id}" name="${options.name}" value="${options.value ?? 'on'}"${checked && html` checked`}${options.hint && html` aria-describedby="${hint}"`}>
  <label for="${id}">${options.label}</label>
  ${options.hint && html`<p class="hint" id="${hint}">${options.hint}</p>`}
</div>`;
}

/** The list of errors at the top of a form, each linking to its field; focus moves here on load. */
export function errorSummary(context: PageContext, state: FormState, labels: Record<string, string>): Html {
  const entries = Object.entries(state.errors);
  if (entries.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="felsammanfattning">
  <h2 id="felsammanfattning">${context.t.form.errorSummary}</h2>
  <ul>${entries.map(([name, message]) => html`<li><a href="#${ids(name).id}">${labels[name] ? `${labels[name]}: ` : ''}${message}</a></li>`)}</ul>
</div>`;
}

/** Problems of a refused step as form errors: an InputError's own, or a RuleError on the field it names; null for any other error. */
export function problemsOf(error: unknown): Problem[] | null {
  if (error instanceof InputError) return error.problems;
  if (error instanceof RuleError) return [{ path: String((error.details as { path?: unknown } | undefined)?.path ?? 'form'), code: error.code, message: error.message }];
  return null;
}
