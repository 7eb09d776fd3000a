import { expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createHash } from 'node:crypto';
import { buildApp } from '../../src/api/app.ts';
import { verifyPdf } from '../../src/documents/pades/index.ts';
import { noticeDates, swedishDateOf } from '../../src/domain/legal-dates.ts';
import { ruleProfileFor } from '../../src/domain/rule-profile.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';

interface Minutes {
  items: { number: number | null; title: string; decisions: string[]; votes?: unknown[]; reservations?: unknown[] }[];
  attendees: { name: string; role: string; voting: boolean | null; servingFor?: string | null }[];
  adjustment: { adjusters: string[] };
  paragraphRange: { first: number; last: number } | null;
}

async function pdfText(bytes: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = '';
  for (let page = 1; page <= document.numPages; page++) {
    const content = await (await document.getPage(page)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
  }
  return text;
}

describeOnEachEngine('the meeting cycle through the API', (database) => {
  let app: FastifyInstance;

  it('runs from planning to an adjusted, noticed protocol that can no longer change', async () => {
    app = await buildApp({ database: database(), web: false });
    const { db } = database();
    const admin = await buildUser(db, { name: 'Admin Adminsson', isAdministrator: true });
    const call = async (user: TestUser | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
      app.inject({ method, url, headers: user?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
    const id = (response: LightMyRequestResponse) => {
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { id: string }).id;
    };

    // Registers: a kommunalförbund, its board of three members and one substitute, and a secretary.
    const organizationId = id(await call(admin, 'POST', '/api/organizations', { name: 'Räddningsförbundet Norrvik', organizationType: 'kommunalforbund' }));
    const bodyId = id(await call(admin, 'POST', '/api/bodies', { organizationId, name: 'Direktionen', seats: 3 }));
    const person = async (name: string) => id(await call(admin, 'POST', '/api/persons', { name }));
    const [anna, bo, cecilia, dora, erik] = [await person('Anna Ek'), await person('Bo Gran'), await person('Cecilia Alm'), await person('Dora Lind'), await person('Erik Skrivare')];
    const mandate = async (personId: string, role: string, party: string, substituteRank?: number) =>
      id(await call(admin, 'POST', `/api/bodies/${bodyId}/mandates`, { personId, role, party, ...(substituteRank ? { substituteRank } : {}), startsOn: '2023-01-01', endsOn: '2026-12-31' }));
    await mandate(anna, 'chair', 'S');
    await mandate(bo, 'member', 'M');
    await mandate(cecilia, 'member', 'C');
    await mandate(dora, 'substitute', 'C', 1);
    const secretary = await buildUser(db, { name: 'Erik Skrivare', personId: erik, roles: [{ role: 'secretary', organizationId }] });
    const chair = await buildUser(db, { name: 'Anna Ek', personId: anna });
    const adjuster = await buildUser(db, { name: 'Bo Gran', personId: bo });
    const substitute = await buildUser(db, { name: 'Dora Lind', personId: dora });

    // A member may not plan meetings; the secretary may.
    expect((await call(adjuster, 'POST', '/api/meetings', { bodyId, heldOn: '2026-03-12' })).statusCode).toBe(403);
    expect((await call(null, 'POST', '/api/meetings', { bodyId, heldOn: '2026-03-12' })).statusCode).toBe(401);

    // An earlier meeting of the year takes §§ 1–8 (its standard items); the next meeting's §§ continue from there.
    id(await call(secretary, 'POST', '/api/meetings', { bodyId, heldOn: '2026-02-05', start: '09:00' }));
    const meetingId = id(await call(secretary, 'POST', '/api/meetings', { bodyId, heldOn: '2026-03-12', start: '13:00', end: '15:30', location: 'Brandstationen, Norrvik' }));
    const titles = ['Budget 2027', 'Ny brandstation i Åby', 'Taxa för tillsyn'];
    const added: { id: string; number: number }[] = [];
    for (const [index, title] of titles.entries()) {
      const response = await call(secretary, 'POST', `/api/meetings/${meetingId}/agenda`, { title, caseNumber: `2026/${10 + index}` });
      expect(response.statusCode).toBe(201);
      added.push(response.json() as { id: string; number: number });
    }
    let overview = (await call(secretary, 'GET', `/api/meetings/${meetingId}`)).json() as { minutes: Minutes; paragraphIds: string[] };
    const numbers = overview.minutes.items.map((i) => i.number);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 9 + i));
    expect(overview.minutes.items.slice(4, 7).map((i) => i.title)).toEqual(titles);

    // Underlag to the budget §: stored by its hash, named as a bilaga, downloadable by members.
    const underlag = Buffer.from('%PDF-1.4\n% Fiktivt budgetunderlag\n');
    const attached = await app.inject({
      method: 'POST',
      url: `/api/paragraphs/${added[0]!.id}/attachments?title=${encodeURIComponent('Budgetförslag 2027')}`,
      headers: { ...secretary.headers, 'content-type': 'application/pdf' },
      payload: underlag,
    });
    expect(attached.statusCode, attached.body).toBe(201);
    const { fileId } = attached.json() as { fileId: string };
    const documents = ((await call(secretary, 'GET', `/api/meetings/${meetingId}`)).json() as { documents: { title: string; fileId: string }[] }).documents;
    expect(documents).toEqual([expect.objectContaining({ title: 'Budgetförslag 2027', fileId })]);
    const download = await call(adjuster, 'GET', `/api/files/${fileId}`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(underlag)).toBe(true);
    const outsider = await buildUser(db, { name: 'Annan Kommun' });
    expect((await call(outsider, 'GET', `/api/files/${fileId}`)).statusCode).toBe(404);
    const executable = await app.inject({
      method: 'POST',
      url: `/api/paragraphs/${added[0]!.id}/attachments?title=Program`,
      headers: { ...secretary.headers, 'content-type': 'application/x-msdownload' },
      payload: Buffer.from('MZ'),
    });
    expect(executable.statusCode).toBe(415);

    // Kallelse to every member and substitute. The meeting's date is fixed and the clock is real, so the
    // kallelse may be late (a warning of the legal checks): the reason is given either way.
    const kallelse = await call(secretary, 'POST', `/api/meetings/${meetingId}/kallelse`, { legalReason: 'Testet skickar kallelsen i efterhand.' });
    expect(kallelse.statusCode, kallelse.body).toBe(200);
    expect(kallelse.json()).toMatchObject({ invited: 4 });

    // Roll-call: Cecilia is absent and Dora serves for her; Bo adjusts.
    const roll = await call(secretary, 'PUT', `/api/meetings/${meetingId}/attendance`, {
      entries: [
        { personId: anna, present: true },
        { personId: bo, present: true },
        { personId: cecilia, present: false },
        { personId: dora, present: true },
      ],
      pickSubstitutes: true,
      others: [{ name: 'Erik Skrivare', role: 'secretary', personId: erik }],
      adjusterPersonIds: [bo],
    });
    expect(roll.statusCode, roll.body).toBe(200);
    expect(roll.json()).toMatchObject({ quorum: { quorate: true, votingCount: 3, required: 2 }, servingSubstitutes: [{ memberId: cecilia, substituteId: dora }] });

    // Three §§: a vote and a reservation in the second.
    const [budget, station, tariff] = added;
    expect((await call(secretary, 'PATCH', `/api/paragraphs/${budget!.id}`, { text: 'Förslag till budget har beretts.', decisions: ['Direktionen fastställer budget 2027.'], attachments: ['Budgetförslag 2027'] })).statusCode).toBe(204);
    const tooMany = await call(secretary, 'PATCH', `/api/paragraphs/${station!.id}`, { votes: [{ question: 'Bifall mot avslag', yes: 3, no: 1, abstain: 0 }] });
    expect(tooMany.statusCode).toBe(400);
    expect((tooMany.json() as { error: { details: { problems: { path: string; code: string }[] } } }).error.details.problems[0]).toMatchObject({ path: 'votes[0]' });
    const vote = {
      question: 'Bifall till förslaget mot avslag',
      yes: 2,
      no: 1,
      abstain: 0,
      roll: [
        { name: 'Anna Ek', party: 'S', vote: 'yes' },
        { name: 'Bo Gran', party: 'M', vote: 'yes' },
        { name: 'Dora Lind', party: 'C', vote: 'no' },
      ],
      result: 'Direktionen beslutar enligt förslaget.',
    };
    expect(
      (await call(secretary, 'PATCH', `/api/paragraphs/${station!.id}`, {
        decisions: ['Direktionen godkänner förstudien.', 'Förbundsdirektören får i uppdrag att upphandla.'],
        votes: [vote],
        reservations: [{ name: 'Dora Lind', party: 'C', reason: 'Till förmån för eget yrkande om avslag.' }],
      })).statusCode,
    ).toBe(204);
    expect((await call(secretary, 'PATCH', `/api/paragraphs/${tariff!.id}`, { decisions: ['Taxan antas.'] })).statusCode).toBe(204);
    expect((await call(adjuster, 'PATCH', `/api/paragraphs/${tariff!.id}`, { decisions: ['Något annat'] })).statusCode).toBe(403);

    overview = (await call(secretary, 'GET', `/api/meetings/${meetingId}`)).json() as { minutes: Minutes; paragraphIds: string[] };
    const stationItem = overview.minutes.items.find((i) => i.title === 'Ny brandstation i Åby')!;
    expect(stationItem.votes).toEqual([vote]);
    expect(stationItem.reservations).toEqual([{ name: 'Dora Lind', party: 'C', reason: 'Till förmån för eget yrkande om avslag.' }]);
    expect(overview.minutes.attendees.find((a) => a.name === 'Dora Lind')).toMatchObject({ role: 'substitute', voting: true, servingFor: 'Cecilia Alm' });
    expect(overview.minutes.adjustment.adjusters).toEqual(['Bo Gran']);
    // Naming the bilagor again keeps the file stored with the title.
    expect((overview as unknown as { documents: { fileId: string }[] }).documents.map((d) => d.fileId)).toEqual([fileId]);

    // Signing before finalising is refused; the secretary finalises.
    expect((await call(chair, 'POST', `/api/meetings/${meetingId}/signatures`, {})).statusCode).toBe(409);
    const finalised = await call(secretary, 'POST', `/api/meetings/${meetingId}/finalise`);
    expect(finalised.statusCode, finalised.body).toBe(200);
    const { sha256 } = finalised.json() as { sha256: string };
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);

    // Someone who is neither chair nor adjuster cannot sign; a stale document cannot be signed.
    const stranger = await call(substitute, 'POST', `/api/meetings/${meetingId}/signatures`, {});
    expect(stranger.statusCode).toBe(409);
    expect((stranger.json() as { error: { code: string } }).error.code).toBe('not_a_signer');
    expect(((await call(chair, 'POST', `/api/meetings/${meetingId}/signatures`, { documentSha256: '0'.repeat(64) })).json() as { error: { code: string } }).error.code).toBe('document_changed');

    // Signed today, after the fixed meeting date: the justering may be late, which the chair gives a reason for.
    const chairSigned = await call(chair, 'POST', `/api/meetings/${meetingId}/signatures`, { documentSha256: sha256, legalReason: 'Testet justerar i efterhand.' });
    expect(chairSigned.json()).toMatchObject({ adjusted: false });
    const twice = await call(chair, 'POST', `/api/meetings/${meetingId}/signatures`, { documentSha256: sha256 });
    expect((twice.json() as { error: { code: string } }).error.code).toBe('already_signed');

    const adjusterSigned = await call(adjuster, 'POST', `/api/meetings/${meetingId}/signatures`, { documentSha256: sha256 });
    expect(adjusterSigned.statusCode, adjusterSigned.body).toBe(200);
    const today = swedishDateOf(new Date().toISOString());
    const expectedDates = noticeDates({ adjustedOn: today, postedOn: today, profile: ruleProfileFor({ organisationType: 'kommunalforbund', bodyKind: 'decision_making' }) })!;
    expect(adjusterSigned.json()).toEqual({
      adjusted: true,
      adjustedOn: today,
      notice: { postedOn: today, lastAppealOn: expectedDates.lastAppealOn, postedUntilOn: expectedDates.postedUntilOn, takeDownOn: expectedDates.takeDownOn, storage: 'Räddningsförbundet Norrvik' },
    });

    const signed = (await call(secretary, 'GET', `/api/meetings/${meetingId}`)).json() as {
      meeting: { status: string };
      signatures: { role: string; status: string; documentSha256: string | null; signedAt: string | null }[];
    };
    expect(signed.meeting.status).toBe('adjusted');
    expect(signed.signatures.map((s) => [s.role, s.status, s.documentSha256])).toEqual([
      ['secretary', 'signed', sha256],
      ['chair', 'signed', sha256],
      ['adjuster', 'signed', sha256],
    ]);

    // The adjusted PDF is the finalised document, byte for byte, with one PAdES signature per signer and the seal appended.
    const signedPdf = await call(secretary, 'GET', `/api/meetings/${meetingId}/minutes.pdf`);
    expect(signedPdf.headers['content-type']).toBe('application/pdf');
    const signedText = (await pdfText(signedPdf.rawPayload)).replace(/\s+/g, ' ');
    expect(signedText).toContain('Elektroniska underskrifter');
    expect(signedText).toContain('Ordförande Anna Ek');
    const verification = await verifyPdf(signedPdf.rawPayload);
    expect(verification.signatures.map((s) => [s.fieldName, s.name, s.reason])).toEqual([
      ['Signatur 1', 'Erik Skrivare', 'Justering: sekreterare'],
      ['Signatur 2', 'Anna Ek', 'Justering: ordförande'],
      ['Signatur 3', 'Bo Gran', 'Justering: justerare'],
      ['Sigill', 'Räddningsförbundet Norrvik', 'Justerat protokoll, förseglat av organisationen'],
    ]);
    expect(verification.allValid).toBe(true);
    expect(verification.unchangedSinceLastSignature).toBe(true);
    const firstEof = signedPdf.rawPayload.indexOf('%%EOF') + '%%EOF'.length;
    const prefixHashes = [0, 1, 2].map((eol) => createHash('sha256').update(signedPdf.rawPayload.subarray(0, firstEof + eol)).digest('hex'));
    expect(prefixHashes).toContain(sha256);
    // The header names the §§ the protocol covers, found from the numbered items since nobody typed a range.
    const itemNumbers = overview.minutes.items.map((i) => i.number!);
    expect(overview.minutes.paragraphRange).toEqual({ first: Math.min(...itemNumbers), last: Math.max(...itemNumbers) });
    expect(signedText).toContain(`Paragrafer §§ ${Math.min(...itemNumbers)}–${Math.max(...itemNumbers)}`);

    // A certified extract of two §§.
    const extract = await call(secretary, 'POST', `/api/meetings/${meetingId}/extracts`, { paragraphs: [station!.number, tariff!.number], certifiedBy: 'Erik Skrivare', certifiedOn: today });
    expect(extract.statusCode, extract.body.slice(0, 200)).toBe(201);
    expect(extract.headers['content-type']).toBe('application/pdf');
    const extractText = await pdfText(extract.rawPayload);
    expect(extractText).toContain('Ny brandstation i Åby');
    expect(extractText).toContain('Taxa för tillsyn');
    expect(extractText).not.toContain('Budget 2027');

    // The adjusted protocol never changes.
    const before = (await call(secretary, 'GET', `/api/meetings/${meetingId}/minutes`)).body;
    const edit = await call(secretary, 'PATCH', `/api/paragraphs/${tariff!.id}`, { decisions: ['Taxan antas inte.'] });
    expect(edit.statusCode).toBe(409);
    expect((edit.json() as { error: { code: string } }).error.code).toBe('minutes_already_adjusted');
    expect((await call(secretary, 'POST', `/api/meetings/${meetingId}/agenda`, { title: 'Sent tillägg' })).statusCode).toBe(409);
    expect((await call(secretary, 'GET', `/api/meetings/${meetingId}/minutes`)).body).toBe(before);
  });

  it('refuses to finalise minutes that name no adjuster when the rules require one', async () => {
    app ??= await buildApp({ database: database(), web: false });
    const { db } = database();
    const admin = await buildUser(db, { name: 'Admin Två', isAdministrator: true });
    const post = async (url: string, payload?: unknown) =>
      app.inject({ method: 'POST', url, headers: admin.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    const organizationId = (await post('/api/organizations', { name: 'Förbundet Utan Justerare', organizationType: 'municipal' })).json().id as string;
    const bodyId = (await post('/api/bodies', { organizationId, name: 'Nämnden', seats: 1 })).json().id as string;
    const personId = (await post('/api/persons', { name: 'Olle Ordf' })).json().id as string;
    await post(`/api/bodies/${bodyId}/mandates`, { personId, role: 'chair' });
    const secretaryPerson = (await post('/api/persons', { name: 'Sara Sekr' })).json().id as string;
    const secretary = await buildUser(db, { name: 'Sara Sekr', personId: secretaryPerson, roles: [{ role: 'secretary', bodyId }] });
    const meetingId = (await app.inject({ method: 'POST', url: '/api/meetings', headers: secretary.headers, payload: { bodyId, heldOn: '2026-04-01' } })).json().id as string;
    await app.inject({ method: 'PUT', url: `/api/meetings/${meetingId}/attendance`, headers: secretary.headers, payload: { entries: [{ personId, present: true }] } });
    const response = await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/finalise`, headers: secretary.headers });
    expect(response.statusCode).toBe(409);
    expect((response.json() as { error: { code: string } }).error.code).toBe('no_adjuster');
    const overview = (await app.inject({ method: 'GET', url: `/api/meetings/${meetingId}`, headers: secretary.headers })).json() as { meeting: { status: string; minutesSha256: string | null } };
    expect(overview.meeting).toMatchObject({ status: 'held', minutesSha256: null });
  });

  it('refuses attendance by someone without a mandate in the body, naming the entry', async () => {
    app ??= await buildApp({ database: database(), web: false });
    const { db } = database();
    const admin = await buildUser(db, { name: 'Admin Tre', isAdministrator: true });
    const post = async (url: string, payload?: unknown) =>
      app.inject({ method: 'POST', url, headers: admin.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    const organizationId = (await post('/api/organizations', { name: 'Förbundet Mandatkoll', organizationType: 'samordningsforbund' })).json().id as string;
    const bodyId = (await post('/api/bodies', { organizationId, name: 'Styrelsen', seats: 2 })).json().id as string;
    const member = (await post('/api/persons', { name: 'Mia Medlem' })).json().id as string;
    const outsider = (await post('/api/persons', { name: 'Utan Mandat' })).json().id as string;
    await post(`/api/bodies/${bodyId}/mandates`, { personId: member, role: 'member', startsOn: '2026-01-01' });
    const meetingId = (await post('/api/meetings', { bodyId, heldOn: '2026-05-05' })).json().id as string;
    const response = await app.inject({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/attendance`,
      headers: admin.headers,
      payload: { entries: [{ personId: member, present: true }, { personId: outsider, present: true }] },
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as { error: { details: { problems: { path: string; code: string }[] } } }).error.details.problems).toEqual([
      expect.objectContaining({ path: 'entries[1].personId', code: 'no_mandate' }),
    ]);
  });
});

describeOnEachEngine('§ numbers through the year', (database) => {
  it('moves the §§ of a meeting planned later when an earlier agenda grows, but never a § adjusted at the meeting', async () => {
    const { db } = database();
    const { createOrganization, createBody, planMeeting, addAgendaItem, getMeetingOverview, adjustParagraphAtMeeting } = await import(
      '../../src/services/meeting-cycle.service.ts'
    );
    const organization = await createOrganization(db, { name: 'Numreringsförbundet', organizationType: 'kommunalforbund' });
    const body = await createBody(db, { organizationId: organization.id, name: 'Direktionen', seats: 3 });
    const june = await planMeeting(db, { bodyId: body.id, heldOn: '2026-06-10' });
    const september = await planMeeting(db, { bodyId: body.id, heldOn: '2026-09-10' });
    const numbersOf = async (meetingId: string) =>
      (await getMeetingOverview(db, meetingId, { today: '2026-06-01' })).minutes.items.map((i) => i.number);
    expect(await numbersOf(june.meetingId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await numbersOf(september.meetingId)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);

    await addAgendaItem(db, june.meetingId, { title: 'Budget' });
    expect(await numbersOf(june.meetingId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await numbersOf(september.meetingId)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);

    // A meeting planned between them takes its place in the order.
    const august = await planMeeting(db, { bodyId: body.id, heldOn: '2026-08-20', standardItems: false });
    await addAgendaItem(db, august.meetingId, { title: 'Extra ärende' });
    expect(await numbersOf(august.meetingId)).toEqual([10]);
    expect((await numbersOf(september.meetingId))[0]).toBe(11);

    // § 5 of June is adjusted at the meeting: an item before it would move it, and is refused.
    await adjustParagraphAtMeeting(db, june.meetingId, { paragraph: 5, on: '2026-06-10' }, { personId: organization.id });
    const refused = await addAgendaItem(db, june.meetingId, { title: 'För tidigt', position: 0 }).catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe('paragraph_already_adjusted');
    expect(await numbersOf(june.meetingId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await addAgendaItem(db, june.meetingId, { title: 'Efteråt' });
    expect(await numbersOf(june.meetingId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describeOnEachEngine('minutes that only the secretary signs', (database) => {
  it('are adjusted when finalised, where the rules of an association ask nobody else to sign', async () => {
    const handle = database();
    const cycle = await import('../../src/services/meeting-cycle.service.ts');
    const organization = await cycle.createOrganization(handle.db, { name: 'Föreningen Nätverket', organizationType: 'association' });
    const body = await cycle.createBody(handle.db, { organizationId: organization.id, name: 'Styrelsen', seats: 1, rules: { adjusterCount: 0, signerRoles: ['secretary'] } });
    const secretary = await cycle.createPerson(handle.db, { name: 'Sekreteraren' });
    const { meetingId } = await cycle.planMeeting(handle.db, { bodyId: body.id, heldOn: '2026-02-02' });
    // The stadgar ask for a kallelse a week ahead; finalising minutes of a meeting nobody was called to is refused.
    await cycle.sendMeetingNotice(handle, meetingId, { sentAt: new Date('2026-01-20T09:00:00Z') }, { personId: secretary.id });
    await cycle.finaliseMinutes(handle, meetingId, { at: new Date('2026-02-03T10:00:00Z') }, { personId: secretary.id });
    const overview = await cycle.getMeetingOverview(handle.db, meetingId, { today: '2026-02-03' });
    expect(overview.meeting.status).toBe('adjusted');
    // An association keeps no statutory notice.
    expect(overview.clocks.notice).toBeNull();
    const refused = await cycle.createBody(handle.db, {
      organizationId: (await cycle.createOrganization(handle.db, { name: 'Kommunalförbundet Regel', organizationType: 'kommunalforbund' })).id,
      name: 'Direktionen',
      rules: { adjusterCount: 0 },
    }).catch((e: unknown) => e);
    expect((refused as { problems?: { code: string }[] }).problems?.[0]?.code).toBe('statutory_rule_not_overridable');
  });
});
