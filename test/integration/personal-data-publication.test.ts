/**
 * Issue 17, "Done when": personnummer of Skatteverket's test series in a decision, an attendee line and an
 * attachment keep adjusted minutes off every public output and refuse the notice until they are handled;
 * once masked, none of the public HTML, the public PDF (pdftotext), OParl JSON, the feeds, the search
 * results or their snippets contain a number, while the secretary's (logged) view of the original does.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { addDays } from '../../src/domain/legal-dates.ts';
import {
  addAgendaItem,
  attachDocument,
  finaliseMinutes,
  postNotice,
  recordAttendance,
  updateParagraph,
} from '../../src/services/meeting-cycle.service.ts';
import {
  getPersonalDataReview,
  withholdPart,
  maskSpan,
  markFindingReviewed,
  producePublicCopy,
  viewOriginalMinutes,
} from '../../src/services/privacy.service.ts';
import { searchDecisions } from '../../src/services/search.service.ts';
import { LegalCheckError } from '../../src/errors.ts';
import { queryRows } from '../../src/storage/database.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { getPublicMeeting } from '../../src/services/publication.service.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { pdfToText } from '../support/pdftotext.ts';
import { buildCalledMeeting } from '../support/signed-meeting.ts';
import { buildMinutes } from '../support/factories.ts';

const HELD_ON = '2026-04-14';
const TODAY = '2026-04-20';
const NUMBERS = ['19121212-1212', '201212121212', '121212+1212'];
/** Every way a number could leak: as written, and its digits alone. */
const leaks = (text: string) => NUMBERS.filter((n) => text.includes(n) || text.replace(/\D/gu, ' ').includes(n.replace(/\D/gu, '')));


describeOnEachEngine('personal data before publication', (database) => {
  let app: FastifyInstance;
  let meetingId = '';
  let secretaryId = '';
  const paragraphIds: string[] = [];
  let attachmentId = '';
  let secretaryUser: TestUser;

  beforeAll(async () => {
    const handle = database();
    const called = await buildCalledMeeting(handle, { organization: 'Personuppgiftsförbundet', body: 'Styrelsen', heldOn: HELD_ON, numberInYear: 3, secretary: 'Sara Sekreterare', chair: 'Olle Ordförande' });
    ({ meetingId, secretaryId } = called);
    await recordAttendance(handle.db, meetingId, {
      entries: [{ personId: called.chairId, present: true }],
      others: [{ name: 'Greta Gäst', role: 'guest', represents: 'Sökande, pnr 201212121212' }],
    });
    const first = await addAgendaItem(handle.db, meetingId, { title: 'Ansökan om bidrag', text: 'Ansökan har kommit in den 2026-03-01, Dnr 2026/121212.' });
    await updateParagraph(handle.db, first.paragraphId, { decisions: ['Bidrag beviljas sökanden 19121212-1212 med 12 000 kronor.'] });
    const second = await addAgendaItem(handle.db, meetingId, { title: 'Underlag om lokal', text: 'Se bilaga.' });
    await updateParagraph(handle.db, second.paragraphId, { decisions: ['Styrelsen godkänner lokalhyran.'] });
    paragraphIds.push(first.paragraphId, second.paragraphId);
    await attachDocument(handle, second.paragraphId, { title: 'Hyresavtal', bytes: new TextEncoder().encode('Hyresgäst: Kalle Karlsson, 121212+1212, Storgatan 1.'), contentType: 'text/plain; charset=utf-8' });
    attachmentId = (await queryRows<{ id: string }>(handle.db, sql`select id from paragraph_attachments where paragraph_id = ${second.paragraphId}`))[0]!.id;
    await finaliseMinutes(handle, meetingId, { at: new Date(`${HELD_ON}T15:00:00Z`) }, { personId: secretaryId });
    secretaryUser = await buildUser(handle.db, { name: 'Sara Webb', roles: [{ role: 'secretary', organizationId: called.organizationId }] });
    app = await buildApp({ database: handle, today: () => TODAY, publicUrl: 'https://protokoll.example.se' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('finds each number with its place, and holds the adjusted minutes off the public side', async () => {
    const review = await getPersonalDataReview(database().db, meetingId);
    const blocking = review.findings.filter((f) => f.blocking);
    expect(blocking.map((f) => f.text).sort()).toEqual(['121212+1212', '19121212-1212', '201212121212']);
    expect(blocking.map((f) => f.target.kind).sort()).toEqual(['attachment', 'attendee', 'paragraph']);
    expect(review.held).toBe(true);
    // The date, the Dnr and the amount beside them are no personnummer.
    expect(review.findings.filter((f) => f.blocking && f.target.kind === 'paragraph' && f.target.field === 'text')).toEqual([]);
    expect((await app.inject({ url: `/arkiv/sammantraden/${meetingId}` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/protokoll.atom' })).body).not.toContain(meetingId);
    expect((await app.inject({ url: '/oparl/v1/dump.jsonl' })).body).not.toContain(meetingId);
  });

  it('refuses the notice with 422 naming each unhandled number by its place, not by the number', async () => {
    const refusal = await postNotice(database().db, meetingId, { postedOn: addDays(HELD_ON, 2) }, { personId: secretaryId }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LegalCheckError);
    const findings = (refusal as LegalCheckError).findings;
    expect(findings).toHaveLength(3);
    expect(findings.every((f) => f.code === 'personal_identity_number_unhandled')).toBe(true);
    expect(leaks(JSON.stringify(findings))).toEqual([]);
  });

  it('the API answers the notice with 422 and the findings; the web review page shows them, and a bad reason comes back with an error summary', async () => {
    const api = await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/notice`, headers: { ...secretaryUser.headers, 'content-type': 'application/json' }, payload: { postedOn: addDays(HELD_ON, 2) } });
    expect(api.statusCode).toBe(422);
    expect(api.json().error.details.findings.map((f: { code: string }) => f.code)).toContain('personal_identity_number_unhandled');
    const [session] = await queryRows<{ csrf_token: string }>(database().db, sql`select csrf_token from sessions where user_id = ${secretaryUser.userId}`);
    const cookie = `protokoll_session=${encodeURIComponent(secretaryUser.token)}; pk_csrf=${session!.csrf_token}`;
    const page = await app.inject({ url: `/arbetsyta/sammantraden/${meetingId}/personuppgifter`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hålls borta från webben');
    expect(page.body).toContain('<mark>19121212-1212</mark>');
    const review = await getPersonalDataReview(database().db, meetingId);
    const finding = review.findings.find((f) => f.blocking && f.target.kind === 'paragraph')!;
    const target = `paragraph:${finding.target.kind === 'paragraph' ? finding.target.paragraphId : ''}:${finding.target.field}`;
    const refused = await app.inject({
      method: 'POST',
      url: `/arbetsyta/sammantraden/${meetingId}/personuppgifter/maskera`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: session!.csrf_token, target, start: String(finding.start), end: String(finding.end), reason: 'för att' }).toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('error-summary');
    expect(refused.body).toContain('Ange skälet som ”OSL 26:1” eller ”GDPR art. 9”.');
    expect((await getPersonalDataReview(database().db, meetingId)).maskings).toEqual([]);
  });

  it('imported minutes get the same detection: stored adjusted with a personnummer, they are held until it is handled', async () => {
    const handle = database();
    const minutes = buildMinutes({ organization: 'Importförbundet', date: '2020-02-02', paragraphs: [4] });
    minutes.adjustment = { ...minutes.adjustment, date: '2020-02-05' };
    minutes.items[0]!.text = 'Gäldenären 121212+1212 har ansökt om anstånd.';
    const { meetingId: imported } = await saveMinutes(handle.db, minutes);
    await expect(getPublicMeeting(handle, imported)).rejects.toMatchObject({ code: 'meeting_not_found' });
    const [finding] = (await getPersonalDataReview(handle.db, imported)).findings.filter((f) => f.blocking);
    expect(finding).toMatchObject({ text: '121212+1212', handled: null });
    await markFindingReviewed(handle.db, imported, { target: finding!.target, start: finding!.start, end: finding!.end, reason: 'Uppgiften är redan offentlig i domen' });
    expect((await getPublicMeeting(handle, imported)).minutes.items[0]!.text).toContain('121212+1212');
  });

  it('after masking, no public output has a number, while the logged original does', async () => {
    const { db } = database();
    const review = await getPersonalDataReview(db, meetingId);
    for (const f of review.findings.filter((x) => x.blocking && x.target.kind !== 'attendee')) {
      await maskSpan(db, meetingId, { target: f.target, start: f.start, end: f.end, reason: f.target.kind === 'attachment' ? 'GDPR art. 6' : 'OSL 26:1' });
    }
    const attendee = review.findings.find((x) => x.blocking && x.target.kind === 'attendee')!;
    // The no-JS form's way: the exact text to mask.
    await maskSpan(db, meetingId, { target: attendee.target, exactText: '201212121212', reason: 'OSL 26:1' });
    expect((await getPersonalDataReview(db, meetingId)).held).toBe(false);
    // Past the gate: an association keeps no notice, which is the only refusal left.
    await expect(postNotice(db, meetingId, { postedOn: addDays(HELD_ON, 2) }, { personId: secretaryId })).rejects.toMatchObject({ code: 'no_notice_required' });

    const page = await app.inject({ url: `/arkiv/sammantraden/${meetingId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('[maskerat enligt OSL 26:1]');
    expect(leaks(page.body)).toEqual([]);
    const paragraphPage = await app.inject({ url: `/p/${paragraphIds[0]}` });
    expect(paragraphPage.statusCode).toBe(200);
    expect(leaks(paragraphPage.body)).toEqual([]);

    const pdf = await app.inject({ url: `/arkiv/sammantraden/${meetingId}/protokoll.pdf` });
    expect(pdf.statusCode).toBe(200);
    const pdfText = pdfToText(pdf.rawPayload);
    expect(pdfText).toContain('Webbversion');
    expect(pdfText).toContain('[maskerat enligt OSL 26:1]');
    expect(leaks(pdfText)).toEqual([]);

    const dump = await app.inject({ url: '/oparl/v1/dump.jsonl' });
    expect(dump.body).toContain(meetingId);
    expect(leaks(dump.body)).toEqual([]);
    // The attachment whose text is masked is handed out as no file.
    expect((await app.inject({ url: `/arkiv/bilagor/${attachmentId}` })).statusCode).not.toBe(200);

    for (const feed of ['/protokoll.atom', '/anslagstavla.atom', '/kalender.ics']) {
      const response = await app.inject({ url: feed });
      expect(leaks(response.body), feed).toEqual([]);
    }

    for (const query of ['19121212-1212', '191212121212', 'bidrag', 'sökanden']) {
      const result = await searchDecisions(db, { query, audience: 'public', pageSize: 50, filters: {} });
      expect(leaks(JSON.stringify(result)), query).toEqual([]);
      const web = await app.inject({ url: `/sok?q=${encodeURIComponent(query)}` });
      // The search box shows what was typed; nothing else may carry a number.
      const shown = web.body.split(query).join('').split(encodeURIComponent(query)).join('');
      expect(leaks(shown), query).toEqual([]);
    }
    const found = await searchDecisions(db, { query: 'bidrag', audience: 'public', pageSize: 50, filters: {} });
    expect(found.hits.some((h) => h.paragraphId === paragraphIds[0])).toBe(true);

    const original = await viewOriginalMinutes(db, meetingId, { personId: secretaryId, userId: null });
    expect(JSON.stringify(original)).toContain('19121212-1212');
    expect(JSON.stringify(original)).toContain('201212121212');
    const exported = await app.inject({ url: `/api/meetings/${meetingId}/minutes.html`, headers: secretaryUser.headers });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('19121212-1212');
    const views = await queryRows<{ via: string | null }>(db, sql`select data->>'via' as via from audit_events where entity_id = ${meetingId} and kind = 'personal_data.original_viewed' order by seq`);
    expect(views.map((v) => v.via)).toEqual([null, 'api.minutes.html']);
  });

  it('hands out a masked copy on request, with the reasons, and logs what was handed out', async () => {
    const handle = database();
    const copy = await producePublicCopy(handle, meetingId, { requestedBy: 'Journalist på Lokaltidningen', handedOutOn: TODAY });
    const text = pdfToText(copy.pdf);
    expect(text).toContain('Maskerad kopia');
    expect(text).toContain('Maskerat enligt OSL 26:1');
    expect(leaks(text)).toEqual([]);
    const [logged] = await queryRows<{ data: { sha256: string; requestedBy: string } }>(handle.db, sql`select data from audit_events where entity_id = ${meetingId} and kind = 'public_copy.handed_out'`);
    expect(logged!.data.sha256).toBe(copy.sha256);
    expect(logged!.data.requestedBy).toBe('Journalist på Lokaltidningen');
  });

  it('a finding marked as reviewed with a reason stops blocking; a reason is required', async () => {
    const { db } = database();
    const review = await getPersonalDataReview(db, meetingId);
    const address = review.findings.find((f) => f.kind === 'street_address');
    expect(address).toBeDefined();
    await expect(markFindingReviewed(db, meetingId, { target: address!.target, start: address!.start, end: address!.end, reason: ' ' })).rejects.toMatchObject({ code: 'missing_value' });
    await markFindingReviewed(db, meetingId, { target: address!.target, start: address!.start, end: address!.end, reason: 'Förbundets egen lokal' });
    const after = await getPersonalDataReview(db, meetingId);
    expect(after.findings.find((f) => f.kind === 'street_address')?.handled).toBe('reviewed');
  });

  it('a § withheld whole shows its title when chosen, its reason, and nothing of its content anywhere public', async () => {
    const handle = database();
    await withholdPart(handle.db, meetingId, { kind: 'paragraph', targetId: paragraphIds[1]!, reason: 'OSL 39:3', showTitle: true });
    const page = await app.inject({ url: `/arkiv/sammantraden/${meetingId}` });
    expect(page.body).toContain('Underlag om lokal');
    expect(page.body).toContain('OSL 39:3');
    expect(page.body).not.toContain('lokalhyran');
    expect((await app.inject({ url: `/p/${paragraphIds[1]}` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/oparl/v1/dump.jsonl' })).body).not.toContain('lokalhyran');
    expect((await searchDecisions(handle.db, { query: 'lokalhyran', audience: 'public', pageSize: 10, filters: {} })).total).toBe(0);
    const pdf = pdfToText((await app.inject({ url: `/arkiv/sammantraden/${meetingId}/protokoll.pdf` })).rawPayload);
    expect(pdf).toContain('Underlag om lokal');
    expect(pdf).not.toContain('lokalhyran');
  });
});
