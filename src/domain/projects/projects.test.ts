import { describe, expect, it } from 'vitest';
import {
  budgetBalance,
  buildPortfolioReport,
  draftProjectsSection,
  formatKronor,
  fundersOf,
  fundingByKind,
  fundingByYear,
  fundingTotal,
  parseTertial,
  portfolioGroupOf,
  projectInputProblems,
  tertialOf,
  tertialRange,
  type FundingRow,
  type ProjectInput,
  type ReportedProject,
} from './index.ts';

const funding: FundingRow[] = [
  { funderKind: 'eu', funderName: 'Europeiska socialfonden', year: 2024, amount: 600_000 },
  { funderKind: 'municipality', funderName: 'Medlemskommunerna', year: 2024, amount: 150_000 },
  { funderKind: 'eu', funderName: 'Europeiska socialfonden', year: 2025, amount: 400_000 },
];

const input = (extra: Partial<ProjectInput> = {}): ProjectInput => ({
  title: 'Hållbar omsorg',
  status: 'ongoing',
  startsOn: '2024-01-01',
  endsOn: '2025-12-31',
  funding: funding.map((f) => ({ ...f })),
  ...extra,
});

describe('projectInputProblems', () => {
  it('accepts a complete project', () => {
    expect(projectInputProblems(input({ budget: 1_200_000, outcome: 400_000 }))).toEqual([]);
  });

  it.each([
    ['a blank title', { title: '  ' }, 'title', 'required'],
    ['an unknown status', { status: 'paused' }, 'status', 'invalid_status'],
    ['a date that does not exist', { startsOn: '2024-02-30' }, 'startsOn', 'invalid_date'],
    ['an end before the start', { startsOn: '2025-01-01', endsOn: '2024-12-31', funding: [] }, 'endsOn', 'ends_before_start'],
    ['a negative budget', { budget: -1 }, 'budget', 'invalid_amount'],
    ['öre in the outcome', { outcome: 10.5 }, 'outcome', 'invalid_amount'],
  ] as const)('refuses %s', (_label, extra, path, code) => {
    expect(projectInputProblems(input(extra as Partial<ProjectInput>))).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports every bad funding row with its index, together', () => {
    const problems = projectInputProblems(
      input({
        funding: [
          { funderKind: 'lottery', funderName: 'Lotteriet', year: 2024, amount: 1 },
          { funderKind: 'region', funderName: '', year: 2024, amount: 1 },
          { funderKind: 'region', funderName: 'Region Exempel', year: 2027, amount: 1 },
          { funderKind: 'own', funderName: 'Egna medel', year: 2024, amount: -5 },
          { funderKind: 'own', funderName: 'egna medel', year: 2024, amount: 5 },
        ],
      }),
    );
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'funding[0].funderKind invalid_funder_kind',
      'funding[1].funderName required',
      'funding[2].year year_outside_period',
      'funding[3].amount invalid_amount',
      'funding[4].year duplicate_funding_year',
    ]);
  });
});

describe('funding sums', () => {
  it('groups the rows per funder with its years in order and its total', () => {
    expect(fundersOf([funding[2]!, funding[1]!, funding[0]!])).toEqual([
      { funderKind: 'eu', funderName: 'Europeiska socialfonden', amounts: [{ year: 2024, amount: 600_000 }, { year: 2025, amount: 400_000 }], total: 1_000_000 },
      { funderKind: 'municipality', funderName: 'Medlemskommunerna', amounts: [{ year: 2024, amount: 150_000 }], total: 150_000 },
    ]);
  });

  it('sums per funder kind, per year and in all', () => {
    expect(fundingByKind(funding)).toEqual([
      { funderKind: 'eu', total: 1_000_000 },
      { funderKind: 'municipality', total: 150_000 },
    ]);
    expect(fundingByYear(funding)).toEqual([
      { year: 2024, total: 750_000 },
      { year: 2025, total: 400_000 },
    ]);
    expect(fundingTotal(funding)).toBe(1_150_000);
    expect(fundingTotal([])).toBe(0);
  });

  it.each([
    [{ budget: 1_000_000, outcome: 250_000 }, { remaining: 750_000, usedPercent: 25 }],
    [{ budget: 100, outcome: 130 }, { remaining: -30, usedPercent: 130 }],
    [{ budget: 0, outcome: 0 }, { remaining: 0, usedPercent: null }],
    [{ budget: null, outcome: 5 }, { remaining: null, usedPercent: null }],
  ])('budget %o against outcome gives %o', (project, expected) => {
    expect(budgetBalance(project)).toEqual(expected);
  });

  it('writes kronor as Swedish print does', () => {
    expect(formatKronor(1_250_000)).toBe('1\u00a0250\u00a0000\u00a0kr');
    expect(formatKronor(999)).toBe('999\u00a0kr');
  });
});

describe('tertials', () => {
  it.each([
    ['2024-01-01', 1],
    ['2024-04-30', 1],
    ['2024-05-01', 2],
    ['2024-08-31', 2],
    ['2024-09-01', 3],
    ['2024-12-31', 3],
  ] as const)('%s falls in T%i', (day, tertial) => {
    expect(tertialOf(day)).toBe(tertial);
  });

  it.each([
    [1, '2024-01-01', '2024-04-30'],
    [2, '2024-05-01', '2024-08-31'],
    [3, '2024-09-01', '2024-12-31'],
  ] as const)('T%i runs %s–%s', (tertial, startsOn, endsOn) => {
    expect(tertialRange(2024, tertial)).toEqual({ startsOn, endsOn });
  });

  it.each([
    ['T2', 2],
    ['t3', 3],
    ['1', 1],
    ['T4', null],
    ['', null],
  ] as const)('reads %j as %j', (value, expected) => {
    expect(parseTertial(value)).toBe(expected);
  });

  const t2 = tertialRange(2024, 2);
  it.each([
    ['started before and running on', { status: 'ongoing', startsOn: '2023-09-01', endsOn: '2025-06-30' }, 'ongoing'],
    ['starting during the tertial', { status: 'ongoing', startsOn: '2024-06-01', endsOn: '2025-06-30' }, 'incoming'],
    ['planned, no dates', { status: 'planned', startsOn: null, endsOn: null }, 'incoming'],
    ['ending during the tertial', { status: 'ongoing', startsOn: '2023-01-01', endsOn: '2024-06-30' }, 'completed'],
    ['completed during the tertial', { status: 'completed', startsOn: '2023-01-01', endsOn: '2024-08-31' }, 'completed'],
    ['cancelled during the tertial', { status: 'cancelled', startsOn: '2023-01-01', endsOn: '2024-05-15' }, 'completed'],
    ['ended before the tertial', { status: 'completed', startsOn: '2023-01-01', endsOn: '2024-04-30' }, null],
    ['starting after the tertial', { status: 'planned', startsOn: '2024-09-01', endsOn: null }, null],
  ] as const)('a project %s is %s in T2', (_label, project, expected) => {
    expect(portfolioGroupOf(project, t2)).toBe(expected);
  });
});

const reported = (extra: Partial<ReportedProject>): ReportedProject => ({
  title: 'Projekt',
  caseNumber: null,
  owner: null,
  projectManager: null,
  status: 'ongoing',
  startsOn: '2024-01-01',
  endsOn: '2025-12-31',
  budget: null,
  outcome: null,
  results: null,
  funding: [],
  decisions: [],
  ...extra,
});

describe('buildPortfolioReport', () => {
  it('groups the tertial’s projects and sums what is in the report only', () => {
    const report = buildPortfolioReport({
      organizationName: 'Exempelförbundet',
      year: 2024,
      tertial: 2,
      projects: [
        reported({ title: 'A', budget: 100, outcome: 40, funding }),
        reported({ title: 'B', status: 'planned', startsOn: '2024-07-01', budget: 50 }),
        reported({ title: 'C', status: 'completed', endsOn: '2024-03-31', budget: 1_000 }),
      ],
    });
    expect(report.startsOn).toBe('2024-05-01');
    expect(report.groups.map((g) => [g.group, g.projects.map((p) => p.title)])).toEqual([
      ['incoming', ['B']],
      ['ongoing', ['A']],
      ['completed', []],
    ]);
    expect(report.totals).toEqual({ budget: 150, outcome: 40, funding: 1_150_000 });
  });
});

describe('draftProjectsSection', () => {
  it('reports each project of the year with funders, budget, outcome, results and decisions', () => {
    const section = draftProjectsSection(2024, [
      reported({
        title: 'Hållbar omsorg',
        caseNumber: '2024/12',
        owner: 'Exempelförbundet',
        projectManager: 'Eva Exempel',
        budget: 1_200_000,
        outcome: 300_000,
        results: 'Tre utbildningar genomförda.',
        funding,
        decisions: [{ kind: 'start', reference: 'Styrelsen 2024-01-15 § 3' }],
      }),
      reported({ title: 'Gammalt', status: 'completed', startsOn: '2020-01-01', endsOn: '2021-12-31' }),
    ]);
    expect(section?.heading).toBe('Projekt');
    expect(section?.text).toBe(
      [
        'Under 2024 har förbundet haft 1 projekt i projektportföljen.',
        'Projekt: Hållbar omsorg (Dnr 2024/12)',
        'Projektägare: Exempelförbundet. Projektledare: Eva Exempel. Period 2024-01-01–2025-12-31. Status: pågående. Budget 1\u00a0200\u00a0000\u00a0kr, utfall 300\u00a0000\u00a0kr (25\u00a0%).',
        'Finansiering:\n- Europeiska socialfonden (EU-medel): 2024 600\u00a0000\u00a0kr, 2025 400\u00a0000\u00a0kr; totalt 1\u00a0000\u00a0000\u00a0kr\n- Medlemskommunerna (Kommuner): 2024 150\u00a0000\u00a0kr',
        'Resultat:\nTre utbildningar genomförda.',
        'Beslut:\n- Startbeslut: Styrelsen 2024-01-15 § 3',
      ].join('\n\n'),
    );
  });

  it('gives no section when no project ran during the year', () => {
    expect(draftProjectsSection(2019, [reported({})])).toBeNull();
  });
});
