/**
 * Kept public answers (web/public-answers.ts): a public page or feed is made once while nothing changes,
 * carries an ETag and answers 304 to a client that holds it; a committed change (a § put under secrecy)
 * gives the next request the new page; someone signed in, or another language, never gets the kept
 * page of the public. On both engines.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { inTransaction } from '../../src/storage/index.ts';
import { buildUser } from '../support/accounts.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';

describeOnEachEngine('kept public answers', (database) => {
  let app: FastifyInstance;
  let meetingId = '';
  beforeAll(async () => {
    app = await buildApp({ database: database(), logger: false, today: () => '2021-06-01' });
    const minutes = buildMinutes({ organization: 'Svarsförbundet', paragraphs: [4, 5, 6] });
    minutes.adjustment.date = '2021-05-10';
    minutes.items[1]!.title = 'Ödekyrkans tak läggs om';
    ({ meetingId } = await saveMinutes(database().db, minutes, { source: 'svar.json' }));
  });
  afterAll(() => app.close());

  it('answers a public page from what it kept, with an ETag and 304, until a change commits', async () => {
    const url = `/arkiv/sammantraden/${meetingId}`;
    const first = await app.inject({ url });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Ödekyrkans tak läggs om');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await app.inject({ url });
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(etag);
    const unchanged = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');

    const search = await app.inject({ url: '/sok?q=%C3%96dekyrkans' });
    expect(search.body).toContain('Ödekyrkans tak läggs om</a>');

    // The § is put under secrecy in a transaction: the very next page and search no longer show it.
    await inTransaction(database().db, (tx) => tx.execute(sql`update paragraphs set confidential = true where meeting_id = ${meetingId}::uuid and number = 5`));
    const after = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain('Ödekyrkans tak läggs om');
    expect(after.headers.etag).not.toBe(etag);
    expect((await app.inject({ url: '/sok?q=%C3%96dekyrkans' })).body).not.toContain('Ödekyrkans tak läggs om');
  });

  it('never gives the public’s kept page to someone signed in or to another language', async () => {
    const url = `/arkiv/sammantraden/${meetingId}`;
    const swedish = await app.inject({ url });
    expect(swedish.body).toContain('<html lang="sv">');
    const english = await app.inject({ url, headers: { cookie: 'pk_lang=en' } });
    expect(english.body).toContain('<html lang="en">');

    const user = await buildUser(database().db, { name: 'Inloggad Läsare' });
    const signedIn = await app.inject({ url, headers: { cookie: `protokoll_session=${user.token}` } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body).toContain('Inloggad Läsare');
    expect(signedIn.headers.etag).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBe('no-store');
  });

  it('gives feeds an ETag and 304 too, keeping their own cache policy', async () => {
    const feed = await app.inject({ url: '/protokoll.atom' });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.headers['cache-control']).toBe('public, max-age=300');
    const kept = await app.inject({ url: '/protokoll.atom' });
    expect(kept.headers['content-type']).toBe(feed.headers['content-type']);
    expect(kept.headers['content-disposition']).toBe(feed.headers['content-disposition']);
    expect(kept.body).toBe(feed.body);
    expect((await app.inject({ url: '/protokoll.atom', headers: { 'if-none-match': feed.headers.etag as string } })).statusCode).toBe(304);
  });
});
