/**
 * Search in the registers (issue 20), beside the search of §§: delegationsbeslut by Dnr, title or
 * delegate, points of the delegationsordning, and for users who read an organisation's registers also its
 * assignments (title, responsible) and remisser (Dnr, title, sender). The public finds only what is
 * public: reported delegationsbeslut of published minutes and the delegationsordning.
 */
import { REGISTER_SEARCH_SOURCES, likePatterns, type RegisterHit, type RegisterSearchScope } from '../search/register-search.store.ts';
import type { Database } from '../storage/index.ts';
import { canReadRegisters, type Viewer } from './accounts.service.ts';
import { getOrganizations } from './registers.service.ts';

export type { RegisterHit } from '../search/register-search.store.ts';

/** At most this many hits per register kind. */
export const REGISTER_HITS_PER_KIND = 20;
const MAX_WORDS = 8;

/**
 * The register entries matching every word of the query: what the public may see, and for a signed-in
 * viewer also the internal entries of the organisations whose registers they read.
 */
export async function searchRegisters(db: Database, input: { query: string; viewer: Viewer | null }): Promise<RegisterHit[]> {
  const words = input.query
    .replace(/["*]/g, ' ')
    .split(/\s+/)
    // A word to leave out (-word) narrows nothing here: the registers are small, and it is dropped.
    .filter((w) => w.length > 0 && !w.startsWith('-'))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return [];
  const viewer = input.viewer;
  const organizationIds = viewer ? (await getOrganizations(db)).filter((o) => canReadRegisters(viewer, { organizationId: o.id })).map((o) => o.id) : [];
  const scope: RegisterSearchScope = organizationIds.length ? { audience: 'internal', organizationIds } : { audience: 'public' };
  const patterns = likePatterns(words);
  const hits: RegisterHit[] = [];
  for (const source of REGISTER_SEARCH_SOURCES) {
    const found = await source.find(db, patterns, scope, REGISTER_HITS_PER_KIND);
    if (found) hits.push(...found);
  }
  return hits;
}
