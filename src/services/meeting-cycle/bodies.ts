/** Organisations, bodies, people and mandates: the registers a meeting is planned on. */
import { assertIsoDate } from '../../domain/legal-dates.ts';
import { requireAdministratorOfOrganization, requireSecretaryOf } from '../access.ts';
import { effectiveRules, type BodyRuleOverrides, type OrganisationType } from '../../domain/rule-profile.ts';
import { InputError, type Problem } from '../../errors.ts';
import {
  appendAuditEvent,
  findBodyById,
  findOrganizationById,
  findPersonById,
  inTransaction,
  insertBody,
  insertMandate,
  insertOrganization,
  insertPerson,
  type BodyRow,
  type MandateRow,
  type OrganizationRow,
  type PersonRow,
} from '../../storage/index.ts';
import type { Database } from '../../storage/database.ts';
import { type Actor, profileOf, requireText } from './common.ts';


// ————— registers —————

/** Registers an organisation (förbund, kommun or region) with the type that sets its rule profile. */
export async function createOrganization(
  db: Database,
  input: { name: string; organizationType: OrganisationType; shortName?: string | null; minutesStorage?: string | null; caseNumberFormat?: string | null },
  actor?: Actor,
): Promise<OrganizationRow> {
  const name = requireText(input.name, 'name');
  return inTransaction(db, async (tx) => {
    const row = await insertOrganization(tx, {
      name,
      organizationType: input.organizationType,
      shortName: input.shortName ?? null,
      minutesStorage: input.minutesStorage ?? name,
      caseNumberFormat: input.caseNumberFormat ?? null,
    });
    await appendAuditEvent(tx, { kind: 'organization.created', entityType: 'organization', entityId: row.id, actor: actor?.userId ?? null });
    return row;
  });
}

/** Registers a body of an organisation; `rules` are its own choices within the rule profile. */
export async function createBody(
  db: Database,
  input: { organizationId: string; name: string; bodyKind?: string; decisionMaking?: boolean; seats?: number | null; rules?: BodyRuleOverrides },
  actor?: Actor,
): Promise<BodyRow> {
  const name = requireText(input.name, 'name');
  return inTransaction(db, async (tx) => {
    const organization = await findOrganizationById(tx, input.organizationId);
    if (!organization) throw new InputError({ path: 'organizationId', code: 'unknown_organization', message: `no organisation with id ${input.organizationId}` });
    requireAdministratorOfOrganization(actor, organization.id);
    const decisionMaking = input.decisionMaking ?? input.bodyKind !== 'network';
    // Refuse overrides that the profile does not allow before anything is stored.
    effectiveRules(profileOf(organization, { decisionMaking }), input.rules ?? {});
    const row = await insertBody(tx, {
      organizationId: organization.id,
      name,
      bodyKind: input.bodyKind ?? (decisionMaking ? 'board' : 'network'),
      decisionMaking,
      seats: input.seats ?? null,
      rules: (input.rules ?? {}) as Record<string, unknown>,
    });
    await appendAuditEvent(tx, { kind: 'body.created', entityType: 'body', entityId: row.id, actor: actor?.userId ?? null });
    return row;
  });
}

/** Registers a person. */
export async function createPerson(db: Database, input: { name: string; email?: string | null }, actor?: Actor): Promise<PersonRow> {
  const name = requireText(input.name, 'name');
  return inTransaction(db, async (tx) => {
    const row = await insertPerson(tx, { name, email: input.email ?? null });
    await appendAuditEvent(tx, { kind: 'person.created', entityType: 'person', entityId: row.id, actor: actor?.userId ?? null });
    return row;
  });
}

/** Gives a person a mandate in a body: ordförande, vice ordförande, ledamot or ersättare, for a term. */
export async function addMandate(
  db: Database,
  input: {
    bodyId: string;
    personId: string;
    role: 'chair' | 'vice-chair' | 'member' | 'substitute';
    party?: string | null;
    viceChairRank?: number | null;
    substituteRank?: number | null;
    appointedById?: string | null;
    startsOn?: string | null;
    endsOn?: string | null;
  },
  actor?: Actor,
): Promise<MandateRow> {
  const problems: Problem[] = [];
  for (const key of ['startsOn', 'endsOn'] as const) {
    const value = input[key];
    if (value != null) {
      try {
        assertIsoDate(value, key);
      } catch (error) {
        if (error instanceof InputError) problems.push(...error.problems);
      }
    }
  }
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
    problems.push({ path: 'endsOn', code: 'term_ends_before_start', message: `the term ends (${input.endsOn}) before it starts (${input.startsOn})` });
  }
  if (input.role === 'substitute' && input.substituteRank == null) {
    problems.push({ path: 'substituteRank', code: 'missing_substitute_rank', message: 'a substitute needs a place in the order of substitutes' });
  }
  if (problems.length) throw new InputError(problems);
  return inTransaction(db, async (tx) => {
    if (!(await findBodyById(tx, input.bodyId))) throw new InputError({ path: 'bodyId', code: 'unknown_body', message: `no body with id ${input.bodyId}` });
    await requireSecretaryOf(tx, actor, { bodyId: input.bodyId });
    if (!(await findPersonById(tx, input.personId))) throw new InputError({ path: 'personId', code: 'unknown_person', message: `no person with id ${input.personId}` });
    const row = await insertMandate(tx, {
      bodyId: input.bodyId,
      personId: input.personId,
      role: input.role,
      party: input.party ?? null,
      viceChairRank: input.viceChairRank ?? null,
      substituteRank: input.substituteRank ?? null,
      appointedById: input.appointedById ?? null,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
    });
    await appendAuditEvent(tx, { kind: 'mandate.created', entityType: 'mandate', entityId: row.id, actor: actor?.userId ?? null });
    return row;
  });
}

