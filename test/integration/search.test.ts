import { beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Minutes } from '../../src/domain/minutes.ts';
import { InputError } from '../../src/errors.ts';
import { buildApp } from '../../src/api/app.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { searchDecisions, searchDecisionsUncached, type SearchInput, type SearchResult } from '../../src/services/search.service.ts';
import { estimateRows, findBodyIds, forgetLexemeStatistics, findLexemeStatistics, findMatches, findOrganizationIds, findTermLexemes } from '../../src/search/search.store.ts';
import { inTransaction } from '../../src/storage/index.ts';
import { queryRows, type Database } from '../../src/storage/database.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';
import { annotatedSeeds } from '../support/seeds.ts';

interface ItemText {
  number: number;
  title: string;
  text?: string;
  decisions?: string[];
  caseNumber?: string | null;
}

/** Minutes of a fictional board with the given §§; adjusted (justerade) unless told otherwise. */
function minutesWith(options: { organization: string; body?: string; date: string; adjusted?: boolean; items: ItemText[] }): Minutes {
  const minutes = buildMinutes({ organization: options.organization, date: options.date, paragraphs: options.items.map((i) => i.number) });
  if (options.body) minutes.body = options.body;
  if (options.adjusted !== false) minutes.adjustment = { ...minutes.adjustment, date: options.date };
  minutes.items = options.items.map((item) => ({
    number: item.number,
    title: item.title,
    caseNumber: item.caseNumber ?? null,
    presenters: [],
    decisions: item.decisions ?? [],
    attachments: [],
    text: item.text ?? '',
  }));
  return minutes;
}

const hitsOf = (result: SearchResult) => result.hits.map((h) => `${h.meetingDate} § ${h.number}`);

describeOnEachEngine('searching decisions', (database) => {
  const search = (input: Partial<SearchInput> & { query: string }, db: Database = database().db) =>
    searchDecisions(db, { audience: 'internal', pageSize: 100, ...input });

  beforeAll(async () => {
    for (const seed of annotatedSeeds()) await saveMinutes(database().db, seed.expected, { source: seed.name });
  });

  it('finds a § by another inflection of its words (Swedish stemming)', async () => {
    // 2010-04-22 § 17 says "Protokollet läggs därefter med godkännande till handlingarna."
    for (const query of ['handling', 'handlingar', 'handlingarna']) {
      const result = await search({ query, filters: { year: 2010 } });
      expect(hitsOf(result)).toContain('2010-04-22 § 17');
    }
  });

  it('matches a quoted phrase only where its words stand together', async () => {
    const organization = 'Frasförbundet';
    await saveMinutes(
      database().db,
      minutesWith({
        organization,
        date: '2021-03-04',
        items: [
          { number: 1, title: 'Skolskjutsar', text: 'Styrelsen beslutar om ny skolskjuts för landsbygden.' },
          { number: 2, title: 'Upphandling', text: 'Skolskjuts diskuterades. En ny upphandling görs för landsbygden.' },
        ],
      }),
    );
    const phrase = await search({ query: '"ny skolskjuts"', filters: { organization } });
    expect(hitsOf(phrase)).toEqual(['2021-03-04 § 1']);
    const words = await search({ query: 'ny skolskjuts', filters: { organization } });
    expect(hitsOf(words).sort()).toEqual(['2021-03-04 § 1', '2021-03-04 § 2']);
  });

  it('matches the beginning of a word with a star, and not without one', async () => {
    // 2020-05-07 § 13: "… kunna leverera familjehem under krisen."
    expect(hitsOf(await search({ query: 'famil*' }))).toContain('2020-05-07 § 13');
    expect(hitsOf(await search({ query: 'familjehem' }))).toContain('2020-05-07 § 13');
    expect(hitsOf(await search({ query: 'familj' }))).not.toContain('2020-05-07 § 13');
  });

  it('ranks a match in the title first, then in the decision, then in the text', async () => {
    const organization = 'Rangförbundet';
    await saveMinutes(
      database().db,
      minutesWith({
        organization,
        date: '2022-02-01',
        items: [
          { number: 1, title: 'Övriga frågor', text: 'Frågan om isbanan vid skolan togs upp av flera ledamöter under mötet.' },
          { number: 2, title: 'Ekonomi', text: 'Förslaget redovisades.', decisions: ['Styrelsen bygger isbanan i år.'] },
          { number: 3, title: 'Om isbanan', text: 'Förslaget redovisades.', decisions: ['Förslaget godkänns.'] },
        ],
      }),
    );
    const result = await search({ query: 'isbanan', filters: { organization } });
    expect(hitsOf(result)).toEqual(['2022-02-01 § 3', '2022-02-01 § 2', '2022-02-01 § 1']);
    expect(result.hits[0]!.rank).toBeGreaterThan(result.hits[1]!.rank);
  });

  it('highlights the matched words and escapes everything else for HTML', async () => {
    const organization = 'Snuttförbundet';
    await saveMinutes(
      database().db,
      minutesWith({
        organization,
        date: '2022-04-05',
        items: [{ number: 7, title: 'Badhuset', text: 'Kostnaden <script>alert("x")</script> för ishallen & badhuset ökar.' }],
      }),
    );
    const [hit] = (await search({ query: 'ishallen', filters: { organization } })).hits;
    expect(hit!.snippetHtml).toContain('<mark>ishallen</mark>');
    // ts_headline drops what looks like a tag; what is left is escaped.
    expect(hit!.snippetHtml).toContain('alert(&quot;x&quot;)');
    expect(hit!.snippetHtml).toContain('&amp; badhuset');
    expect(hit!.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
    expect(hit!.snippetSegments).toContainEqual({ text: 'ishallen', match: true });
    expect(hit!.snippetSegments.map((s) => s.text).join('')).toBe(hit!.snippet);
  });

  it('counts matches per organisation, body, year and decision, and filters by each', async () => {
    const organization = 'Facettförbundet';
    const db = database().db;
    const item = (number: number, decided = true): ItemText => ({
      number,
      title: `Vindkraft etapp ${number}`,
      text: 'Vindkraftsparken vid Åsen.',
      decisions: decided ? ['Ärendet bordläggs.'] : [],
    });
    await saveMinutes(db, minutesWith({ organization, date: '2021-05-01', items: [item(1), item(2, false)] }));
    await saveMinutes(db, minutesWith({ organization, date: '2022-05-01', items: [item(3), { number: 4, title: 'Budget', text: 'Ingen vind här.' }] }));
    await saveMinutes(db, minutesWith({ organization, body: 'Arbetsutskottet', date: '2022-06-01', items: [item(1)] }));

    const result = await search({ query: 'vindkraft', filters: { organization } });
    expect(result.total).toBe(4);
    expect(result.facets.organizations).toEqual([expect.objectContaining({ label: organization, count: 4 })]);
    expect(result.facets.bodies.map((b) => [b.label, b.count])).toEqual([
      [`Styrelsen, ${organization}`, 3],
      [`Arbetsutskottet, ${organization}`, 1],
    ]);
    expect(result.facets.years.map((y) => [y.value, y.count])).toEqual([
      ['2022', 2],
      ['2021', 2],
    ]);
    expect(result.facets.decisions).toBe(3);

    expect((await search({ query: 'vindkraft', filters: { organization, year: 2022 } })).total).toBe(2);
    expect((await search({ query: 'vindkraft', filters: { organization, body: 'Arbetsutskottet' } })).total).toBe(1);
    expect((await search({ query: 'vindkraft', filters: { organization, decisionsOnly: true } })).total).toBe(3);
    expect((await search({ query: 'vindkraft', filters: { organization, from: '2022-01-01', to: '2022-05-31' } })).total).toBe(1);
    const bodyId = result.facets.bodies[0]!.value;
    expect((await search({ query: 'vindkraft', filters: { body: bodyId } })).total).toBe(3);
  });

  it('resolves a body name to the body of the chosen organisation only, so one body index is walked', async () => {
    const db = database().db;
    const item = { number: 1, title: 'Skolskjuts i Norrby', decisions: ['Ärendet bordläggs.'] };
    await saveMinutes(db, minutesWith({ organization: 'Namnlikaförbundet Norr', body: 'Direktionen', date: '2023-03-01', items: [item] }));
    await saveMinutes(db, minutesWith({ organization: 'Namnlikaförbundet Söder', body: 'Direktionen', date: '2023-03-02', items: [item] }));

    expect(await findBodyIds(db, 'direktionen')).toHaveLength(2);
    const north = await findOrganizationIds(db, 'Namnlikaförbundet Norr');
    const [northBody] = await findBodyIds(db, 'Direktionen', north);
    expect(await findBodyIds(db, 'Direktionen', north)).toHaveLength(1);
    expect(await findBodyIds(db, northBody!, await findOrganizationIds(db, 'Namnlikaförbundet Söder'))).toEqual([]);
    expect(await findBodyIds(db, 'Direktionen', [])).toEqual([]);

    const result = await search({ query: 'skolskjuts', filters: { organization: 'Namnlikaförbundet Söder', body: 'Direktionen' } });
    expect(hitsOf(result)).toEqual(['2023-03-02 § 1']);
  });

  it('finds every § of a case by its number, also when the number is misspelt', async () => {
    const exact = await search({ query: '2010.009-7' });
    expect(exact.interpretation).toMatchObject({ matchedBy: 'case_number', caseNumbers: ['2010.009-7'] });
    expect(hitsOf(exact)).toEqual(['2010-04-22 § 18']);

    const misspelt = await search({ query: '', filters: { caseNumber: '2010.09-7' } });
    expect(misspelt.interpretation.caseNumbers).toContain('2010.009-7');
    expect(hitsOf(misspelt)).toContain('2010-04-22 § 18');

    const punctuation = await search({ query: '', filters: { caseNumber: '2010-009-7' } });
    expect(hitsOf(punctuation)).toEqual(['2010-04-22 § 18']);
  });

  it('finds the §§ a person presented, also when the name is misspelt', async () => {
    const result = await search({ query: '', filters: { person: 'Gunild Nyberg', personRoles: ['presented'] } });
    expect(result.interpretation.persons).toEqual(['Gunhild Nyberg']);
    expect(hitsOf(result).sort()).toEqual(['2010-04-22 § 18', '2010-04-22 § 26']);
    expect(result.facets.persons).toEqual([{ value: 'Gunhild Nyberg', label: 'Gunhild Nyberg', count: 2 }]);

    // Present at the meeting: every § of it.
    const attended = await search({ query: '', filters: { person: 'Nyberg', personRoles: ['attended'] } });
    expect(attended.total).toBe(13);
  });

  it('finds §§ by who voted and who reserved', async () => {
    const organization = 'Röstförbundet';
    const minutes = minutesWith({
      organization,
      date: '2023-02-02',
      items: [
        { number: 1, title: 'Taxor för vatten', text: 'Förslag om nya taxor.', decisions: ['Taxorna höjs.'] },
        { number: 2, title: 'Parkering', text: 'Förslag om parkering.', decisions: ['Avgiften tas bort.'] },
      ],
    });
    minutes.items[0] = {
      ...minutes.items[0]!,
      votes: [
        {
          question: 'Bifall mot avslag',
          yes: 2,
          no: 1,
          abstain: 0,
          roll: [
            { name: 'Anna Ek', party: 'S', vote: 'yes' },
            { name: 'Bo Gran', party: 'M', vote: 'no' },
            { name: 'Cecilia Alm', party: 'C', vote: 'yes' },
          ],
          result: 'Bifall.',
        },
      ],
      reservations: [{ name: 'Bo Gran', party: 'M', reason: 'Till förmån för eget yrkande.' }],
    };
    await saveMinutes(database().db, minutes);
    const reserved = await search({ query: '', filters: { organization, person: 'Bo Grann', personRoles: ['reserved'] } });
    expect(hitsOf(reserved)).toEqual(['2023-02-02 § 1']);
    const voted = await search({ query: 'taxor', filters: { organization, person: 'Cecilia Alm', personRoles: ['voted'] } });
    expect(hitsOf(voted)).toEqual(['2023-02-02 § 1']);
  });

  it('shows the public only adjusted minutes, and internal users all of them', async () => {
    // Seed 001 (2010-04-22, ERNACT) has neither signatures nor a justering date: it is stored as held.
    expect((await search({ query: 'ERNACT', audience: 'internal' })).total).toBe(1);
    expect((await search({ query: 'ERNACT', audience: 'public' })).total).toBe(0);
    // Seed 002 is adjusted: public.
    expect(hitsOf(await search({ query: 'tertialuppföljning', audience: 'public' }))).toContain('2020-09-25 § 10');

    const db = database().db;
    const organization = 'Justeringsförbundet';
    const { meetingId } = await saveMinutes(
      db,
      minutesWith({ organization, date: '2023-09-01', adjusted: false, items: [{ number: 1, title: 'Gatubelysning', text: 'Belysningen byts.' }] }),
    );
    expect((await search({ query: 'gatubelysning', audience: 'public' })).total).toBe(0);
    await db.execute(sql`update meetings set status = 'adjusted' where id = ${meetingId}`);
    expect((await search({ query: 'gatubelysning', audience: 'public' })).total).toBe(1);
  });

  it('never shows the public a confidential §', async () => {
    const db = database().db;
    const organization = 'Sekretessförbundet';
    const { meetingId } = await saveMinutes(
      db,
      minutesWith({
        organization,
        date: '2023-10-01',
        items: [
          { number: 1, title: 'Placering i familjehem', text: 'Ärendet om placering i familjehem behandlades.', decisions: ['Placeringen godkänns.'] },
          { number: 2, title: 'Familjehem, rekrytering', text: 'Rekryteringen av familjehem fortsätter.' },
        ],
      }),
    );
    await db.execute(sql`update paragraphs set confidential = true, confidential_reason = 'OSL 26 kap. 1 §' where meeting_id = ${meetingId} and number = 1`);
    const internal = await search({ query: 'familjehem', filters: { organization }, audience: 'internal' });
    expect(hitsOf(internal).sort()).toEqual(['2023-10-01 § 1', '2023-10-01 § 2']);
    const published = await search({ query: 'familjehem', filters: { organization }, audience: 'public' });
    expect(hitsOf(published)).toEqual(['2023-10-01 § 2']);
    expect(published.facets.decisions).toBe(0);
    // Nor by its case, its title, or a browse of the organisation.
    expect((await search({ query: 'placering', filters: { organization }, audience: 'public' })).total).toBe(0);
    expect((await search({ query: '', filters: { organization }, audience: 'public' })).total).toBe(1);
  });

  it('finds a § of minutes being written by its new words as soon as it is edited, inside the same transaction', async () => {
    const db = database().db;
    const organization = 'Ändringsförbundet';
    // Not yet adjusted: adjusted minutes never change (the database refuses it).
    const { meetingId } = await saveMinutes(
      db,
      minutesWith({ organization, date: '2024-01-10', adjusted: false, items: [{ number: 1, title: 'Snöröjning', text: 'Plogningen av gång- och cykelvägar.' }] }),
    );
    await inTransaction(db, async (tx) => {
      await tx.execute(sql`update paragraphs set text = 'Sandningen av trottoarer utökas.' where meeting_id = ${meetingId}`);
      const [paragraph] = await queryRows<{ id: string }>(tx, sql`select id from paragraphs where meeting_id = ${meetingId}`);
      await tx.execute(sql`insert into decision_points (paragraph_id, position, text) values (${paragraph!.id}, 0, 'Styrelsen anslår medel till halkbekämpning.')`);
      expect((await search({ query: 'sandning', filters: { organization } }, tx)).total).toBe(1);
      expect((await search({ query: 'halkbekämpning', filters: { organization, decisionsOnly: true } }, tx)).total).toBe(1);
      expect((await search({ query: 'plogning', filters: { organization } }, tx)).total).toBe(0);
    });
    expect((await search({ query: 'trottoarer', filters: { organization } })).total).toBe(1);

    await db.execute(sql`delete from decision_points where paragraph_id in (select id from paragraphs where meeting_id = ${meetingId})`);
    expect((await search({ query: 'halkbekämpning', filters: { organization } })).total).toBe(0);
    await db.execute(sql`delete from meetings where id = ${meetingId}`);
    expect((await search({ query: 'trottoarer', filters: { organization } })).total).toBe(0);
  });

  it('lets a bulk loader defer the search triggers for its transaction and build the documents once', async () => {
    const db = database().db;
    const organization = 'Bulkförbundet';
    const { meetingId } = await saveMinutes(
      db,
      minutesWith({ organization, date: '2024-02-10', adjusted: false, items: [{ number: 1, title: 'Skidspår', text: 'Spåren prepareras.' }] }),
    );
    await inTransaction(db, async (tx) => {
      await tx.execute(sql`select set_config('protokoll.search_refresh', 'deferred', true)`);
      await tx.execute(sql`update paragraphs set text = 'Pistmaskinen repareras.' where meeting_id = ${meetingId}`);
      // Deferred: the document still has the old words until the loader refreshes it.
      expect((await search({ query: 'pistmaskinen', filters: { organization } }, tx)).total).toBe(0);
      await tx.execute(sql`select search_refresh_paragraphs(array(select id from paragraphs where meeting_id = ${meetingId}))`);
      expect((await search({ query: 'pistmaskinen', filters: { organization } }, tx)).total).toBe(1);
    });
    // The setting ended with the transaction: the next write refreshes at once again.
    await db.execute(sql`update paragraphs set text = 'Snökanonen lagas.' where meeting_id = ${meetingId}`);
    expect((await search({ query: 'snökanonen', filters: { organization } })).total).toBe(1);
    expect((await search({ query: 'pistmaskinen', filters: { organization } })).total).toBe(0);
  });

  it('counts exactly up to a limit, and beyond it says so and counts the newest matches', async () => {
    const organization = 'Takförbundet';
    const db = database().db;
    for (const [date, numbers] of [['2019-03-01', [1, 2]], ['2020-03-01', [1, 2]], ['2021-03-01', [1]]] as const) {
      await saveMinutes(db, minutesWith({ organization, date, items: numbers.map((number) => ({ number, title: `Takläggning del ${number}`, text: 'Taket läggs om.' })) }));
    }
    const all = await search({ query: 'takläggning', filters: { organization } });
    expect(all).toMatchObject({ total: 5, totalIsCapped: false });

    const where = sql`sd.document @@ plainto_tsquery('swedish', 'takläggning') and sd.organization_id in (select o.id from organizations o where o.name = ${organization})`;
    const capped = await findMatches(db, { where, rank: null, headlineQuery: null, limit: 10, offset: 0, rankWindow: 10, countLimit: 3 });
    expect(capped.capped).toBe(true);
    expect(capped.facets.total).toBe(3);
    expect(capped.facets.years.map((y) => [y.year, y.count]).sort()).toEqual([
      [2020, 2],
      [2021, 1],
    ]);
    expect(capped.hits.map((h) => h.meetingDate)).toEqual(['2021-03-01', '2020-03-01', '2020-03-01']);
  });

  it('finds the same newest matches when it asks a recent date range first as when it asks everything', async () => {
    const organization = 'Spannförbundet';
    const db = database().db;
    for (let month = 1; month <= 12; month++) {
      const date = `2016-${String(month).padStart(2, '0')}-15`;
      await saveMinutes(db, minutesWith({ organization, date, items: [{ number: month, title: `Vägbelysning etapp ${month}`, text: 'Armaturerna byts mot LED.' }] }));
    }
    const input: SearchInput = { query: 'vägbelysning', audience: 'public', pageSize: 3, filters: { organization, year: 2016 } };
    const whole = await searchDecisionsUncached(db, input, { plan: { kind: 'whole' }, countLimit: 5 });
    expect(whole).toMatchObject({ total: 5, totalIsCapped: true });
    expect(whole.facets.years).toEqual([{ value: '2016', label: '2016', count: 5 }]);
    expect(hitsOf(whole).every((hit) => hit >= '2016-08-15')).toBe(true);
    // The first range (a tenth of the year) holds one or two matches, the second (0.45) five or six:
    // counting stops there, and the answer is the one above, facet for facet.
    for (const fractions of [[0.1, 0.45], [0.02], [0.3]]) {
      expect(await searchDecisionsUncached(db, input, { plan: { kind: 'recent', fractions }, countLimit: 5 })).toEqual(whole);
    }
    // Below the limit every range falls short and the whole archive answers.
    const all = await searchDecisionsUncached(db, input, { plan: { kind: 'recent', fractions: [0.1, 0.45] }, countLimit: 100 });
    expect(all).toEqual(await searchDecisionsUncached(db, input, { plan: { kind: 'whole' }, countLimit: 100 }));
    expect(all).toMatchObject({ total: 12, totalIsCapped: false });
  });

  it('reads how common words are from the statistics ANALYZE keeps, stemmed as the index stems them', async () => {
    const db = database().db;
    await db.execute(sql`analyze search_documents`);
    // Earlier searches of this file found no statistics and kept that answer.
    forgetLexemeStatistics(db);
    const statistics = await findLexemeStatistics(db);
    expect(statistics).not.toBeNull();
    expect(statistics!.floor).toBeGreaterThan(0);
    expect([...statistics!.shares.values()].every((share) => share > 0 && share <= 1)).toBe(true);
    expect(await findTermLexemes(db, [{ kind: 'phrase', text: 'särskilt boende' }, { kind: 'prefix', text: 'Famil' }, { kind: 'word', text: 'och' }])).toEqual([
      { kind: 'phrase', lexemes: ['boend', 'särskilt'] },
      { kind: 'prefix', lexemes: ['famil'] },
      { kind: 'word', lexemes: [] },
    ]);
    expect(await estimateRows(db, sql`sd.published`)).toBeGreaterThan(0);
    // With the statistics the public search plans itself and answers as before.
    const result = await searchDecisions(db, { query: 'handlingarna', audience: 'public', pageSize: 5 });
    expect(result.total).toBeGreaterThan(0);
  });

  it('falls back to similar titles when a misspelt word matches nothing', async () => {
    const result = await search({ query: 'tertialuppfölning' });
    expect(result.interpretation.matchedBy).toBe('similar_titles');
    expect(hitsOf(result)).toContain('2020-09-25 § 10');
  });

  it('answers bad queries with a clear InputError or a sensible empty result, never a database error', async () => {
    const refused = async (input: Partial<SearchInput> & { query: string }) => {
      const error = await search(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).code;
    };
    expect(await refused({ query: '' })).toBe('query_empty');
    expect(await refused({ query: '   ' })).toBe('query_empty');
    expect(await refused({ query: '- OR * "" -' })).toBe('query_empty');
    expect(await refused({ query: 'familjehem '.repeat(1000) })).toBe('query_too_long');
    expect(await refused({ query: 'a '.repeat(40) })).toBe('query_too_many_terms');
    expect(await refused({ query: 'skola', pageSize: 1000 })).toBe('invalid_field');
    expect(await refused({ query: 'skola', filters: { from: '2020-13' } })).toBe('invalid_field');
    expect(await refused({ query: 'skola', filters: { to: '2021-02-30' } })).toBe('invalid_field');

    // An unbalanced quote runs to the end of the query.
    expect(hitsOf(await search({ query: '"leverera familjehem' }))).toContain('2020-05-07 § 13');
    // Only stop words: nothing to find.
    expect((await search({ query: 'och att det' })).total).toBe(0);
    // SQL is only ever text to search for.
    for (const query of ["'; drop table paragraphs; --", 'x\') or 1=1 --', '\\x00 & | ! <-> :*', 'famil\u0000jehem \ud800']) {
      const result = await search({ query });
      expect(result.total).toBeGreaterThanOrEqual(0);
    }
    const [row] = await queryRows<{ count: number }>(database().db, sql`select count(*)::int as count from paragraphs`);
    expect(Number(row?.count)).toBeGreaterThan(0);
    // Only a negation: everything without the word.
    const without = await search({ query: '-familjehem', filters: { year: 2020 } });
    expect(without.total).toBeGreaterThan(0);
    expect(hitsOf(without)).not.toContain('2020-05-07 § 13');
  });

  it('answers GET /api/search as to the public, with 400 for a bad query', async () => {
    const app = await buildApp({ database: database() });
    const found = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent('tertialuppföljning')}&year=2020` });
    expect(found.statusCode).toBe(200);
    const body = found.json() as SearchResult;
    expect(body.hits.map((h) => h.number)).toContain(10);
    expect(body.facets.years).toEqual([{ value: '2020', label: '2020', count: body.total }]);

    const held = await app.inject({ method: 'GET', url: '/api/search?q=ERNACT' });
    expect((held.json() as SearchResult).total).toBe(0);

    const tooLong = await app.inject({ method: 'GET', url: `/api/search?q=${'a'.repeat(600)}` });
    expect(tooLong.statusCode).toBe(400);
    expect((tooLong.json() as { error: { code: string } }).error.code).toBe('query_too_long');
    const badYear = await app.inject({ method: 'GET', url: '/api/search?q=skola&year=tjugo' });
    expect(badYear.statusCode).toBe(400);
    const empty = await app.inject({ method: 'GET', url: '/api/search' });
    expect(empty.statusCode).toBe(400);
    // A date of the right shape that the calendar lacks is the caller's mistake, not a server error.
    const noSuchDay = await app.inject({ method: 'GET', url: '/api/search?q=skola&from=2020-13-01' });
    expect(noSuchDay.statusCode).toBe(400);
    expect(JSON.stringify(noSuchDay.json())).toContain('from');
    await app.close();
  });
});
