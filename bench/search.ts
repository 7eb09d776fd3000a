/**
 * `npm run bench -- search [--engine pglite|postgres|both] [--paragraphs 100000] [--queries 300] [--load bulk|triggers] [--no-cluster] [--keep] [--database URL] [--naive 30] [--slowest N]`
 *
 * Generates a fictional national corpus of municipal minutes (organisations, bodies, meetings 2010–2025,
 * §§ with Swedish text, att-satser, attachments, cases, attendance, presenters, reservations), loads it
 * with multi-row inserts in transactions (the same rows the use case writes; the search triggers fire
 * as they do in production), then measures every kind of query the public types (common and rare
 * words, words, phrases, prefixes, case numbers, filters only, stop words only), each with 0, 1 and 2
 * facets, without the public cache. Every result is checked (hits match the filters, the case number,
 * have a marked word; full-text finds what ILIKE finds for whole words). Prints p50/p95 per kind, the
 * slowest and fastest kind, load time, database size, and an `ILIKE '%…%'` baseline in the same run. PostgreSQL is reached through
 * TEST_DATABASE_URL or DATABASE_URL (a throwaway database is created on it and dropped afterwards);
 * `scripts/with-throwaway-postgres.sh npm run bench -- search` starts a server for the run.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database, type DatabaseHandle, type Engine } from '../src/storage/database.ts';
import { searchDecisionsUncached, type SearchFilters, type SearchResult } from '../src/services/search.service.ts';
import { createServerDatabase } from '../test/support/server-database.ts';

// ---------------------------------------------------------------------------------------------------
// Vocabulary: our own word lists and sentence templates, in the language of Swedish municipal minutes.

const topics = [
  'detaljplan', 'bygglov', 'förskola', 'grundskola', 'gymnasieskola', 'äldreomsorg', 'hemtjänst', 'familjehem',
  'ekonomiskt bistånd', 'vatten och avlopp', 'gatubelysning', 'snöröjning', 'budget', 'årsredovisning',
  'tertialuppföljning', 'delårsrapport', 'internkontroll', 'upphandling', 'skolskjuts', 'bredband', 'folkhälsa',
  'integration', 'räddningstjänst', 'vindkraft', 'översiktsplan', 'kollektivtrafik', 'socialtjänst',
  'missbruksvård', 'feriearbete', 'simhall', 'idrottshall', 'bibliotek', 'kulturskola', 'avfallstaxa',
  'renhållning', 'markanvändning', 'exploateringsavtal', 'trafiksäkerhet', 'cykelväg', 'turism', 'näringsliv',
  'arbetsmarknad', 'försörjningsstöd', 'ensamkommande barn', 'LSS-boende', 'särskilt boende', 'korttidsboende',
  'elevhälsa', 'skolmåltider', 'lokalförsörjning', 'fastighetsförsäljning', 'energieffektivisering',
  'klimatanpassning', 'dagvatten', 'naturreservat', 'strandskydd', 'krisberedskap', 'säkerhetsskydd',
  'digitalisering', 'e-tjänster', 'personalpolitik', 'arvodesreglemente', 'delegationsordning', 'samverkansavtal',
  'ERNACT', 'kvalitetslab', 'fritidsgård', 'ungdomsråd', 'pensionärsråd', 'tillgänglighet', 'bostadsförsörjning',
];
const verbs = ['godkänner', 'antar', 'fastställer', 'beslutar om', 'tillstyrker', 'avslår', 'återremitterar', 'noterar', 'uppdrar åt förvaltningen att utreda', 'ställer sig bakom'];
const bodiesOf = [
  'Kommunfullmäktige', 'Kommunstyrelsen', 'Kommunstyrelsens arbetsutskott', 'Socialnämnden', 'Barn- och utbildningsnämnden',
  'Tekniska nämnden', 'Miljö- och byggnämnden', 'Kultur- och fritidsnämnden',
];
const placePrefixes = ['Älv', 'Sjö', 'Berg', 'Gran', 'Björk', 'Ek', 'Lind', 'Ström', 'Holm', 'Dal', 'Ås', 'Sand', 'Vik', 'Hög', 'Norr', 'Sör', 'Väst', 'Öst', 'Lång', 'Kall', 'Stor', 'Lill', 'Ny', 'Fager', 'Hassel'];
const placeSuffixes = ['by', 'sta', 'torp', 'hult', 'köping', 'vik', 'ås', 'dal', 'berga', 'näs', 'fors', 'holm'];
const firstNames = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Per', 'Eva', 'Johan', 'Lena', 'Mikael', 'Sara', 'Anders', 'Ingrid', 'Nils', 'Elin', 'Gustav', 'Frida', 'Olof', 'Maja', 'Henrik', 'Sofia', 'Jonas', 'Helena', 'Fredrik', 'Linnea', 'Magnus', 'Åsa', 'Björn', 'Gunhild', 'Torbjörn'];
const lastNames = ['Ek', 'Gran', 'Alm', 'Lindqvist', 'Nyberg', 'Sjöberg', 'Holm', 'Bergström', 'Lundin', 'Öberg', 'Åkesson', 'Dahl', 'Sandberg', 'Forsgren', 'Hedlund', 'Wikström', 'Strand', 'Norén', 'Backman', 'Ström'];
const parties = ['S', 'M', 'C', 'V', 'KD', 'L', 'MP', 'SD'];
const openings = [
  'Förvaltningen har tagit fram ett underlag om {topic} som redovisas för nämnden.',
  'Ärendet gäller {topic} i {place} och har beretts av förvaltningen.',
  'Kommunen har mottagit en remiss om {topic} från länsstyrelsen med begäran om yttrande.',
  'En motion om {topic} har lämnats in av ledamöter i kommunfullmäktige.',
  'Enligt verksamhetsplanen ska {topic} följas upp varje tertial.',
  'Behovet av {topic} har ökat under året enligt förvaltningens uppföljning.',
];
const middles = [
  'Kostnaden beräknas till {amount} kronor och ryms inom befintlig budget.',
  'Samråd har skett med berörda förvaltningar och med {other}.',
  'Förslaget innebär att {topic} samordnas med {other} från och med {year}.',
  'Förvaltningen bedömer att åtgärden bidrar till målen i översiktsplanen.',
  'Ekonomiska konsekvenser redovisas i tjänsteskrivelsen daterad den {day}.',
  'Arbetet med {topic} har försenats på grund av svårigheter att rekrytera personal.',
  'Barnrättsperspektivet har beaktats och förslaget bedöms inte påverka barn negativt.',
  'Informationen läggs med godkännande till handlingarna.',
];
const decisionTemplates = [
  'Nämnden {verb} förslaget om {topic}.',
  'Styrelsen {verb} förvaltningens rapport om {topic}.',
  'att uppdra åt förvaltningen att återkomma med en plan för {topic} senast {year}.',
  'att anslå {amount} kronor till {topic} ur kommunstyrelsens medel för oförutsedda utgifter.',
  'att lägga informationen om {topic} till handlingarna.',
  'att föreslå kommunfullmäktige att anta riktlinjer för {topic}.',
];
const titleTemplates = [
  '{Topic}', 'Yttrande över remiss om {topic}', 'Motion om {topic}', 'Information om {topic}', 'Riktlinjer för {topic}',
  'Uppföljning av {topic} {year}', 'Budget för {topic} {year}', 'Svar på medborgarförslag om {topic}',
];
const standardTitles = ['Sammanträdets öppnande', 'Val av justerare', 'Godkännande av dagordning', 'Anmälan av delegationsbeslut', 'Meddelanden', 'Övriga frågor'];

/** A small deterministic generator (mulberry32), so that runs are comparable. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  // Zipf-like: a few topics are everywhere, most are rare, as in real minutes.
  const zipf = <T>(list: readonly T[]) => list[Math.min(list.length - 1, Math.floor(list.length * Math.pow(next(), 2.2)))]!;
  return { next, int, pick, zipf };
}

// ---------------------------------------------------------------------------------------------------
// The corpus, in batches of rows per table.

interface Batch {
  organizations: Record<string, unknown>[];
  bodies: Record<string, unknown>[];
  persons: Record<string, unknown>[];
  cases: Record<string, unknown>[];
  meetings: Record<string, unknown>[];
  attendance: Record<string, unknown>[];
  paragraphs: Record<string, unknown>[];
  decisionPoints: Record<string, unknown>[];
  attachments: Record<string, unknown>[];
  presenters: Record<string, unknown>[];
  reservations: Record<string, unknown>[];
}

const emptyBatch = (): Batch => ({
  organizations: [], bodies: [], persons: [], cases: [], meetings: [], attendance: [], paragraphs: [], decisionPoints: [],
  attachments: [], presenters: [], reservations: [],
});

interface CorpusShape {
  organizations: { id: string; name: string; bodies: { id: string; name: string }[] }[];
}

const organizationName = (o: number) =>
  `${placePrefixes[o % placePrefixes.length]}${placeSuffixes[Math.floor(o / placePrefixes.length) % placeSuffixes.length]}${o >= placePrefixes.length * placeSuffixes.length ? ` ${o}` : ''} kommun`;

/** Yields batches of about `batchSize` §§ until `total` §§ are made. */
function* generateCorpus(total: number, batchSize: number, shape: CorpusShape): Generator<Batch> {
  const random = randomFrom(20260101);
  const years = Array.from({ length: 16 }, (_, i) => 2010 + i);
  // About 20 000 §§ per organisation (a mid-sized kommun over 16 years), at least five organisations.
  const organizationCount = Math.max(5, Math.ceil(total / 20_000));
  const meetingsPerYear = Math.max(1, Math.ceil(total / (organizationCount * bodiesOf.length * years.length * 12)));
  let made = 0;
  let batch = emptyBatch();
  const fill = (template: string, topic: string) =>
    template
      .replaceAll('{Topic}', topic[0]!.toLocaleUpperCase('sv') + topic.slice(1))
      .replaceAll('{topic}', topic)
      .replaceAll('{other}', random.pick(topics))
      .replaceAll('{place}', `${random.pick(placePrefixes)}${random.pick(placeSuffixes)}`)
      .replaceAll('{amount}', String(random.int(5, 900) * 1000))
      .replaceAll('{year}', String(random.int(2010, 2026)))
      .replaceAll('{day}', `${random.int(2010, 2025)}-0${random.int(1, 9)}-1${random.int(0, 9)}`)
      .replaceAll('{verb}', random.pick(verbs));

  for (let o = 0; o < organizationCount && made < total; o++) {
    const organizationId = randomUUID();
    const name = organizationName(o);
    batch.organizations.push({ id: organizationId, name, organization_type: 'municipal' });
    const people = Array.from({ length: 70 }, () => ({ id: randomUUID(), name: `${random.pick(firstNames)} ${random.pick(lastNames)}`, party: random.pick(parties) }));
    const uniquePeople = [...new Map(people.map((p) => [p.name, p])).values()];
    for (const person of uniquePeople) batch.persons.push({ id: person.id, name: person.name });
    const officials = uniquePeople.slice(0, 12);
    const organization = { id: organizationId, name, bodies: [] as { id: string; name: string }[] };
    shape.organizations.push(organization);
    let caseSequence = 0;
    const recentCases: { id: string; number: string }[] = [];
    for (const bodyName of bodiesOf) {
      if (made >= total) break;
      const bodyId = randomUUID();
      batch.bodies.push({ id: bodyId, organization_id: organizationId, name: bodyName, body_kind: 'board' });
      organization.bodies.push({ id: bodyId, name: bodyName });
      const members = uniquePeople.slice(12).sort(() => random.next() - 0.5).slice(0, 11);
      for (const year of years) {
        let number = 0;
        for (let m = 0; m < meetingsPerYear && made < total; m++) {
          const meetingId = randomUUID();
          const heldOn = `${year}-${String(1 + Math.floor((m * 12) / meetingsPerYear)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
          const items = random.int(8, 16);
          const adjusted = random.next() < 0.92;
          batch.meetings.push({
            id: meetingId, body_id: bodyId, minutes_kind: 'protocol', held_on: heldOn, year, status: adjusted ? 'adjusted' : 'held',
            paragraph_first: number + 1, paragraph_last: number + items, adjusted_on: adjusted ? heldOn : null,
            organization_as_written: name, body_as_written: bodyName, location: 'Kommunhuset',
          });
          members.slice(0, random.int(7, 11)).forEach((person, position) =>
            batch.attendance.push({ meeting_id: meetingId, position, person_id: person.id, name: person.name, role: position === 0 ? 'chair' : 'member', party: person.party, voting: true }),
          );
          for (let position = 0; position < items; position++) {
            number += 1;
            const paragraphId = randomUUID();
            const standard = position < 3 || (position === items - 1 && random.next() < 0.6);
            const topic = random.zipf(topics);
            let caseId: string | null = null;
            if (!standard && random.next() < 0.7) {
              if (recentCases.length && random.next() < 0.25) caseId = random.pick(recentCases).id;
              else {
                caseSequence += 1;
                const caseNumber = random.next() < 0.5 ? `KS ${year}/${caseSequence}` : `${year}.${String(caseSequence).padStart(3, '0')}-${caseSequence % 10}`;
                caseId = randomUUID();
                batch.cases.push({ id: caseId, organization_id: organizationId, case_number: caseNumber, year, title: topic });
                recentCases.push({ id: caseId, number: caseNumber });
                if (recentCases.length > 40) recentCases.shift();
              }
            }
            const title = standard ? random.pick(standardTitles) : fill(random.pick(titleTemplates), topic);
            const sentences = standard
              ? [fill(random.pick(middles), topic)]
              : [fill(random.pick(openings), topic), ...Array.from({ length: random.int(2, 6) }, () => fill(random.pick(middles), topic))];
            batch.paragraphs.push({
              id: paragraphId, meeting_id: meetingId, body_id: bodyId, year, position, number, title, case_id: caseId,
              text: sentences.join(' '), confidential: random.next() < 0.01,
            });
            const decisionCount = standard ? random.int(0, 1) : random.int(0, 3);
            for (let d = 0; d < decisionCount; d++) batch.decisionPoints.push({ paragraph_id: paragraphId, position: d, text: fill(random.pick(decisionTemplates), topic) });
            if (!standard && random.next() < 0.4) batch.attachments.push({ paragraph_id: paragraphId, position: 0, title: `Tjänsteskrivelse ${topic}` });
            if (!standard && random.next() < 0.5) batch.presenters.push({ paragraph_id: paragraphId, position: 0, name: random.pick(officials).name });
            if (!standard && random.next() < 0.03) {
              const member = random.pick(members);
              batch.reservations.push({ paragraph_id: paragraphId, position: 0, name: member.name, party: member.party, reason: 'Till förmån för eget yrkande.' });
            }
            made += 1;
          }
          if (batch.paragraphs.length >= batchSize) {
            yield batch;
            batch = emptyBatch();
          }
        }
      }
    }
  }
  if (batch.paragraphs.length) yield batch;
}

/** Inserts rows through one JSON parameter per table: multi-row, no parameter limit, both drivers. */
async function insertRows(db: Database, table: string, columns: Record<string, string>, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const names = Object.keys(columns);
  const definition = names.map((n) => `${n} ${columns[n]}`).join(', ');
  // Table and column names are this file's constants, never input.
  await db.execute(
    sql`insert into ${sql.raw(table)} (${sql.raw(names.join(', '))}) select ${sql.raw(names.join(', '))} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(definition)})`,
  );
}

/**
 * One batch in one transaction. `bulk` (the default) defers the search triggers for the transaction and
 * builds the batch's search documents with one refresh at the end (migration 0006); `triggers` lets every
 * trigger fire as a use case writing minutes one by one would.
 */
async function loadBatch(db: Database, batch: Batch, mode: LoadMode): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    if (mode === 'bulk') await t.execute(sql`select set_config('protokoll.search_refresh', 'deferred', true)`);
    await insertRows(t, 'organizations', { id: 'uuid', name: 'text', organization_type: 'text' }, batch.organizations);
    await insertRows(t, 'bodies', { id: 'uuid', organization_id: 'uuid', name: 'text', body_kind: 'text' }, batch.bodies);
    await insertRows(t, 'persons', { id: 'uuid', name: 'text' }, batch.persons);
    await insertRows(t, 'cases', { id: 'uuid', organization_id: 'uuid', case_number: 'text', year: 'int', title: 'text' }, batch.cases);
    await insertRows(
      t,
      'meetings',
      {
        id: 'uuid', body_id: 'uuid', minutes_kind: 'text', held_on: 'date', year: 'int', status: 'text', paragraph_first: 'int',
        paragraph_last: 'int', adjusted_on: 'date', organization_as_written: 'text', body_as_written: 'text', location: 'text',
      },
      batch.meetings.map((m) => ({ ...m, status: 'held' })),
    );
    await insertRows(t, 'attendance', { meeting_id: 'uuid', position: 'int', person_id: 'uuid', name: 'text', role: 'text', party: 'text', voting: 'boolean' }, batch.attendance);
    await insertRows(
      t,
      'paragraphs',
      { id: 'uuid', meeting_id: 'uuid', body_id: 'uuid', year: 'int', position: 'int', number: 'int', title: 'text', case_id: 'uuid', text: 'text', confidential: 'boolean' },
      batch.paragraphs,
    );
    await insertRows(t, 'decision_points', { paragraph_id: 'uuid', position: 'int', text: 'text' }, batch.decisionPoints);
    await insertRows(t, 'paragraph_attachments', { paragraph_id: 'uuid', position: 'int', title: 'text' }, batch.attachments);
    await insertRows(t, 'presenters', { paragraph_id: 'uuid', position: 'int', name: 'text' }, batch.presenters);
    await insertRows(t, 'reservations', { paragraph_id: 'uuid', position: 'int', name: 'text', party: 'text', reason: 'text' }, batch.reservations);
    // As the use case does: written as held, adjusted last (the database refuses new parts of adjusted minutes).
    const adjusted = batch.meetings.filter((m) => m.status !== 'held').map((m) => m.id);
    if (adjusted.length) {
      await t.execute(sql`update meetings set status = 'adjusted' where id in (select jsonb_array_elements_text(${JSON.stringify(adjusted)}::jsonb)::uuid)`);
    }
    if (mode === 'bulk') {
      const ids = batch.paragraphs.map((p) => p.id);
      await t.execute(sql`select search_refresh_paragraphs(array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid))`);
    }
  });
}

type LoadMode = 'bulk' | 'triggers';

// ---------------------------------------------------------------------------------------------------
// The query mix.

/** The kinds of query the public types; each is measured with 0, 1 and 2 facets. */
const KINDS = ['common word', 'rare word', 'word', 'phrase', 'prefix', 'case number', 'filters only', 'stop words'] as const;
type Kind = (typeof KINDS)[number];

interface BenchQuery {
  kind: Kind;
  query: string;
  /** The words for the ILIKE reference (none for the kinds it cannot express). */
  needle: string | null;
  filters: SearchFilters;
  facets: number;
}

/** In nearly every § (the templates' own words): the searches that match the most rows. */
const commonWordQueries = ['förvaltningen', 'budget', 'kommunen', 'handlingarna'];
/** Topics at the far end of the Zipf curve, and words only a few §§ have. */
const rareWordQueries = ['ERNACT', 'bostadsförsörjning', 'tillgänglighet', 'pensionärsråd', 'ungdomsråd'];
const wordQueries = ['familjehem', 'detaljplanen', 'hemtjänsten', 'bredband', 'vindkraft', 'skolskjuts', 'upphandlingen', 'dagvatten', 'strandskydd', 'simhallen', 'försörjningsstöd', 'kulturskolan', 'exploateringsavtal', 'trafiksäkerhet', 'klimatanpassning', 'medborgarförslag'];
const phraseQueries = ['"ekonomiskt bistånd"', '"vatten och avlopp"', '"särskilt boende"', '"ensamkommande barn"', '"till handlingarna"', '"riktlinjer för"'];
const prefixQueries = ['famil*', 'skol*', 'upphandl*', 'bygg*', 'vind*', 'äldre*', 'kultur*', 'trafik*'];
/** Only words the Swedish dictionary drops: no clause is left, so every public § matches. */
const stopWordQueries = ['och att', 'för som', 'av till'];

function buildQueries(count: number, shape: CorpusShape, caseNumbers: string[]): BenchQuery[] {
  const random = randomFrom(7);
  const queries: BenchQuery[] = [];
  const perCell = Math.max(1, Math.round(count / (KINDS.length * 3)));
  for (const kind of KINDS) {
    for (let facets = 0; facets <= 2; facets++) {
      // Without words a search needs a filter (the service refuses an empty one, as it should).
      if (facets === 0 && (kind === 'filters only' || kind === 'stop words')) continue;
      for (let i = 0; i < perCell; i++) {
        const query =
          kind === 'common word' ? random.pick(commonWordQueries)
          : kind === 'rare word' ? random.pick(rareWordQueries)
          : kind === 'word' ? random.pick(wordQueries)
          : kind === 'phrase' ? random.pick(phraseQueries)
          : kind === 'prefix' ? random.pick(prefixQueries)
          : kind === 'case number' ? random.pick(caseNumbers)
          : kind === 'stop words' ? random.pick(stopWordQueries)
          : '';
        const needle = kind === 'case number' || kind === 'filters only' || kind === 'stop words' ? null : query.replaceAll('"', '').replace(/\*$/, '');
        const organization = random.pick(shape.organizations);
        const choices: SearchFilters[] = [
          { year: random.int(2010, 2025) },
          { organization: organization.name },
          { body: random.pick(bodiesOf) },
          { decisionsOnly: true },
        ];
        const filters: SearchFilters = {};
        const order = choices.sort(() => random.next() - 0.5);
        for (let f = 0; f < facets; f++) Object.assign(filters, order[f]);
        queries.push({ kind, query, needle, filters, facets });
      }
    }
  }
  // Interleaved, so that a slow moment of a shared machine does not fall on one kind only.
  return queries.sort(() => random.next() - 0.5);
}

/** What is wrong with a result, if anything: the hits must match the query and every filter. */
function problemsOf(query: BenchQuery, result: SearchResult): string[] {
  const problems: string[] = [];
  const f = query.filters;
  if (query.facets === 0 && result.total === 0) problems.push('no match at all');
  if (result.hits.length > 20) problems.push(`${result.hits.length} hits on a page of 20`);
  for (const hit of result.hits) {
    if (f.year !== undefined && !hit.meetingDate?.startsWith(String(f.year))) problems.push(`${hit.paragraphId}: held ${hit.meetingDate}, not in ${f.year}`);
    if (f.organization && hit.organization !== f.organization) problems.push(`${hit.paragraphId}: of ${hit.organization}, not ${f.organization}`);
    if (f.body && hit.body !== f.body) problems.push(`${hit.paragraphId}: of ${hit.body}, not ${f.body}`);
    if (f.decisionsOnly && !hit.isDecision) problems.push(`${hit.paragraphId}: no decision`);
    if (query.kind === 'case number' && hit.caseNumber !== query.query) problems.push(`${hit.paragraphId}: case ${hit.caseNumber}, not ${query.query}`);
    // Titles like the words (a misspelling) are shown when nothing has the words: nothing to mark then.
    if (query.needle && result.interpretation.matchedBy === 'text' && !hit.snippetSegments.some((segment) => segment.match) && !hit.title.toLocaleLowerCase('sv').includes(query.needle.toLocaleLowerCase('sv'))) {
      problems.push(`${hit.paragraphId}: nothing marked in "${hit.snippet.slice(0, 80)}"`);
    }
  }
  if (query.kind === 'case number' && result.interpretation.matchedBy !== 'case_number') problems.push(`read as ${result.interpretation.matchedBy}, not as a case number`);
  return problems.slice(0, 3);
}

/** The naive reference: ILIKE over §§ text, titles and att-satser, with the same filters, 20 newest. */
function naiveQuery(query: BenchQuery): SQL {
  const pattern = `%${(query.needle ?? '').replace(/[\\%_]/g, '\\$&')}%`;
  const f = query.filters;
  const conditions: SQL[] = [sql`m.status in ('adjusted', 'archived') and not p.confidential`];
  if (f.year !== undefined) conditions.push(sql`m.year = ${f.year}::int`);
  if (f.organization) conditions.push(sql`o.name = ${f.organization}`);
  if (f.body) conditions.push(sql`b.name = ${f.body}`);
  if (f.decisionsOnly) conditions.push(sql`exists (select 1 from decision_points d where d.paragraph_id = p.id)`);
  conditions.push(sql`(p.title ilike ${pattern} or p.text ilike ${pattern} or exists (select 1 from decision_points d where d.paragraph_id = p.id and d.text ilike ${pattern}))`);
  return sql`select p.id, count(*) over () as total from paragraphs p join meetings m on m.id = p.meeting_id join bodies b on b.id = p.body_id
    left join organizations o on o.id = b.organization_id where ${sql.join(conditions, sql` and `)} order by m.held_on desc limit 20`;
}

// ---------------------------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (n=${sorted.length})`;
};
const write = (line: string) => process.stdout.write(`${line}\n`);

async function openBenchDatabase(engine: Engine): Promise<DatabaseHandle & { name: string; cleanup(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'protokoll-bench-'));
    const handle = await openDatabase({ dataDir: dir });
    return { ...handle, name: dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('set TEST_DATABASE_URL or DATABASE_URL, or run through scripts/with-throwaway-postgres.sh');
  const server = await createServerDatabase('protokoll_bench', serverUrl);
  const handle = await openDatabase({ databaseUrl: server.url });
  return { ...handle, name: server.name, cleanup: server.drop };
}

/** The organisations of a corpus loaded before (`--keep`), in the order the generator made them. */
async function shapeOf(db: Database): Promise<CorpusShape> {
  const rows = await queryRows<{ id: string; name: string; bodies: { id: string; name: string }[] }>(
    db,
    sql`select o.id, o.name, coalesce((select jsonb_agg(jsonb_build_object('id', b.id, 'name', b.name)) from bodies b where b.organization_id = o.id), '[]') as bodies from organizations o`,
  );
  const byName = new Map(rows.map((row) => [row.name, row]));
  const organizations: CorpusShape['organizations'] = [];
  for (let o = 0; byName.has(organizationName(o)); o++) organizations.push(byName.get(organizationName(o))!);
  return { organizations };
}

interface BenchOptions {
  paragraphs: number;
  queries: number;
  naive: number;
  keep: boolean;
  load: LoadMode;
  /** Put the search documents in date order after the load (CLUSTER), as after an archive import. */
  cluster: boolean;
  /** Print this many of the slowest queries with their filters, to see what costs. */
  slowest: number;
  /** A PostgreSQL database loaded before with `--keep`: only the queries run. */
  database?: string | undefined;
}

async function benchEngine(engine: Engine, options: BenchOptions): Promise<void> {
  if (options.database) {
    write(`\nsearch bench on ${engine}: the corpus already in ${new URL(options.database).pathname.slice(1)}`);
    const handle = await openDatabase({ databaseUrl: options.database });
    try {
      await migrateDatabase(handle);
      await runQueries(handle.db, await shapeOf(handle.db), options);
    } finally {
      await handle.close();
    }
    return;
  }
  write(`\nsearch bench on ${engine}: ${options.paragraphs.toLocaleString('sv-SE')} §§, ${options.load} load${options.cluster ? ', clustered by date' : ''}`);
  const handle = await openBenchDatabase(engine);
  const { db } = handle;
  try {
    await migrateDatabase(handle);
    const shape: CorpusShape = { organizations: [] };
    const loadStart = performance.now();
    let loaded = 0;
    let lastReport = loadStart;
    for (const batch of generateCorpus(options.paragraphs, engine === 'pglite' ? 2000 : 5000, shape)) {
      await loadBatch(db, batch, options.load);
      loaded += batch.paragraphs.length;
      if (performance.now() - lastReport > 15000) {
        lastReport = performance.now();
        process.stderr.write(`  loaded ${loaded} §§ in ${((lastReport - loadStart) / 1000).toFixed(0)} s\n`);
      }
    }
    // A live system writes minutes as meetings are held, so its search documents lie in date order; a
    // bulk load of organisation after organisation does not. As an operator would after an archive
    // import (docs/search.md), put them in date order, unless --no-cluster.
    if (options.cluster) await db.execute(sql`cluster search_documents using search_documents_date_idx`);
    // After a bulk load autovacuum would do this soon; do it now so the figures do not depend on when.
    await db.execute(sql`vacuum analyze`);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const [counts] = await queryRows<{ paragraphs: number; documents: number; meetings: number; organizations: number; size: string }>(
      db,
      sql`select (select count(*) from paragraphs)::int as paragraphs, (select count(*) from search_documents)::int as documents,
        (select count(*) from meetings)::int as meetings, (select count(*) from organizations)::int as organizations,
        pg_size_pretty(pg_database_size(current_database())) as size`,
    );
    const [searchSize] = await queryRows<{ size: string }>(db, sql`select pg_size_pretty(pg_total_relation_size('search_documents')) as size`);
    write(
      `  load: ${loadSeconds.toFixed(1)} s (${Math.round(loaded / loadSeconds)} §§/s), ${counts!.paragraphs} §§ in ${counts!.meetings} meetings of ${counts!.organizations} organisations, ${counts!.documents} search documents`,
    );
    write(`  database size ${counts!.size} (search_documents with indexes ${searchSize!.size})`);
    await runQueries(db, shape, options);
  } finally {
    await handle.close();
    if (options.keep) write(`  kept the database (${engine === 'pglite' ? 'a temporary folder' : 'on the server'}): ${handle.name}`);
    else await handle.cleanup();
  }
}

async function runQueries(db: Database, shape: CorpusShape, options: BenchOptions): Promise<void> {
  // The machine may be shared: the load average before and after puts the figures in context.
  write(`  ${new Date().toISOString()}, load average before the queries: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  const cpuBefore = cpuTimes();
  const caseNumbers = (
    await queryRows<{ case_number: string }>(
      db,
      sql`select c.case_number from cases c where exists (select 1 from paragraphs p join meetings m on m.id = p.meeting_id
        where p.case_id = c.id and m.status = 'adjusted' and not p.confidential) order by c.id limit 20`,
    )
  ).map((row) => row.case_number);
  const queries = buildQueries(options.queries, shape, caseNumbers);
  // Without the public cache (services/public-cache.ts): the bench measures what a search costs the
  // database, not a repeated query answered from memory.
  const search = (query: BenchQuery) => searchDecisionsUncached(db, { query: query.query, filters: query.filters, audience: 'public' });
  for (const query of queries.slice(0, 10)) await search(query);
  const times: number[] = [];
  const cells = new Map<string, number[]>();
  const byKind = new Map<Kind, number[]>();
  const byFacets = new Map<number, number[]>();
  const failures: string[] = [];
  let totalHits = 0;
  const timed: { query: BenchQuery; elapsed: number; total: number }[] = [];
  for (const query of queries) {
    const start = performance.now();
    const result = await search(query);
    const elapsed = performance.now() - start;
    totalHits += result.total;
    times.push(elapsed);
    timed.push({ query, elapsed, total: result.total });
    const cell = `${query.kind}|${query.facets}`;
    cells.set(cell, [...(cells.get(cell) ?? []), elapsed]);
    byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), elapsed]);
    byFacets.set(query.facets, [...(byFacets.get(query.facets) ?? []), elapsed]);
    for (const problem of problemsOf(query, result)) failures.push(`${query.kind} ${JSON.stringify(query.query)} ${JSON.stringify(query.filters)}: ${problem}`);
  }
  write(`  search (public, page of 20 with facets and snippets, without the cache), all: ${summary(times)}; mean matches ${Math.round(totalHits / queries.length)}`);
  const ms = (list: number[] | undefined, p: number) => (list?.length ? percentile([...list].sort((x, y) => x - y), p).toFixed(1) : '–');
  write(`    ${'kind'.padEnd(13)}${'all p50'.padStart(9)}${'p95'.padStart(8)}   ${'p95 with 0 / 1 / 2 facets'}`);
  for (const kind of KINDS) {
    const list = byKind.get(kind);
    write(`    ${kind.padEnd(13)}${ms(list, 50).padStart(9)}${ms(list, 95).padStart(8)}   ${[0, 1, 2].map((f) => ms(cells.get(`${kind}|${f}`), 95)).join(' / ')}`);
  }
  for (const [facets, list] of [...byFacets].sort((a, b) => a[0] - b[0])) write(`    ${facets} facet${facets === 1 ? ' ' : 's'}      ${summary(list)}`);
  const slowestKind = [...byKind].map(([kind, list]) => ({ kind, p95: percentile([...list].sort((x, y) => x - y), 95) })).sort((a, b) => b.p95 - a.p95);
  write(`  slowest kind: ${slowestKind[0]!.kind} (p95 ${slowestKind[0]!.p95.toFixed(1)} ms); fastest: ${slowestKind.at(-1)!.kind} (p95 ${slowestKind.at(-1)!.p95.toFixed(1)} ms)`);
  const p95All = percentile([...times].sort((x, y) => x - y), 95);
  write(`  goal p95 ≤ 50 ms over all kinds: ${p95All <= 50 ? 'met' : 'NOT met'} (${p95All.toFixed(1)} ms)`);
  if (options.slowest > 0) {
    write(`  the ${options.slowest} slowest:`);
    for (const { query, elapsed, total } of [...timed].sort((a, b) => b.elapsed - a.elapsed).slice(0, options.slowest)) {
      write(`    ${elapsed.toFixed(1).padStart(7)} ms  ${query.kind} ${JSON.stringify(query.query)} ${JSON.stringify(query.filters)} → ${total}`);
    }
  }

  // The ILIKE baseline, measured in the same run on the kinds it can express; it also checks recall:
  // every § that ILIKE finds for a whole word or phrase, full-text search finds too (it finds more:
  // other inflections, attachment titles), as long as the count is not capped.
  const naiveTimes = new Map<Kind, number[]>();
  const searchTimes = new Map<Kind, number[]>();
  for (const kind of KINDS) {
    const sample = queries.filter((q) => q.kind === kind && q.needle !== null).slice(0, options.naive);
    for (const query of sample) {
      let start = performance.now();
      const [naive] = await queryRows<{ total: number | string }>(db, sql`select x.total from (${naiveQuery(query)}) as x limit 1`);
      naiveTimes.set(kind, [...(naiveTimes.get(kind) ?? []), performance.now() - start]);
      start = performance.now();
      const result = await search(query);
      searchTimes.set(kind, [...(searchTimes.get(kind) ?? []), performance.now() - start]);
      const naiveTotal = Number(naive?.total ?? 0);
      if ((kind === 'word' || kind === 'rare word' || kind === 'phrase') && !result.totalIsCapped && naiveTotal > 0 && result.total === 0) {
        failures.push(`${kind} ${JSON.stringify(query.query)} ${JSON.stringify(query.filters)}: ILIKE finds ${naiveTotal}, full-text search nothing`);
      }
    }
  }
  if (naiveTimes.size) {
    const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    write(`  naive ILIKE '%…%' baseline (same run, ${options.naive} per kind):`);
    for (const [kind, list] of naiveTimes) {
      const fts = searchTimes.get(kind)!;
      write(`    ${kind.padEnd(13)} ILIKE p50 ${ms(list, 50)} ms, full-text p50 ${ms(fts, 50)} ms: ILIKE ${(mean(list) / mean(fts)).toFixed(0)}× as long`);
    }
  }
  write(`  checks: ${queries.length} searches, ${failures.length} problems`);
  for (const failure of failures.slice(0, 10)) write(`    ${failure}`);
  write(`  load average after the queries: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  const cpuAfter = cpuTimes();
  if (cpuBefore && cpuAfter) {
    const total = cpuAfter.total - cpuBefore.total;
    const steal = ((cpuAfter.steal - cpuBefore.steal) / Math.max(1, total)) * 100;
    const busy = ((total - (cpuAfter.idle - cpuBefore.idle) - (cpuAfter.steal - cpuBefore.steal)) / Math.max(1, total)) * 100;
    write(`  CPU during the queries: ${busy.toFixed(0)} % busy, ${steal.toFixed(0)} % stolen by the host${steal > 5 ? ' (a virtual machine sharing its cores: figures are pessimistic)' : ''}`);
  }
  if (failures.length) process.exitCode = 1;
}

/**
 * The machine's CPU time so far (Linux /proc/stat), or null elsewhere. On a virtual machine the host
 * may give our cores to others ("steal"); the figures mean little when that is high.
 */
function cpuTimes(): { total: number; idle: number; steal: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, steal };
  } catch {
    return null;
  }
}

export async function run(args: string[]): Promise<void> {
  const value = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const number = (name: string, fallback: number, least = 1) => {
    const parsed = Number(value(name));
    return value(name) !== undefined && Number.isFinite(parsed) && parsed >= least ? parsed : fallback;
  };
  const engineOption = value('--engine') ?? 'both';
  const serverKnown = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);
  const engines: Engine[] =
    engineOption === 'both' ? (serverKnown ? ['pglite', 'postgres'] : ['pglite']) : ([engineOption] as Engine[]);
  if (engineOption === 'both' && !serverKnown) write('(no TEST_DATABASE_URL or DATABASE_URL: PostgreSQL skipped)');
  const options = {
    paragraphs: number('--paragraphs', 100_000),
    queries: number('--queries', 300),
    naive: number('--naive', 3, 0),
    slowest: number('--slowest', 0, 0),
    keep: args.includes('--keep'),
    database: value('--database'),
    cluster: !args.includes('--no-cluster'),
    load: (value('--load') === 'triggers' ? 'triggers' : 'bulk') as LoadMode,
  };
  write(`node ${process.version}, ${(await import('node:os')).cpus().length} CPUs`);
  for (const engine of engines) await benchEngine(engine, options);
}
