/**
 * Issue 19: the structured § (proposal with its author, yrkanden with bifall, propositionsordning, decision by
 * vote or acclamation, protokollsanteckningar, jäv with leaving the room, omedelbar justering) is stored and
 * read back whole, both from an interchange document and from an edit of a draft §.
 */
import { expect, it } from 'vitest';
import { addAgendaItem, createBody, createOrganization, planMeeting, updateParagraph } from '../../src/services/meeting-cycle.service.ts';
import { getMinutes, saveMinutes } from '../../src/services/minutes.service.ts';
import { InputError } from '../../src/errors.ts';
import { loadMinutes } from '../../src/storage/index.ts';
import { structuredParagraph } from '../documents/structured-paragraph.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';

describeOnEachEngine('the structured §', (database) => {
  it('reads back every part of an imported § exactly as it was stored', async () => {
    const { db } = database();
    const minutes = buildMinutes({ organization: 'Testförbundet Struktur', paragraphs: [31, 32] });
    minutes.items[0] = structuredParagraph(31);
    const { meetingId } = await saveMinutes(db, minutes);
    expect(JSON.parse(JSON.stringify(await getMinutes(db, meetingId)))).toStrictEqual(JSON.parse(JSON.stringify(minutes)));
  });

  it('keeps the proposal typed when the item was added, and the parts a secretary saves on a draft §', async () => {
    const { db } = database();
    const organization = await createOrganization(db, { name: 'Räddningsförbundet Struktur', organizationType: 'kommunalforbund' });
    const body = await createBody(db, { organizationId: organization.id, name: 'Direktionen' });
    const { meetingId } = await planMeeting(db, { bodyId: body.id, heldOn: '2026-12-10', standardItems: false });
    const { paragraphId } = await addAgendaItem(db, meetingId, { title: 'Taxa', proposal: 'Direktionen antar taxan.\nFrån 2027.' });
    expect((await loadMinutes(db, meetingId)).items[0]!.proposal).toEqual({ text: 'Direktionen antar taxan.\nFrån 2027.', proposedBy: null });

    const wanted = structuredParagraph();
    await updateParagraph(db, paragraphId, {
      proposedBy: 'Förbundsdirektören',
      motions: wanted.motions!,
      propositionOrder: wanted.propositionOrder!,
      decisionMethod: 'acclamation',
      protocolNotes: wanted.protocolNotes!,
      disqualified: ['Lena Höglund', 'Jöns Bäckström'],
      leftRoom: ['Lena Höglund'],
    });
    const item = (await loadMinutes(db, meetingId)).items[0]!;
    expect(item).toMatchObject({
      proposal: { text: 'Direktionen antar taxan.\nFrån 2027.', proposedBy: 'Förbundsdirektören' },
      motions: wanted.motions,
      propositionOrder: wanted.propositionOrder,
      decisionMethod: 'acclamation',
      protocolNotes: wanted.protocolNotes,
      disqualified: ['Lena Höglund', 'Jöns Bäckström'],
      leftRoom: ['Lena Höglund'],
    });

    const refused = await updateParagraph(db, paragraphId, { motions: [{ mover: '', text: 'x' }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).problems[0]!.path).toBe('motions[0].mover');
  });
});
