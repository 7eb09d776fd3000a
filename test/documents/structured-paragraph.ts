/**
 * One § as a secretary writes it (issue 19): a proposal with its author, two yrkanden with bifall, the
 * propositionsordning, a votering with named votes, a reservation with its text, a protokollsanteckning, jäv
 * with the person leaving the room and omedelbar justering. Used by the render tests in every format, the
 * storage round trip and the browser test, so all of them check the same §. Every name is invented.
 */
import type { Minutes, MinutesItem } from '../../src/domain/minutes.ts';
import { buildFictionalMinutes } from './fictional-minutes.ts';

export function structuredParagraph(number = 31): MinutesItem {
  return {
    number,
    title: 'Ny taxa för tillsyn',
    caseNumber: 'SBF 2026/51',
    presenters: [],
    disqualified: ['Lena Höglund'],
    leftRoom: ['Lena Höglund'],
    text: 'Förvaltningen har tagit fram en ny taxa för tillsyn enligt miljöbalken.',
    proposal: { text: 'Förbundsstyrelsen antar taxan.\nTaxan gäller från den 1 januari 2027.', proposedBy: 'Förvaltningen' },
    decisions: ['att anta taxan för tillsyn', 'att taxan gäller från den 1 januari 2027'],
    motions: [
      { mover: 'Åsa Ödmark', party: 'S', text: 'bifall till förvaltningens förslag', supportedBy: ['Märta Åkesson'] },
      { mover: 'Jöns Bäckström', party: 'V', text: 'att ärendet återremitteras', supportedBy: [] },
    ],
    propositionOrder:
      'Ordföranden ställer proposition på förvaltningens förslag mot Jöns Bäckströms yrkande om återremiss och finner att förbundsstyrelsen beslutar enligt förvaltningens förslag.',
    decisionMethod: 'vote',
    votes: [
      {
        question: 'Ja för förvaltningens förslag, nej för återremiss',
        yes: 3,
        no: 1,
        abstain: 1,
        roll: [
          { name: 'Åsa Ödmark', party: 'S', vote: 'yes' },
          { name: 'Örjan Sjöblom', party: 'M', vote: 'abstain' },
          { name: 'Märta Åkesson', party: 'C', vote: 'yes' },
          { name: 'Jöns Bäckström', party: 'V', vote: 'no' },
          { name: 'Ingvar Åström', party: 'S', vote: 'yes' },
        ],
        result: 'Förbundsstyrelsen beslutar enligt förvaltningens förslag.',
      },
    ],
    reservations: [{ name: 'Jöns Bäckström', party: 'V', reason: 'Taxan höjs för mycket på en gång.' }],
    protocolNotes: [{ name: 'Örjan Sjöblom', party: 'M', text: 'Taxan bör följas upp efter ett år.' }],
    adjustedImmediately: true,
    attachments: ['Tjänsteskrivelse 2026-11-20'],
  };
}

/** The fictional minutes with the structured § as their only §. */
export function minutesWithStructuredParagraph(): Minutes {
  const minutes = buildFictionalMinutes({ count: 1 });
  minutes.items = [structuredParagraph(31)];
  return minutes;
}

/** Each part of the § as it must be printed, in the order it must come. */
export const structuredParagraphInOrder = [
  '§ 31 Ny taxa för tillsyn',
  'Dnr SBF 2026/51',
  'Jäv',
  'Lena Höglund anmäler jäv och lämnar lokalen under handläggningen',
  'Förvaltningen har tagit fram en ny taxa för tillsyn enligt miljöbalken.',
  'Förslag till beslut',
  'Förslagsställare: Förvaltningen',
  'Förbundsstyrelsen antar taxan.',
  'Taxan gäller från den 1 januari 2027.',
  'Beslut',
  'Förbundsstyrelsen beslutar att',
  'anta taxan för tillsyn',
  'taxan gäller från den 1 januari 2027',
  'Yrkanden',
  'Åsa Ödmark (S) yrkar bifall till förvaltningens förslag',
  'Märta Åkesson instämmer i yrkandet',
  'Jöns Bäckström (V) yrkar att ärendet återremitteras',
  'Propositionsordning',
  'Ordföranden ställer proposition på förvaltningens förslag',
  'Omröstning',
  'Ja för förvaltningens förslag, nej för återremiss',
  'Ja 3, Nej 1, Avstår 1',
  'Omröstningslista',
  'Örjan Sjöblom',
  'Avstår',
  'Resultat: Förbundsstyrelsen beslutar enligt förvaltningens förslag.',
  'Reservation',
  'Jöns Bäckström (V) reserverar sig mot beslutet: Taxan höjs för mycket på en gång.',
  'Protokollsanteckning',
  'Örjan Sjöblom (M) antecknar till protokollet: Taxan bör följas upp efter ett år.',
  'Paragrafen förklaras omedelbart justerad.',
  'Bilaga: Tjänsteskrivelse 2026-11-20',
] as const;
