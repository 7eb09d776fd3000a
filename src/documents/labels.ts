/**
 * The Swedish text catalogue of the documents module: every fixed word a rendered protocol, extract or
 * notice prints. Kept in one place because the importer reads these exact strings back
 * (docs/documents.md), so a change here is a change of the text layer's contract.
 */
import type { AttendeeRole, SignerRole, VoteChoice } from '../domain/minutes.ts';

export const labels = {
  kind: {
    protocol: 'PROTOKOLL',
    notes: 'MINNESANTECKNINGAR',
    extract: 'PROTOKOLLSUTDRAG',
    noticeOfMeeting: 'KALLELSE',
  },
  documentName: {
    protocol: 'Protokoll',
    notes: 'Minnesanteckningar',
    extract: 'Protokollsutdrag',
    noticeOfMeeting: 'Kallelse',
  },
  meetingDate: 'Sammanträdesdatum',
  placeAndTime: 'Plats och tid',
  remoteMeeting: 'Sammanträdet hölls digitalt',
  voting: 'Beslutande',
  present: 'Närvarande',
  otherParticipants: 'Övriga deltagare',
  adjusters: 'Justerare',
  adjustmentPlaceAndTime: 'Justeringens plats och tid',
  paragraphs: 'Paragrafer',
  signatures: 'Underskrifter',
  signatureRecord: {
    heading: 'Elektroniska underskrifter',
    lead: 'Protokollet har justerats elektroniskt. Underskrifterna avser det färdigställda dokument vars kontrollsumma anges nedan.',
    columns: ['Roll', 'Namn', 'Tidpunkt', 'Metod'],
    hash: 'Kontrollsumma (SHA-256) för det undertecknade dokumentet:',
    inFile:
      'Protokollet justeras med elektroniska underskrifter (PAdES) i denna PDF-fil: en för var och en nedan, i den ordning de skriver under, och sist organisationens sigill. Vem som skrev under och när står i underskrifterna.',
    signerColumns: ['Roll', 'Namn'],
    howToCheck: 'Underskrifterna kan kontrolleras i ett PDF-program, med pdfsig eller på sidan Verifiera protokoll hos den organisation som gav ut protokollet.',
  },
  signedAt: 'Signerat',
  tableOfContents: 'Innehållsförteckning',
  caseNumber: 'Dnr',
  presenters: 'Föredragande:',
  decision: 'Beslut',
  decidesThat: (body: string) => `${body} beslutar att`,
  decidesThatFallback: 'Beslutet är att',
  vote: 'Omröstning',
  voteCounts: (yes: number | null | undefined, no: number | null | undefined, abstain: number | null | undefined) =>
    [
      yes != null ? `Ja ${yes}` : null,
      no != null ? `Nej ${no}` : null,
      abstain != null ? `Avstår ${abstain}` : null,
    ]
      .filter((part): part is string => part !== null)
      .join(', '),
  voteResult: 'Resultat:',
  rollCall: 'Omröstningslista',
  rollCallHead: ['Ledamot', 'Parti', 'Röst'] as const,
  reservation: 'Reservation',
  reservationLine: (who: string) => `${who} reserverar sig mot beslutet`,
  disqualification: 'Jäv',
  disqualificationLine: (name: string) => `${name} anmäler jäv och deltar inte i handläggningen`,
  attachment: 'Bilaga:',
  footerAdjusters: 'Justerandes signatur',
  footerCertification: 'Utdragsbestyrkande',
  notice: {
    heading: 'ANSLAG/BEVIS',
    statement: 'Protokollet är justerat. Justeringen har tillkännagivits genom anslag.',
    body: 'Organ',
    meetingDate: 'Sammanträdesdatum',
    paragraphs: 'Paragrafer',
    adjustedOn: 'Datum för justering',
    postedFrom: 'Datum då anslaget sätts upp',
    postedUntil: 'Datum då anslaget tas ned',
    storage: 'Förvaringsplats för protokollet',
    signature: 'Underskrift',
  },
  extract: {
    certification: 'Utdragets riktighet bestyrks',
  },
  noticeOfMeeting: {
    time: 'Tid',
    place: 'Plats',
    sentOn: 'Datum för kallelse',
    agenda: 'Ärenden',
    agendaCaption: 'Föredragningslista',
    agendaHead: ['§', 'Ärende', 'Dnr', 'Föredragande'] as const,
    members: 'Ledamöter',
    substitutes: 'Ersättare',
    others: 'Övriga kallade',
    absence: (contact: string) => `Förhinder anmäls till ${contact}.`,
    chair: 'Ordförande',
    secretary: 'Sekreterare',
  },
  roles: {
    chair: 'ordförande',
    'vice-chair': 'vice ordförande',
    member: 'ledamot',
    substitute: 'ersättare',
    secretary: 'sekreterare',
    official: 'tjänsteperson',
    guest: 'gäst',
  } satisfies Record<AttendeeRole, string>,
  servingSubstitute: 'tjänstgörande ersättare',
  servingSubstituteFor: (member: string) => `tjänstgörande ersättare för ${member}`,
  nonServingSubstitute: 'ej tjänstgörande ersättare',
  notVoting: 'ej beslutande',
  remoteParticipant: 'på distans',
  signerRoles: {
    secretary: 'Sekreterare',
    chair: 'Ordförande',
    adjuster: 'Justerare',
  } satisfies Record<SignerRole, string>,
  voteChoices: {
    yes: 'Ja',
    no: 'Nej',
    abstain: 'Avstår',
    absent: 'Frånvarande',
  } satisfies Record<VoteChoice, string>,
  pageNumber: (page: number, pages: number) => `${page} (${pages})`,
  htmlTitle: (documentName: string, body: string | null, date: string | null) =>
    [documentName, body, date].filter(Boolean).join(' – '),
} as const;
