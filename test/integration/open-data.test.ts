import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/api/app.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { inTransaction } from '../../src/storage/index.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';

interface Listing {
  data: Record<string, unknown>[];
  pagination: { totalElements: number; totalPages: number; currentPage: number };
  links: { next?: string };
}

describeOnEachEngine('open data in the shape of OParl 1.1', (database) => {
  it('publishes adjusted meetings with their decisions, pages them, and hides drafts and confidential §§', async () => {
    const { db } = database();
    const app = await buildApp({ database: database(), web: false });
    const organization = 'Öppna Data-förbundet';
    const adjusted = (date: string, numbers: number[]) => {
      const minutes = buildMinutes({ organization, date, paragraphs: numbers });
      minutes.adjustment.date = date;
      return minutes;
    };
    const first = await saveMinutes(db, adjusted('2025-02-10', [1, 2]));
    await saveMinutes(db, adjusted('2025-03-10', [3, 4]));
    await saveMinutes(db, adjusted('2025-04-10', [5]));
    await saveMinutes(db, buildMinutes({ organization, date: '2025-05-10', paragraphs: [6] })); // a draft: not published
    await inTransaction(db, (tx) => tx.execute(sql`update paragraphs set confidential = true where meeting_id = ${first.meetingId} and number = 2`));

    const system = (await app.inject({ url: '/oparl/v1/system' })).json() as { type: string; body: string };
    expect(system.type).toBe('https://schema.oparl.org/1.1/System');
    const bodies = (await app.inject({ url: new URL(system.body).pathname })).json() as Listing;
    const body = bodies.data.find((b) => b.name === organization)!;
    expect(body.type).toBe('https://schema.oparl.org/1.1/Body');

    const page1 = (await app.inject({ url: `${new URL(body.meeting as string).pathname}?limit=2` })).json() as Listing;
    expect(page1.pagination).toMatchObject({ totalElements: 3, totalPages: 2, currentPage: 1 });
    expect(page1.data.map((m) => (m.start as string).slice(0, 10))).toEqual(['2025-02-10', '2025-03-10']);
    const items = page1.data[0]!.agendaItem as { number: string; name: string; resolutionText?: string; public: boolean }[];
    // § 2 is confidential and is left out; § 1 carries its decision as data.
    expect(items).toEqual([expect.objectContaining({ number: '1', name: 'Ärende 1', resolutionText: 'Styrelsen godkänner förslag 1.', public: true })]);
    expect(page1.data[0]!.start).toBe('2025-02-10T09:00:00+01:00');

    const page2 = (await app.inject({ url: new URL(page1.links.next!).pathname + new URL(page1.links.next!).search })).json() as Listing;
    expect(page2.data.map((m) => (m.start as string).slice(0, 10))).toEqual(['2025-04-10']);
    expect(page2.links.next).toBeUndefined();

    const future = (await app.inject({ url: `${new URL(body.meeting as string).pathname}?modified_since=2999-01-01T00:00:00Z` })).json() as Listing;
    expect(future.pagination.totalElements).toBe(0);

    const papers = (await app.inject({ url: new URL(body.paper as string).pathname })).json() as Listing;
    // Case 2021/2 was handled only in the confidential §, so it is not published.
    expect(papers.data.map((p) => p.reference)).toEqual(['2021/4']);
  });

  it('answers an unknown body with 404 and a bad page with 400', async () => {
    const app = await buildApp({ database: database(), web: false });
    expect((await app.inject({ url: '/oparl/v1/bodies/00000000-0000-4000-8000-000000000000/meetings' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/oparl/v1/bodies/00000000-0000-4000-8000-000000000000/meetings?page=0' })).statusCode).toBe(400);
  });
});
