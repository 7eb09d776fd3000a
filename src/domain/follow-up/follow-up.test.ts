import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.ts';
import {
  assignmentDeadline,
  checkTerm,
  countInWords,
  delegatedDecisionsListing,
  isGeneratedDelegationListing,
  draftAnnualReportSections,
  isAppointmentActiveOn,
  isAssignmentOverdue,
  proposeAppointments,
  proposeAssignments,
  proposeDelegatedDecisions,
  proposeFollowUp,
} from './index.ts';

const item = (decisions: string[], extra: { title?: string; text?: string } = {}) => ({
  title: extra.title ?? 'Ärende',
  decisions,
  text: extra.text ?? decisions.join(' '),
});

describe('proposeAssignments', () => {
  it.each([
    [
      'Förbundschefen får i uppdrag att till sammanträdet i november ta fram förslag på reviderad delegationsordning.',
      '2020-09-25',
      { assignee: 'Förbundschefen', dueOn: null, dueMonth: { year: 2020, month: 11 } },
    ],
    ['Kansliet ges i uppdrag att utreda frågan till styrelsens sammanträde i februari.', '2020-11-20', { assignee: 'Kansliet', dueMonth: { year: 2021, month: 2 } }],
    ['uppdra åt förbundsdirektören att senast 2021-03-31 redovisa en plan.', '2021-01-15', { assignee: 'förbundsdirektören', dueOn: '2021-03-31' }],
    ['Styrelsen uppdrar åt kansliet att ta fram en kommunikationsplan.', '2021-01-15', { assignee: 'kansliet', dueOn: null, dueMonth: null }],
    ['ge förvaltningen i uppdrag att återkomma med en analys senast den 15 mars 2022.', '2021-12-01', { assignee: 'förvaltningen', dueOn: '2022-03-15' }],
    ['Räddningschefen uppdras att revidera handlingsprogrammet till novembersammanträdet.', '2021-05-01', { assignee: 'Räddningschefen', dueMonth: { year: 2021, month: 11 } }],
    ['Ekonomichefen ska återkomma till direktionen med en reviderad budget vid sammanträdet i oktober 2023.', '2023-06-01', { assignee: 'Ekonomichefen', dueMonth: { year: 2023, month: 10 } }],
  ])('reads "%s" (meeting %s)', (decision, meetingOn, expected) => {
    const [proposal, ...rest] = proposeAssignments(item([decision]), meetingOn);
    expect(rest).toHaveLength(0);
    expect(proposal).toMatchObject({ decisionIndex: 0, description: decision, ...expected });
  });

  it.each([
    'Informationen läggs med godkännande till handlingarna.',
    'Förslag till verksamhetsplan och budget för 2021 ska tas fram med utgångspunkt i att bemanningen ska uppgå till 2,0 heltidstjänster.',
    'Styrelsen godkänner årsredovisningen för 2020.',
    'Till justerare utses Hans Brynielsson.',
  ])('proposes no assignment for "%s"', (decision) => {
    expect(proposeAssignments(item([decision]), '2020-09-25')).toEqual([]);
  });

  it('lets a following "återrapporteras till … <date>" decision set the due date of the assignment before it', () => {
    const proposals = proposeAssignments(
      item([
        'Förbundschef får i uppdrag att återkomma med underlag som specificerar hur behovet ser ut.',
        'Underlaget återrapporteras till Kommundirektörerna 2024-12-09.',
      ]),
      '2024-10-21',
    );
    expect(proposals).toEqual([
      {
        decisionIndex: 0,
        assignee: 'Förbundschef',
        description: 'Förbundschef får i uppdrag att återkomma med underlag som specificerar hur behovet ser ut.',
        reportTo: 'Kommundirektörerna',
        dueOn: '2024-12-09',
        dueMonth: null,
      },
    ]);
  });

  it('keeps a report-back decision without an earlier assignment, with the assignee unknown', () => {
    const [proposal] = proposeAssignments(item(['Ärendet återrapporteras till styrelsen senast 2021-06-30.']), '2021-02-01');
    expect(proposal).toMatchObject({ assignee: null, reportTo: 'styrelsen', dueOn: '2021-06-30' });
  });

  it('gives the deadline of a month meeting as the last day of that month', () => {
    expect(assignmentDeadline({ dueOn: null, dueMonth: { year: 2020, month: 11 } })).toBe('2020-11-30');
    expect(assignmentDeadline({ dueOn: null, dueMonth: { year: 2024, month: 2 } })).toBe('2024-02-29');
    expect(assignmentDeadline({ dueOn: '2024-12-09', dueMonth: null })).toBe('2024-12-09');
    expect(assignmentDeadline({ dueOn: null, dueMonth: null })).toBeNull();
  });

  it.each([
    ['open', '2020-11-30', '2020-11-30', false],
    ['open', '2020-11-30', '2020-12-01', true],
    ['reported', '2020-11-30', '2021-01-01', false],
    ['open', null, '2030-01-01', false],
  ])('an assignment %s due %s is overdue on %s: %s', (status, dueOn, today, overdue) => {
    expect(isAssignmentOverdue({ status, dueOn }, today)).toBe(overdue);
  });
});

describe('proposeAppointments', () => {
  it('reads ordinary and substitute from "Utse X som ordinarie och Y som ersättare till Z" in a fyllnadsval', () => {
    const proposals = proposeAppointments(
      {
        title: 'Fyllnadssval Föreningsarkivet',
        decisions: ['Utse Christina Lindberg som ordinarie och Stefan Dalin som ersättare till Föreningsarkivet Västernorrland.'],
        text: 'Christina Lindberg ersätter Jan Sahlén och en ny ersättare behöver väljas.',
      },
      '2020-05-07',
    );
    expect(proposals).toEqual([
      expect.objectContaining({ kind: 'appoint', personName: 'Christina Lindberg', role: 'ordinary', externalBody: 'Föreningsarkivet Västernorrland', fillIn: true, replacesName: 'Jan Sahlén' }),
      expect.objectContaining({ kind: 'appoint', personName: 'Stefan Dalin', role: 'substitute', externalBody: 'Föreningsarkivet Västernorrland', fillIn: true, replacesName: null }),
    ]);
  });

  it.each([
    [
      'utse Sten-Ove Danielsson som ordinarie och Jonny Lundin som ersättare i styrgruppen för ERNACT-nätverket.',
      [
        { personName: 'Sten-Ove Danielsson', role: 'ordinary', externalBody: 'styrgruppen för ERNACT-nätverket', startsOn: null, endsOn: null },
        { personName: 'Jonny Lundin', role: 'substitute', externalBody: 'styrgruppen för ERNACT-nätverket' },
      ],
    ],
    [
      'Anna Ek (S) väljs till ledamot i Regionala samverkansrådet för perioden 2019–2022.',
      [{ personName: 'Anna Ek', party: 'S', role: 'ordinary', roleAsWritten: 'ledamot', externalBody: 'Regionala samverkansrådet', startsOn: '2019-01-01', endsOn: '2022-12-31' }],
    ],
    [
      'Till ledamot i Intresseföreningen Norrtåg utses Johan Andersson och till ersättare Malin Svanholm.',
      [
        { personName: 'Johan Andersson', role: 'ordinary', externalBody: 'Intresseföreningen Norrtåg' },
        { personName: 'Malin Svanholm', role: 'substitute', externalBody: 'Intresseföreningen Norrtåg' },
      ],
    ],
    [
      'välja Bo Gran och Cecilia Alm som ersättare i Europaforum Norra Sverige t.o.m. 2022-12-31.',
      [
        { personName: 'Bo Gran', role: 'substitute', externalBody: 'Europaforum Norra Sverige', endsOn: '2022-12-31' },
        { personName: 'Cecilia Alm', role: 'substitute', externalBody: 'Europaforum Norra Sverige', endsOn: '2022-12-31' },
      ],
    ],
  ])('reads "%s"', (decision, expected) => {
    const proposals = proposeAppointments(item([decision]), '2019-02-01');
    expect(proposals).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(proposals[i]).toMatchObject({ kind: 'appoint', ...e }));
  });

  it('reads an entledigande as a release', () => {
    const [proposal] = proposeAppointments(item(['Erik Lövgren entledigas från uppdraget som ledamot i ERNACT.']), '2021-03-01');
    expect(proposal).toMatchObject({ kind: 'release', personName: 'Erik Lövgren', externalBody: 'ERNACT', role: 'ordinary' });
  });

  it.each(['Till justerare utses Hans Brynielsson.', 'Styrelsen väljer Anna Ek till ordförande för mötet.', 'Styrelsen beslutar att utse representanter från kommunerna i arbetsgruppen.'])(
    'proposes no appointment for "%s"',
    (decision) => {
      expect(proposeAppointments(item([decision]), '2021-03-01')).toEqual([]);
    },
  );

  it('refuses a term that ends before it starts, naming the field', () => {
    expect(() => checkTerm({ startsOn: '2022-01-01', endsOn: '2021-12-31' }, 'term')).toThrowError(InputError);
    try {
      checkTerm({ startsOn: '2022-01-01', endsOn: '2021-12-31' }, 'term');
    } catch (error) {
      expect((error as InputError).problems).toEqual([expect.objectContaining({ path: 'term.endsOn', code: 'term_ends_before_start' })]);
    }
    expect(() => checkTerm({ startsOn: '2022-01-01', endsOn: null })).not.toThrow();
  });

  it('counts an appointment as active within its term only once confirmed', () => {
    const term = { startsOn: '2019-01-01', endsOn: '2022-12-31' };
    expect(isAppointmentActiveOn({ ...term, status: 'confirmed' }, '2022-12-31')).toBe(true);
    expect(isAppointmentActiveOn({ ...term, status: 'confirmed' }, '2023-01-01')).toBe(false);
    expect(isAppointmentActiveOn({ ...term, status: 'proposed' }, '2020-01-01')).toBe(false);
  });
});

describe('proposeDelegatedDecisions', () => {
  it('reads the Dnr and description of each listed decision in seed 002 § 14', () => {
    const proposals = proposeDelegatedDecisions(
      {
        title: 'Anmälan av delegationsbeslut',
        text: 'Enligt delegationsbestämmelserna ska delegationsbeslut anmälas till förbundsstyrelsen vid nästkommande sammanträde. Anmälda beslut: - Dnr P20/01, Avtal om finansiering, ENIG (EN gemensam InGång) i Östersund - Dnr P20/02, Avtal om finansiering, Lokal Insats Samordnad Strömsund (LISS)',
      },
      '2020-09-25',
    );
    expect(proposals).toEqual([
      { line: 0, delegate: null, rulePoint: null, decidedOn: null, caseNumber: 'P20/01', description: 'Avtal om finansiering, ENIG (EN gemensam InGång) i Östersund' },
      { line: 1, delegate: null, rulePoint: null, decidedOn: null, caseNumber: 'P20/02', description: 'Avtal om finansiering, Lokal Insats Samordnad Strömsund (LISS)' },
    ]);
  });

  it('reads date, delegate and rule point when the lines give them', () => {
    const proposals = proposeDelegatedDecisions(
      {
        title: 'Delegationsbeslut',
        text: 'Följande beslut anmäls: - 2021-02-03, Dnr KS 2021/12, Förbundschefen, punkt 3.2, Anställning av utvecklingsledare - 2021-02-10, Dnr 21:04, beslut av ordföranden, Yttrande över remiss om vattenplan',
      },
      '2021-03-01',
    );
    expect(proposals).toEqual([
      expect.objectContaining({ decidedOn: '2021-02-03', caseNumber: 'KS 2021/12', delegate: 'Förbundschefen', rulePoint: '3.2', description: 'Anställning av utvecklingsledare' }),
      expect.objectContaining({ decidedOn: '2021-02-10', caseNumber: '21:04', delegate: 'ordföranden', description: 'Yttrande över remiss om vattenplan' }),
    ]);
  });

  it('takes the delegate from the introduction when the list is unbulleted', () => {
    const proposals = proposeDelegatedDecisions(
      { title: 'Anmälan av delegationsbeslut', text: 'Förbundschefen har fattat följande beslut på delegation. Dnr 2020.009-7 Avtal med Mittuniversitetet. Dnr 2020.010-2 Hyresavtal för kontoret.' },
      '2020-05-01',
    );
    expect(proposals.map((p) => [p.caseNumber, p.delegate, p.description])).toEqual([
      ['2020.009-7', 'Förbundschefen', 'Avtal med Mittuniversitetet'],
      ['2020.010-2', 'Förbundschefen', 'Hyresavtal för kontoret'],
    ]);
  });

  it('finds nothing in a § that does not report delegated decisions', () => {
    expect(proposeDelegatedDecisions({ title: 'Information', text: '- Dnr 20:01, Avtal' }, '2020-01-01')).toEqual([]);
  });

  it('does not read the lines of an anmälan as assignments or appointments', () => {
    const proposals = proposeFollowUp(
      { title: 'Anmälan av delegationsbeslut', decisions: [], text: '- Dnr 20:01, Förbundschefen får i uppdrag att teckna avtal' },
      '2020-01-01',
    );
    expect(proposals.assignments).toEqual([]);
    expect(proposals.delegatedDecisions).toHaveLength(1);
  });
});

describe('draftAnnualReportSections', () => {
  it('writes the board work, representation and each area with its goals and follow-ups', () => {
    const sections = draftAnnualReportSections({
      organizationName: 'Kommunförbundet Test',
      year: 2020,
      bodies: [{ name: 'Styrelsen', meetings: 9, remoteMeetings: 6, decisions: 40 }],
      consultationsAnswered: [{ title: 'Regional digital agenda', sender: 'Region Test' }],
      appointments: [
        { externalBody: 'Föreningsarkivet', personName: 'Christina Lindberg', role: 'ordinary' },
        { externalBody: 'Föreningsarkivet', personName: 'Stefan Dalin', role: 'substitute' },
      ],
      assignments: { given: 3, reported: 1, open: 2, overdue: 1 },
      delegatedDecisionsReported: 2,
      areas: [
        {
          area: 'Utbildning och arbetsliv',
          goals: [
            {
              title: 'Utveckla gymnasiesamverkan',
              description: null,
              indicators: [{ title: 'Antal nätverksmöten', unit: 'st', targetValue: '10', followUps: [{ period: 'T1', value: '4', comment: null }] }],
            },
          ],
          decisions: [],
          assignments: [],
        },
      ],
    });
    expect(sections.map((s) => s.heading)).toEqual(['Styrelsens arbete', 'Styrelsens representation och externa politiska uppdrag', 'Utbildning och arbetsliv']);
    expect(sections[0]!.text).toContain('Styrelsen har under 2020 haft nio möten, varav sex digitala');
    expect(sections[0]!.text).toContain('besvarat en remiss (Regional digital agenda)');
    expect(sections[1]!.text).toBe('- Föreningsarkivet – Christina Lindberg, Stefan Dalin (ersättare)');
    expect(sections[2]!.text).toContain('Mål: Utveckla gymnasiesamverkan');
    expect(sections[2]!.text).toContain('- T1: 4 st');
    expect(countInWords(2, 'en')).toBe('två');
  });
});

describe('the anmälan av delegationsbeslut that Protokoll writes', () => {
  const decisions = [
    { delegate: 'Förbundsdirektören', rulePoint: '3.2', decidedOn: '2026-10-05', caseNumber: 'RMÄ 2026/41', description: 'Tilldelning av avtal om andningsskydd.' },
    { delegate: 'Ordföranden', rulePoint: null, decidedOn: '2026-10-19', caseNumber: null, description: 'Yttrande över remiss om regional räddningsplan' },
  ];

  it('lists each decision on its own line, and the importer reads the same decisions back', () => {
    const text = delegatedDecisionsListing(decisions)!;
    expect(text.split('\n')).toEqual([
      'Följande beslut fattade med stöd av delegation anmäls:',
      '- Tilldelning av avtal om andningsskydd, beslutat av Förbundsdirektören, 2026-10-05, Dnr RMÄ 2026/41, punkt 3.2',
      '- Yttrande över remiss om regional räddningsplan, beslutat av Ordföranden, 2026-10-19',
    ]);
    const readBack = proposeDelegatedDecisions({ title: 'Anmälan av delegationsbeslut', text }, '2026-11-18');
    expect(readBack.map(({ line: _line, ...d }) => d)).toEqual([
      { ...decisions[0], description: 'Tilldelning av avtal om andningsskydd' },
      decisions[1],
    ]);
  });

  it('writes nothing when there is nothing to report, and rewrites only its own text', () => {
    expect(delegatedDecisionsListing([])).toBeNull();
    expect(isGeneratedDelegationListing(null)).toBe(true);
    expect(isGeneratedDelegationListing(delegatedDecisionsListing(decisions))).toBe(true);
    expect(isGeneratedDelegationListing('Sekreteraren redogör för besluten i bilaga 2.')).toBe(false);
  });
});
