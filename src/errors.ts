/**
 * The four kinds of error Protokoll raises. Each has a stable snake_case `code` that the edges
 * (API, CLI, web) translate into a status, an exit code and a Swedish sentence; the domain never
 * builds UI text.
 */

/** One problem with the input, located by field path or file:line. */
export interface Problem {
  /** Where: a field path such as `items[3].number`, or `minutes.txt:42`. */
  path: string;
  /** A stable code such as `duplicate_paragraph_number`. */
  code: string;
  /** An English sentence for logs and developers. */
  message: string;
}

export abstract class ProtokollError extends Error {
  abstract readonly kind: 'input' | 'rule' | 'legal' | 'not_found' | 'forbidden' | 'unauthenticated';
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Bad file, body or arguments. Carries every problem found, not just the first. */
export class InputError extends ProtokollError {
  readonly kind = 'input' as const;
  readonly problems: Problem[];

  constructor(problems: Problem[] | Problem, options?: ErrorOptions) {
    const list = Array.isArray(problems) ? problems : [problems];
    const first = list[0];
    const message =
      list.length === 1 && first
        ? `${first.path}: ${first.message}`
        : `${list.length} problems: ${list.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
    super(list.length === 1 && first ? first.code : 'invalid_input', message, { problems: list }, options);
    this.problems = list;
  }
}

/** A rule of the domain refuses the step, e.g. `minutes_already_adjusted`. */
export class RuleError extends ProtokollError {
  readonly kind = 'rule' as const;
}

/** A finding of the legal checks as the edges report it: the domain's finding with its sentence in Swedish and English. */
export interface ReportedFinding {
  code: string;
  severity: 'error' | 'warning';
  /** The § it concerns, or null for the meeting as a whole. */
  paragraph: number | null;
  persons: string[];
  /** The provision, e.g. `KL 5:45, 6:27`. */
  reference: string;
  messages: { sv: string; en: string };
}

/**
 * The legal checks stop a step of the meeting cycle (kallelse, finalise, sign, notice): `legal_check_failed`
 * when they find an error, `legal_reason_required` when they find only warnings and no reason was given.
 * A kind of its own, not a RuleError, because the caller can act on it: correct the minutes, or give a
 * reason and send the same request again (docs/decisions.md, "Legal checks in the meeting cycle").
 */
export class LegalCheckError extends ProtokollError {
  readonly kind = 'legal' as const;
  readonly step: string;
  readonly findings: ReportedFinding[];

  constructor(code: 'legal_check_failed' | 'legal_reason_required', input: { step: string; findings: ReportedFinding[] }) {
    const codes = input.findings.map((f) => (f.paragraph === null ? f.code : `${f.code} (§ ${f.paragraph})`)).join(', ');
    const message = code === 'legal_check_failed' ? `the legal checks refuse the step ${input.step}: ${codes}` : `the step ${input.step} needs a reason for the warnings: ${codes}`;
    super(code, message, { step: input.step, findings: input.findings });
    this.step = input.step;
    this.findings = input.findings;
  }
}

/** The thing asked for does not exist (or may not be seen: confidential items answer "not found"). */
export class NotFoundError extends ProtokollError {
  readonly kind = 'not_found' as const;
}

/** Nobody is signed in, and the step needs someone who is. */
export class UnauthenticatedError extends ProtokollError {
  readonly kind = 'unauthenticated' as const;
}

/** The caller is known but may not do this. */
export class ForbiddenError extends ProtokollError {
  readonly kind = 'forbidden' as const;
}

export function isProtokollError(error: unknown): error is ProtokollError {
  return error instanceof ProtokollError;
}
