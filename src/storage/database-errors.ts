/**
 * Translates the database's refusals (unique, foreign key and check constraints) into InputErrors
 * that name the field, so no caller ever shows SQL to a user. This is the only place that knows
 * constraint names.
 */
import { InputError, RuleError } from '../errors.ts';

interface ConstraintMeaning {
  path: string;
  code: string;
  message: string;
}

const constraints: Record<string, ConstraintMeaning> = {
  organizations_name_key: { path: 'organization.name', code: 'duplicate_organization', message: 'an organisation with this name exists already' },
  bodies_organization_name_key: { path: 'body.name', code: 'duplicate_body', message: 'the organisation has a body with this name already' },
  bodies_unowned_name_key: { path: 'body.name', code: 'duplicate_body', message: 'a body with this name exists already' },
  meetings_body_number_key: {
    path: 'meeting.numberInYear',
    code: 'duplicate_meeting_number',
    message: 'the body already has a meeting with this number in the same year',
  },
  meetings_year_matches_date: { path: 'meeting.date', code: 'invalid_meeting_year', message: 'the year does not match the meeting date' },
  meetings_paragraph_range: { path: 'paragraphRange', code: 'invalid_paragraph_range', message: 'the last § comes before the first' },
  paragraphs_body_year_number_key: {
    path: 'items.number',
    code: 'duplicate_paragraph_number',
    message: 'this § number is already used by the body in the same calendar year',
  },
  mandates_term_order: { path: 'mandate.endsOn', code: 'term_ends_before_start', message: 'the term ends before it starts' },
  appointments_term_order: { path: 'appointment.endsOn', code: 'term_ends_before_start', message: 'the term ends before it starts' },
  cases_organization_number_key: { path: 'caseNumber', code: 'duplicate_case_number', message: 'this case number exists already' },
  votes_counts_not_negative: { path: 'items.votes', code: 'negative_vote_count', message: 'a vote count is negative' },
  notices_meeting_key: { path: 'notice', code: 'duplicate_notice', message: 'the meeting has a notice already' },
};

interface PostgresErrorFields {
  code?: string;
  constraint?: string;
  detail?: string;
}

function findPostgresError(error: unknown): PostgresErrorFields | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as PostgresErrorFields & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

/**
 * Returns an InputError for a known constraint violation, or the error unchanged. `at` prefixes the
 * path with where the offending value came from (e.g. 'items[3]').
 */
export function translateDatabaseError(error: unknown, at?: string): unknown {
  const pgError = findPostgresError(error);
  if (!pgError) return error;
  if (pgError.constraint === 'minutes_adjusted') {
    return new RuleError('minutes_already_adjusted', 'the minutes are adjusted and can no longer change; a correction is a new decision at a later meeting', {}, { cause: error });
  }
  const meaning = pgError.constraint ? constraints[pgError.constraint] : undefined;
  if (meaning) {
    return new InputError({ path: at ?? meaning.path, code: meaning.code, message: meaning.message }, { cause: error });
  }
  if (pgError.code === '23503') {
    return new InputError({ path: at ?? '(reference)', code: 'unknown_reference', message: 'refers to something that does not exist' }, { cause: error });
  }
  return error;
}
