/**
 * What the reminders look for: signers whose justering is still pending, and follow-up (report-backs of
 * assignments, remiss answers) coming due, with the people to tell and the language they read.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './database.ts';

export interface PendingSignerRow {
  meetingId: string;
  heldOn: string;
  bodyName: string;
  organizationName: string | null;
  personId: string;
  name: string;
  email: string | null;
  language: string | null;
}

/** Chairs and adjusters who have not signed finalised minutes, with an address from the person or their account. */
export async function listPendingSigners(db: Database): Promise<PendingSignerRow[]> {
  return queryRows<PendingSignerRow>(
    db,
    sql`select m.id as "meetingId", m.held_on::text as "heldOn", b.name as "bodyName", o.name as "organizationName",
          p.id as "personId", p.name, coalesce(u.email, p.email) as email, u.language
        from meetings m
        join bodies b on b.id = m.body_id
        left join organizations o on o.id = b.organization_id
        join signatures s on s.meeting_id = m.id and s.status = 'pending' and s.role in ('chair', 'adjuster')
        join persons p on p.id = s.person_id
        left join lateral (select email, language from users where users.person_id = p.id and users.disabled_at is null order by created_at limit 1) u on true
        where m.status = 'finalised' and m.held_on is not null`,
  );
}

export interface FollowUpDueRow {
  kind: 'assignment' | 'consultation';
  id: string;
  title: string;
  dueOn: string;
  responsible: string | null;
  organizationId: string | null;
  bodyId: string | null;
}

/** Open assignments and unanswered remisser due on or before `untilOn`. */
export async function listFollowUpDue(db: Database, untilOn: string): Promise<FollowUpDueRow[]> {
  return queryRows<FollowUpDueRow>(
    db,
    sql`select 'assignment' as kind, a.id, a.description as title, a.due_on::text as "dueOn", a.assignee as responsible,
          b.organization_id as "organizationId", b.id as "bodyId"
        from assignments a
        join paragraphs p on p.id = a.paragraph_id
        join bodies b on b.id = p.body_id
        where a.status = 'open' and a.due_on is not null and a.due_on <= ${untilOn}
        union all
        select 'consultation' as kind, c.id, c.title, c.due_on::text as "dueOn", c.sender as responsible,
          c.organization_id as "organizationId", null as "bodyId"
        from consultations c
        where c.answered_paragraph_id is null and c.due_on is not null and c.due_on <= ${untilOn}`,
  );
}

export interface SecretaryAddressRow {
  email: string;
  name: string;
  language: string;
}

/** The secretaries (and administrators) of an organisation or one of its bodies, who follow up its decisions. */
export async function listSecretaryAddresses(db: Database, scope: { organizationId: string | null; bodyId: string | null }): Promise<SecretaryAddressRow[]> {
  return queryRows<SecretaryAddressRow>(
    db,
    sql`select distinct u.email, u.name, u.language
        from users u join user_roles r on r.user_id = u.id
        where u.disabled_at is null and r.role in ('secretary', 'administrator')
          and ((r.organization_id = ${scope.organizationId} and r.body_id is null) or (${scope.bodyId}::uuid is not null and r.body_id = ${scope.bodyId}::uuid))
        order by u.email`,
  );
}
