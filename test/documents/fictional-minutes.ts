/**
 * Fictional minutes for the documents tests and the render bench: a förbund board with serving
 * substitutes, remote participants, votes, reservations, jäv and an anslag. Every name is invented.
 */
import type { Minutes, MinutesItem } from '../../src/domain/minutes.ts';

const topics = [
  ['Val av justerare', null],
  ['Godkännande av dagordning', null],
  ['Tertialuppföljning med helårsprognos', 'SBF 2024/31'],
  ['Revidering av delegationsordningen', 'SBF 2024/12'],
  ['Remissvar om regional avfallsplan för Sjöbygden', 'SBF 2024/40'],
  ['Anmälan av delegationsbeslut', null],
  ['Fyllnadsval av ersättare till Älvdalens vattenråd', 'SBF 2024/44'],
  ['Internkontrollplan för år 2025', 'SBF 2024/47'],
  ['Budget och verksamhetsplan 2025–2027', 'SBF 2024/22'],
  ['Information från förbundsdirektören', null],
] as const;

const people = {
  chair: { name: 'Åsa Ödmark', party: 'S', represents: 'Norrsjö kommun' },
  vice: { name: 'Örjan Sjöblom', party: 'M', represents: 'Älvby kommun' },
  members: [
    { name: 'Märta Åkesson', party: 'C', represents: 'Gråbergs kommun' },
    { name: 'Jöns Bäckström', party: 'V', represents: 'Norrsjö kommun' },
    { name: 'Lena Höglund', party: 'KD', represents: 'Åbyns kommun' },
  ],
};

function item(number: number, index: number): MinutesItem {
  const [title, caseNumber] = topics[index % topics.length]!;
  const base: MinutesItem = {
    number,
    title: index < topics.length ? title : `${title} (del ${Math.floor(index / topics.length) + 1})`,
    caseNumber: caseNumber ?? null,
    presenters: index % 3 === 2 ? ['Göran Nyström'] : [],
    decisions:
      index % 4 === 1
        ? []
        : index % 4 === 2
          ? [`Förbundsstyrelsen fastställer ärende ${number} enligt förvaltningens förslag.`]
          : ['godkänna förvaltningens förslag till beslut', 'uppdra åt förbundsdirektören att återrapportera senast i december'],
    attachments: index % 5 === 4 ? [`Tjänsteskrivelse ${number}`, `Sammanställning till § ${number}`] : [],
    text:
      `Ärendet gäller ${title.toLowerCase()}. Förvaltningen har berett frågan tillsammans med medlemskommunerna ` +
      'och redovisar underlaget för styrelsen. Underlaget har skickats ut i god tid före sammanträdet och ' +
      'synpunkter från samrådet med medlemskommunerna har arbetats in i förslaget.\n\n' +
      'Under överläggningen lyfts frågor om kostnadsfördelningen mellan kommunerna, om tidplanen för genomförandet ' +
      'och om hur uppföljningen ska redovisas för förbundsstyrelsen under kommande år.',
  };
  if (index % 10 === 8) {
    base.votes = [
      {
        question: 'Ordförandens förslag mot Jöns Bäckströms (V) yrkande om återremiss',
        yes: 4,
        no: 1,
        abstain: 0,
        roll: [
          { name: 'Åsa Ödmark', party: 'S', vote: 'yes' },
          { name: 'Örjan Sjöblom', party: 'M', vote: 'yes' },
          { name: 'Märta Åkesson', party: 'C', vote: 'yes' },
          { name: 'Jöns Bäckström', party: 'V', vote: 'no' },
          { name: 'Ingvar Åström', party: 'S', vote: 'yes' },
        ],
        result: 'Förbundsstyrelsen beslutar enligt ordförandens förslag.',
      },
    ];
    base.reservations = [{ name: 'Jöns Bäckström', party: 'V', reason: 'till förmån för eget yrkande om återremiss' }];
  }
  if (index % 10 === 6) base.disqualified = ['Lena Höglund'];
  return base;
}

/** A fictional protocol with `count` §§ numbered from `first`. */
export function buildFictionalMinutes(options: { count?: number; first?: number } = {}): Minutes {
  const count = options.count ?? 12;
  const first = options.first ?? 31;
  return {
    kind: 'protocol',
    organization: 'Sjöbygdens kommunalförbund',
    body: 'Förbundsstyrelsen',
    meeting: { date: '2024-09-26', start: '09:00', end: '15:30', location: 'Förbundshuset, Sammanträdesrum Forsen', remote: false },
    paragraphRange: { first, last: first + count - 1 },
    adjustment: { adjusters: ['Märta Åkesson'], date: '2024-10-03', place: 'Förbundskansliet' },
    signatures: [
      { role: 'secretary', name: 'Karl-Åke Lindqvist', signedAt: '2024-10-02T14:05:00+02:00' },
      { role: 'chair', name: 'Åsa Ödmark', signedAt: '2024-10-03T08:40:00+02:00' },
      { role: 'adjuster', name: 'Märta Åkesson', signedAt: '2024-10-03T10:15:00+02:00' },
    ],
    notice: { postedFrom: '2024-10-04', postedUntil: '2024-10-28', storage: 'Förbundskansliet, Storgatan 4, Norrsjö' },
    attendees: [
      { ...people.chair, role: 'chair', voting: true, remote: false, paragraphs: null },
      { ...people.vice, role: 'vice-chair', voting: true, remote: false, paragraphs: null },
      { ...people.members[0]!, role: 'member', voting: true, remote: false, paragraphs: null },
      { ...people.members[1]!, role: 'member', voting: true, remote: true, paragraphs: `${first}-${first + 4}` },
      {
        name: 'Ingvar Åström',
        party: 'S',
        represents: 'Åbyns kommun',
        role: 'substitute',
        voting: true,
        remote: false,
        paragraphs: null,
        servingFor: 'Lena Höglund',
      },
      { name: 'Sofia Ärlig', party: 'L', represents: 'Gråbergs kommun', role: 'substitute', voting: false, remote: false, paragraphs: null },
      { name: 'Göran Nyström', party: null, represents: 'Sjöbygdens kommunalförbund', role: 'official', voting: null, remote: false, paragraphs: `${first + 2}, ${first + 5}` },
      { name: 'Karl-Åke Lindqvist', party: null, represents: 'Sjöbygdens kommunalförbund', role: 'secretary', voting: null, remote: false, paragraphs: null },
    ],
    items: Array.from({ length: count }, (_, index) => item(first + index, index)),
  };
}
