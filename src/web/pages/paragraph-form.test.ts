import { describe, expect, it } from 'vitest';
import { decisionsOf, fieldOfParagraphPath, parseParagraphForm } from './paragraph-form.pages.ts';

describe('the § form as typed', () => {
  it('reads one att-clause per line, or points separated by empty lines with their line breaks kept', () => {
    expect(decisionsOf('att anta taxan\r\natt taxan gäller 2027\r\n')).toEqual(['att anta taxan', 'att taxan gäller 2027']);
    expect(decisionsOf('Styrelsen noterar:\nförsta raden\nandra raden\n\natt godkänna rapporten')).toEqual([
      'Styrelsen noterar:\nförsta raden\nandra raden',
      'att godkänna rapporten',
    ]);
  });

  it('reads yrkanden, named votes with counted totals, anteckningar and jäv; empty rows are left out', () => {
    const { changes, problems } = parseParagraphForm({
      title: 'Taxa',
      version: '3',
      proposal: 'Styrelsen antar taxan.\r\nFrån 2027.',
      proposedBy: 'Förvaltningen',
      motionRows: '3',
      'motionMover-0': 'Åsa Ödmark (S)',
      'motionText-0': 'bifall till förslaget',
      'motionSupport-0': 'Märta Åkesson, Ingvar Åström',
      'motionOther-2': 'Jöns Bäckström (V)',
      'motionText-2': 'att ärendet återremitteras',
      decisionMethod: 'vote',
      voteQuestion: 'Ja för förslaget, nej för återremiss',
      'rollName-0': 'Åsa Ödmark (S)',
      'roll-0': 'yes',
      'rollName-1': 'Jöns Bäckström (V)',
      'roll-1': 'no',
      'rollName-2': 'Örjan Sjöblom (M)',
      'roll-2': '',
      protocolNotes: 'Örjan Sjöblom (M): Taxan bör följas upp.',
      'javName-0': 'Lena Höglund',
      'jav-0': 'left',
      'javName-1': 'Åsa Ödmark',
      'jav-1': '',
    });
    expect(problems).toEqual([]);
    expect(changes).toMatchObject({
      version: 3,
      proposal: 'Styrelsen antar taxan.\nFrån 2027.',
      proposedBy: 'Förvaltningen',
      motions: [
        { mover: 'Åsa Ödmark', party: 'S', text: 'bifall till förslaget', supportedBy: ['Märta Åkesson', 'Ingvar Åström'] },
        { mover: 'Jöns Bäckström', party: 'V', text: 'att ärendet återremitteras', supportedBy: [] },
      ],
      decisionMethod: 'vote',
      votes: [
        {
          question: 'Ja för förslaget, nej för återremiss',
          yes: 1,
          no: 1,
          abstain: 0,
          roll: [
            { name: 'Åsa Ödmark', party: 'S', vote: 'yes' },
            { name: 'Jöns Bäckström', party: 'V', vote: 'no' },
          ],
        },
      ],
      protocolNotes: [{ name: 'Örjan Sjöblom', party: 'M', text: 'Taxan bör följas upp.' }],
      disqualified: ['Lena Höglund'],
      leftRoom: ['Lena Höglund'],
    });
  });

  it('points a yrkande without mover or text at that row, and a note without text at its field', () => {
    const { problems } = parseParagraphForm({ title: 'Taxa', motionRows: '2', 'motionText-1': 'avslag', protocolNotes: 'Örjan Sjöblom' });
    expect(problems.map((p) => [fieldOfParagraphPath(p.path), p.code])).toEqual([
      ['motionMover-1', 'motion_without_mover'],
      ['protocolNotes', 'note_without_text'],
    ]);
  });
});
