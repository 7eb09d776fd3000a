/**
 * Use cases for the registers: organisations, bodies, persons and mandates.
 */
import { sql } from 'drizzle-orm';
import {
  findBodyById,
  listBodies,
  listMandates,
  listOrganizations,
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
