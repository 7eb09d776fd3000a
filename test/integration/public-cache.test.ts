/**
 * The public cache (services/public-cache.ts): a public meeting and a public search are loaded once
 * while nothing changes, and a committed transaction makes the next read load them again, so a §
 * masked as confidential is gone from the very next public page and search. On both engines.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { getPublicMeeting } from '../../src/services/publication.service.ts';
import { searchDecisions } from '../../src/services/search.service.ts';
import { appendAuditEvent, inTransaction, readChangeStamp } from '../../src/storage/index.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';

describeOnEachEngine('the public cache', (database) => {
  const organization = 'Cacheförbundet';
  const publicSearch = (query: string) => searchDecisions(database().db, { query, filters: { organization }, page: 1, pageSize: 20, audience: 'public' });

  it('serves a public meeting and a public search from the cache until a transaction commits', async () => {
    const { db } = database();
    const minutes = buildMinutes({ organization, paragraphs: [4, 5, 6] });
    minutes.adjustment.date = '2021-05-10';
    minutes.items[1]!.title = 'Kvarnbacksviadukten rivs';
    const { meetingId } = await saveMinutes(db, minutes, { source: 'cache.json' });

    const first = await getPublicMeeting(database(), meetingId);
    expect(first.minutes.items.map((i) => i.title)).toContain('Kvarnbacksviadukten rivs');
    expect(await getPublicMeeting(database(), meetingId)).toBe(first);
    const found = await publicSearch('Kvarnbacksviadukten');
    expect(found.hits.map((h) => h.title)).toEqual(['Kvarnbacksviadukten rivs']);
    expect(await publicSearch('Kvarnbacksviadukten')).toBe(found);

    // The § is masked in a transaction of this process: the next public reads no longer show it.
    await inTransaction(db, (tx) => tx.execute(sql`update paragraphs set confidential = true where meeting_id = ${meetingId}::uuid and number = 5`));
    const after = await getPublicMeeting(database(), meetingId);
    expect(after).not.toBe(first);
    expect(after.minutes.items.map((i) => i.title)).not.toContain('Kvarnbacksviadukten rivs');
    expect(after.paragraphs.find((p) => p.number === 5)).toMatchObject({ confidential: true, item: null });
    expect((await publicSearch('Kvarnbacksviadukten')).hits).toEqual([]);
  });

  it('keeps no failure: a meeting that is not public answers "not found" each time', async () => {
    const { db } = database();
    const { meetingId } = await saveMinutes(db, buildMinutes({ organization, date: '2021-06-01', paragraphs: [7] }), { source: 'utkast.json' });
    await expect(getPublicMeeting(database(), meetingId)).rejects.toMatchObject({ code: 'meeting_not_found' });
    await expect(getPublicMeeting(database(), meetingId)).rejects.toMatchObject({ code: 'meeting_not_found' });
  });

  it('changes the change stamp with every audit event, also one written outside a transaction', async () => {
    const { db } = database();
    const before = await readChangeStamp(db);
    expect(await readChangeStamp(db)).toBe(before);
    await appendAuditEvent(db, { kind: 'minutes.saved', entityType: 'meeting', entityId: null, actor: 'test', data: {} });
    expect(await readChangeStamp(db)).not.toBe(before);
  });
});
