/**
 * Use cases for the registers: organisations, bodies, persons and mandates.
 */
import { sql } from 'drizzle-orm';
import {
  findBodyById,
  listBodies,
  listMandates,
  listOrganizations,
  queryRows,
  type BodyRow,
  type Database,
  type MandateWithPerson,
  type OrganizationRow,
} from '../storage/index.ts';
import { NotFoundError } from '../errors.ts';

const swedishOrder = new Intl.Collator('sv');

/** All organisations, sorted by name in Swedish alphabetical order (å, ä, ö last). */
export async function getOrganizations(db: Database): Promise<OrganizationRow[]> {
  return (await listOrganizations(db)).sort((a, b) => swedishOrder.compare(a.name, b.name));
}

/** The bodies of an organisation (or all), sorted by name. */
export async function getBodies(db: Database, organizationId?: string): Promise<BodyRow[]> {
  return (await listBodies(db, organizationId)).sort((a, b) => swedishOrder.compare(a.name, b.name));
}

/** A body's mandates with the persons' names: chair first, then vice-chairs, members, substitutes. */
export async function getMandates(db: Database, bodyId: string): Promise<MandateWithPerson[]> {
  if (!(await findBodyById(db, bodyId))) throw new NotFoundError('body_not_found', `no body with id ${bodyId}`, { bodyId });
  const order = ['chair', 'vice-chair', 'member', 'substitute'];
  return (await listMandates(db, bodyId)).sort(
    (a, b) =>
      order.indexOf(a.role) - order.indexOf(b.role) ||
      (a.viceChairRank ?? 0) - (b.viceChairRank ?? 0) ||
      (a.substituteRank ?? 0) - (b.substituteRank ?? 0) ||
      swedishOrder.compare(a.personName, b.personName),
  );
}

/** True when the database answers a query. */
export async function isDatabaseReachable(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** The body a meeting belongs to (for access checks). */
export async function bodyOfMeeting(db: Database, meetingId: string): Promise<string> {
  const [row] = await queryRows<{ body_id: string }>(db, sql`select body_id from meetings where id = ${meetingId}`);
  if (!row) throw new NotFoundError('meeting_not_found', `no meeting with id ${meetingId}`, { meetingId });
  return row.body_id;
}

/** The body a § belongs to (for access checks). */
export async function bodyOfParagraph(db: Database, paragraphId: string): Promise<string> {
  const [row] = await queryRows<{ body_id: string }>(db, sql`select body_id from paragraphs where id = ${paragraphId}`);
  if (!row) throw new NotFoundError('paragraph_not_found', `no paragraph with id ${paragraphId}`, { paragraphId });
  return row.body_id;
}
