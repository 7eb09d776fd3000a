/**
 * The demo's world: a fictional kommunalförbund for rescue services owned by four invented
 * municipalities, its board (förbundsdirektion) and a network of safety coordinators. Every name, case
 * and decision here was written for Protokoll; any likeness to a real body is chance.
 */

export const FORBUND = {
  name: 'Räddningstjänstförbundet Mellersta Älvdalen',
  shortName: 'RMÄ',
  minutesStorage: 'Förbundskansliet, Brandstationsvägen 4, Älvby',
  caseNumberFormat: 'RMÄ {yyyy}/{seq}',
};

export const MUNICIPALITIES = ['Älvby kommun', 'Norrsjö kommun', 'Granberga kommun', 'Lillmo kommun'] as const;
export type Municipality = (typeof MUNICIPALITIES)[number];

export interface DemoMember {
  name: string;
  email: string;
  role: 'chair' | 'vice-chair' | 'member' | 'substitute';
  party: string;
  appointedBy: Municipality;
  substituteRank?: number;
}

/** Förbundsdirektionen: seven members and four substitutes, each appointed by a member municipality. */
export const BOARD_MEMBERS: DemoMember[] = [
  { name: 'Karin Lindqvist', email: 'karin.lindqvist@alvby.example', role: 'chair', party: 'S', appointedBy: 'Älvby kommun' },
  { name: 'Erik Sandberg', email: 'erik.sandberg@norrsjo.example', role: 'vice-chair', party: 'M', appointedBy: 'Norrsjö kommun' },
  { name: 'Aisha Rahimi', email: 'aisha.rahimi@granberga.example', role: 'member', party: 'C', appointedBy: 'Granberga kommun' },
  { name: 'Göran Åkesson', email: 'goran.akesson@lillmo.example', role: 'member', party: 'S', appointedBy: 'Lillmo kommun' },
  { name: 'Maria Öberg', email: 'maria.oberg@alvby.example', role: 'member', party: 'KD', appointedBy: 'Älvby kommun' },
  { name: 'Johan Nilsson', email: 'johan.nilsson@norrsjo.example', role: 'member', party: 'SD', appointedBy: 'Norrsjö kommun' },
  { name: 'Lena Ekström', email: 'lena.ekstrom@granberga.example', role: 'member', party: 'V', appointedBy: 'Granberga kommun' },
  { name: 'Per-Olof Häggström', email: 'per-olof.haggstrom@lillmo.example', role: 'substitute', party: 'M', appointedBy: 'Lillmo kommun', substituteRank: 1 },
  { name: 'Sofia Berglund', email: 'sofia.berglund@alvby.example', role: 'substitute', party: 'S', appointedBy: 'Älvby kommun', substituteRank: 2 },
  { name: 'Ali Hassan', email: 'ali.hassan@norrsjo.example', role: 'substitute', party: 'L', appointedBy: 'Norrsjö kommun', substituteRank: 3 },
  { name: 'Birgitta Holm', email: 'birgitta.holm@granberga.example', role: 'substitute', party: 'C', appointedBy: 'Granberga kommun', substituteRank: 4 },
];

export const SECRETARY = { name: 'Annika Strand', email: 'annika.strand@rma.example' };
export const DIRECTOR = { name: 'Mikael Forsberg', title: 'förbundsdirektör' };

/** Socialchefsnätverket's sibling here: the municipalities' safety coordinators, who meet and keep notes. */
export const NETWORK = {
  name: 'Nätverket för säkerhetssamordnare',
  members: [
    { name: 'Hanna Lund', email: 'hanna.lund@alvby.example', appointedBy: 'Älvby kommun' as Municipality },
    { name: 'Oskar Wikström', email: 'oskar.wikstrom@norrsjo.example', appointedBy: 'Norrsjö kommun' as Municipality },
    { name: 'Elin Jonsson', email: 'elin.jonsson@granberga.example', appointedBy: 'Granberga kommun' as Municipality },
  ],
};

/** One case handled at a meeting: title, text, decision points, and optionally a vote and reservations. */
export interface DemoCase {
  title: string;
  text: string;
  proposal?: string;
  decisions: string[];
  vote?: { question: string; yes: string[]; no: string[]; abstain?: string[]; result: string };
  reservations?: { name: string; party: string; reason: string }[];
  attachments?: string[];
  confidential?: string;
}

/** The year's board meetings: what was on the agenda and what was decided. */
export const BOARD_MEETINGS: { place: string; cases: DemoCase[] }[] = [
  {
    place: 'Brandstationen i Älvby, sammanträdesrummet',
    cases: [
      {
        title: 'Årsredovisning för förra året',
        text: 'Förbundet redovisar ett överskott på 2,4 miljoner kronor, främst till följd av lägre kostnader för utbildning och vakanser under våren. Balanskravet är uppfyllt.\n\nFörbundsdirektören föredrar årsredovisningen.',
        proposal: 'Direktionen godkänner årsredovisningen och överlämnar den till medlemskommunernas fullmäktige.',
        decisions: ['Direktionen godkänner årsredovisningen.', 'Årsredovisningen överlämnas till medlemskommunernas fullmäktige för beslut om ansvarsfrihet.'],
        attachments: ['Årsredovisning', 'Revisorernas granskningsrapport'],
      },
      {
        title: 'Handlingsprogram för förebyggande verksamhet och räddningstjänst',
        text: 'Enligt lagen om skydd mot olyckor ska förbundet ha ett handlingsprogram för varje mandatperiod. Förslaget har varit på samråd hos medlemskommunerna och länsstyrelsen. Samrådssynpunkterna har arbetats in.',
        decisions: ['Direktionen antar handlingsprogrammet för mandatperioden.', 'Förbundsdirektören får i uppdrag att årligen redovisa hur målen i programmet uppfylls.'],
      },
      {
        title: 'Information om insatsstatistik',
        text: 'Räddningschefen informerar om årets insatser: 412 larm, varav 96 bränder i byggnad, 121 trafikolyckor och 38 automatlarm utan brand.',
        decisions: ['Direktionen lägger informationen till handlingarna.'],
      },
    ],
  },
  {
    place: 'Norrsjö kommunhus, rum Forsen',
    cases: [
      {
        title: 'Taxa för tillsyn och tillstånd',
        text: 'Timtaxan för tillsyn enligt lagen om skydd mot olyckor och lagen om brandfarliga och explosiva varor har varit oförändrad sedan 2019. Förvaltningen föreslår en höjning från 1 050 till 1 180 kronor per timme, motsvarande kostnadsutvecklingen.',
        proposal: 'Timtaxan höjs till 1 180 kronor från och med den 1 januari.',
        decisions: ['Direktionen föreslår medlemskommunernas fullmäktige att fastställa timtaxan till 1 180 kronor från och med den 1 januari.'],
        vote: {
          question: 'Bifall till förvaltningens förslag mot Lena Ekströms (V) yrkande om oförändrad taxa',
          yes: ['Karin Lindqvist', 'Erik Sandberg', 'Aisha Rahimi', 'Göran Åkesson', 'Maria Öberg'],
          no: ['Lena Ekström', 'Johan Nilsson'],
          result: 'Direktionen har beslutat enligt förvaltningens förslag.',
        },
        reservations: [{ name: 'Lena Ekström', party: 'V', reason: 'Taxehöjningen slår hårdast mot små föreningar och lantbruk.' }],
      },
      {
        title: 'Delårsrapport januari–april',
        text: 'Prognosen för helåret visar ett resultat i balans. Kostnaderna för deltidsbrandpersonal ligger något över budget.',
        decisions: ['Direktionen godkänner delårsrapporten.'],
      },
    ],
  },
  {
    place: 'Granberga brandstation',
    cases: [
      {
        title: 'Upphandling av höjdfordon',
        text: 'Höjdfordonet i Granberga är från 1998 och uppfyller inte längre kraven. Investeringen ryms inom investeringsbudgeten.',
        proposal: 'Förbundsdirektören får i uppdrag att upphandla ett nytt höjdfordon inom en ram av 9,5 miljoner kronor.',
        decisions: ['Förbundsdirektören får i uppdrag att upphandla ett höjdfordon inom en ram av 9,5 miljoner kronor.', 'Tilldelningsbeslutet anmäls till direktionen.'],
      },
      {
        title: 'Personalärende',
        text: 'Ärendet rör en enskild arbetstagare.',
        decisions: ['Direktionen beslutar enligt förslaget.'],
        confidential: 'OSL 39 kap. 3 §',
      },
      {
        title: 'Budget och verksamhetsplan för nästa år med plan för ytterligare två år',
        text: 'Förslaget innebär en ökning av medlemsbidragen med 2,9 procent. Fördelningen mellan medlemmarna följer förbundsordningen (invånarantal den 1 november).',
        decisions: ['Direktionen föreslår medlemskommunerna att fastställa budget och verksamhetsplan enligt förslaget.', 'Medlemsbidragen för nästa år fastställs enligt bilaga.'],
        attachments: ['Budget och verksamhetsplan', 'Fördelning av medlemsbidrag'],
      },
    ],
  },
  {
    place: 'Lillmo, Folkets hus, lilla salen',
    cases: [
      {
        title: 'Samverkansavtal om ledningssystem med grannförbund',
        text: 'Ett gemensamt ledningssystem ger räddningsledning dygnet runt med stöd av ett större system. Avtalet löper i fyra år.',
        decisions: ['Direktionen godkänner samverkansavtalet om gemensamt ledningssystem.', 'Ordföranden får i uppdrag att underteckna avtalet.'],
      },
      {
        title: 'Sammanträdesplan för nästa år',
        text: 'Förslaget följer medlemskommunernas budgetprocess.',
        decisions: ['Direktionen fastställer sammanträdesplanen.'],
      },
      {
        title: 'Uppföljning av intern kontroll',
        text: 'Granskningen av inköp under 100 000 kronor visade inga avvikelser. Rutinen för delegationsbeslut har förtydligats.',
        decisions: ['Direktionen godkänner uppföljningen av den interna kontrollen.'],
      },
    ],
  },
  {
    place: 'Brandstationen i Älvby, sammanträdesrummet',
    cases: [
      {
        title: 'Revidering av förbundsordningen',
        text: 'Medlemskommunerna har begärt att förbundsordningen ses över med anledning av nya regler om digitala anslagstavlor och justering med e-legitimation.',
        proposal: 'Direktionen tillstyrker förslaget till reviderad förbundsordning.',
        decisions: ['Direktionen tillstyrker förslaget till reviderad förbundsordning och överlämnar det till medlemskommunerna.'],
        vote: {
          question: 'Bifall till förslaget mot Johan Nilssons (SD) yrkande om återremiss',
          yes: ['Karin Lindqvist', 'Erik Sandberg', 'Aisha Rahimi', 'Göran Åkesson', 'Maria Öberg', 'Lena Ekström'],
          no: ['Johan Nilsson'],
          result: 'Direktionen har beslutat att avgöra ärendet i dag och bifalla förslaget.',
        },
      },
      {
        title: 'Rekrytering av deltidsbrandpersonal',
        text: 'Svårigheten att rekrytera deltidsbrandpersonal i Lillmo och Granberga ökar. Förvaltningen föreslår en kampanj tillsammans med kommunernas näringslivsenheter.',
        decisions: ['Förbundsdirektören får i uppdrag att genomföra en rekryteringskampanj och återrapportera till direktionen.'],
      },
    ],
  },
  {
    place: 'Norrsjö kommunhus, rum Forsen',
    cases: [
      {
        title: 'Delårsrapport januari–augusti',
        text: 'Resultatet per den 31 augusti är 1,1 miljoner kronor. Helårsprognosen är ett resultat i balans.',
        decisions: ['Direktionen godkänner delårsrapporten och överlämnar den till medlemskommunerna.'],
      },
      {
        title: 'Övningsfält i Granberga',
        text: 'Markägaren har erbjudit förbundet att arrendera marken för övningsfältet i ytterligare tio år.',
        decisions: ['Direktionen godkänner arrendeavtalet för övningsfältet i Granberga.'],
      },
    ],
  },
];

/** The items of the next meeting, planned but not held. */
/**
 * Decisions the director and the chair take under the delegationsordning between meetings, dated by days
 * from today; each becomes the "Anmälan av delegationsbeslut" of the direktion's next meeting.
 */
export const DELEGATED_DECISIONS: { daysFromToday: number; delegate: string; description: string; rulePoint: string; caseNumber: string | null }[] = [
  { daysFromToday: -300, delegate: 'Förbundsdirektören', description: 'Anställning av brandmästare i Älvby', rulePoint: '4.1', caseNumber: null },
  { daysFromToday: -205, delegate: 'Förbundsdirektören', description: 'Tilldelning av avtal om service av andningsskydd', rulePoint: '2.3', caseNumber: 'RMÄ 2026/22' },
  { daysFromToday: -130, delegate: 'Ordföranden', description: 'Yttrande över remiss om regional plan för räddningstjänst', rulePoint: '1.2', caseNumber: 'RMÄ 2026/31' },
  { daysFromToday: -60, delegate: 'Förbundsdirektören', description: 'Tillfällig nedsättning av tillsynsavgift för ideella föreningar', rulePoint: '3.4', caseNumber: null },
  { daysFromToday: -9, delegate: 'Förbundsdirektören', description: 'Avtal om lån av räddningsbåt under sommaren', rulePoint: '2.1', caseNumber: 'RMÄ 2026/44' },
  { daysFromToday: -2, delegate: 'Förbundsdirektören', description: 'Beslut om förlängd beredskap vid höstens stormar', rulePoint: '5.2', caseNumber: null },
];

export const NEXT_MEETING_CASES: { title: string; presenter: string }[] = [
  { title: 'Budgetuppföljning efter tertial 2', presenter: 'Ekonomichefen' },
  { title: 'Rapport från rekryteringskampanjen', presenter: DIRECTOR.name },
  { title: 'Remiss: regional plan för räddningsinsatser vid höga flöden', presenter: 'Räddningschefen' },
];

/** A project of the demo's portfolio; years are counted from the demo's today (0 is this year). */
export interface DemoProject {
  title: string;
  caseNumber: string;
  projectManager: string;
  status: 'planned' | 'ongoing' | 'completed';
  starts: { year: number; monthDay: string };
  ends: { year: number; monthDay: string };
  budget: number;
  outcome: number | null;
  results: string | null;
  funding: { funderKind: 'eu' | 'region' | 'municipality' | 'own'; funderName: string; year: number; amount: number }[];
}

/** The förbund's project portfolio: one running with two external funders, one planned, one finished last year. */
export const DEMO_PROJECTS: DemoProject[] = [
  {
    title: 'Trygg i vardagen – brandsäkerhet för äldre',
    caseNumber: 'RMÄ 2025/14',
    projectManager: 'Hanna Lund',
    status: 'ongoing',
    starts: { year: -1, monthDay: '09-01' },
    ends: { year: 1, monthDay: '06-30' },
    budget: 1_800_000,
    outcome: 650_000,
    results: 'Hembesök hos 240 äldre i Älvby och Norrsjö; brandvarnare kontrollerade i samtliga hem.',
    funding: [
      { funderKind: 'eu', funderName: 'EU:s socialfond', year: -1, amount: 300_000 },
      { funderKind: 'eu', funderName: 'EU:s socialfond', year: 0, amount: 600_000 },
      { funderKind: 'region', funderName: 'Region Mellersta Älvdalen', year: 0, amount: 250_000 },
      { funderKind: 'own', funderName: 'Egna medel', year: 0, amount: 150_000 },
    ],
  },
  {
    title: 'Gemensam övningsplats i Granberga',
    caseNumber: 'RMÄ 2026/3',
    projectManager: 'Olof Brandt',
    status: 'planned',
    starts: { year: 0, monthDay: '09-01' },
    ends: { year: 2, monthDay: '12-31' },
    budget: 4_500_000,
    outcome: null,
    results: null,
    funding: [{ funderKind: 'municipality', funderName: 'Granberga kommun', year: 1, amount: 1_000_000 }],
  },
  {
    title: 'Digital insatsrapport',
    caseNumber: 'RMÄ 2024/22',
    projectManager: 'Hanna Lund',
    status: 'completed',
    starts: { year: -2, monthDay: '03-01' },
    ends: { year: -1, monthDay: '12-31' },
    budget: 600_000,
    outcome: 585_000,
    results: 'Insatsrapporterna skrivs i fält och når kansliet samma dag.',
    funding: [{ funderKind: 'own', funderName: 'Egna medel', year: -1, amount: 600_000 }],
  },
];
