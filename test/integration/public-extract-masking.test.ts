/**
 * Issue 17: an extract (protokollsutdrag) for the public is drawn from the masked view, never from the
 * original: the personnummer is absent and the marker present, while the internal extract keeps it and its
 * making is logged. A chosen § with an unhandled number refuses the public extract.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { addAgendaItem, createExtract, finaliseMinutes, recordAttendance, updateParagraph } from '../../src/services/meeting-cycle.service.ts';
import { getPersonalDataReview, maskSpan } from '../../src/services/privacy.service.ts';
import { LegalCheckError } from '../../src/errors.ts';
import { queryRows } from '../../src/storage/database.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { pdfToText } from '../support/pdftotext.ts';
import { buildCalledMeeting } from '../support/signed-meeting.ts';

const HELD_ON = '2026-04-14';
const NUMBER = '19121212-1212';


describeOnEachEngine('extracts for the public from the masked view', (database) => {
  let meetingId = '';
  let secretaryId = '';

  beforeAll(async () => {
    const handle = database();
    const called = await buildCalledMeeting(handle, { organization: 'Utdragsförbundet', body: 'Styrelsen', heldOn: HELD_ON, numberInYear: 3, secretary: 'Sara Sekreterare', chair: 'Olle Ordförande' });
    ({ meetingId, secretaryId } = called);
    await recordAttendance(handle.db, meetingId, { entries: [{ personId: called.chairId, present: true }] });
    const first = await addAgendaItem(handle.db, meetingId, { title: 'Ansökan om bidrag', text: 'Ansökan har kommit in.' });
    await updateParagraph(handle.db, first.paragraphId, { decisions: [`Bidrag beviljas sökanden ${NUMBER} med 12 000 kronor.`] });
    await finaliseMinutes(handle, meetingId, { at: new Date(`${HELD_ON}T15:00:00Z`) }, { personId: secretaryId });
  }, 120_000);

  it('refuses a public extract while the § holds an unhandled personnummer, naming the §', async () => {
    const refusal = await createExtract(database(), meetingId, { paragraphs: [1], certifiedBy: 'Sara Sekreterare', certifiedOn: '2026-04-20', recipient: 'public' }, { personId: secretaryId }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LegalCheckError);
    const findings = (refusal as LegalCheckError).findings;
    expect(findings.map((f) => f.paragraph)).toEqual([1]);
    expect(JSON.stringify(findings)).not.toContain(NUMBER);
  });

  it('the public extract has the marker and the reason, not the number; the internal one is the original, logged', async () => {
    const handle = database();
    const review = await getPersonalDataReview(handle.db, meetingId);
    const finding = review.findings.find((f) => f.blocking)!;
    await maskSpan(handle.db, meetingId, { target: finding.target, start: finding.start, end: finding.end, reason: 'OSL 26:1' });

    const publicExtract = await createExtract(handle, meetingId, { paragraphs: [1], certifiedBy: 'Sara Sekreterare', certifiedOn: '2026-04-20' }, { personId: secretaryId });
    expect(publicExtract.recipient).toBe('public');
    const text = pdfToText(publicExtract.pdf);
    expect(text).toContain('Maskerat utdrag');
    expect(text).toContain('[maskerat enligt OSL 26:1]');
    expect(text).toContain('Maskerat enligt OSL 26:1');
    expect(text).not.toContain(NUMBER);
    expect(text.replace(/\D/gu, '')).not.toContain('191212121212');

    const internal = await createExtract(handle, meetingId, { paragraphs: [1], certifiedBy: 'Sara Sekreterare', certifiedOn: '2026-04-20', recipient: 'internal' }, { personId: secretaryId });
    expect(pdfToText(internal.pdf)).toContain(NUMBER);
    const views = await queryRows<{ via: string | null }>(handle.db, sql`select data->>'via' as via from audit_events where entity_id = ${meetingId} and kind = 'personal_data.original_viewed' order by seq`);
    expect(views.map((v) => v.via)).toEqual(['extract']);
    const certified = await queryRows<{ recipient: string }>(handle.db, sql`select data->>'recipient' as recipient from audit_events where entity_id = ${meetingId} and kind = 'extract.certified' order by seq`);
    expect(certified.map((c) => c.recipient)).toEqual(['public', 'internal']);
  });
});
