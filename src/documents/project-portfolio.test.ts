import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPortfolioReport, type ReportedProject } from '../domain/projects/index.ts';
import { renderPortfolioReportHtml, renderPortfolioReportPdf } from './project-portfolio.ts';

const createdAt = new Date('2024-09-10T08:00:00Z');

const project = (extra: Partial<ReportedProject>): ReportedProject => ({
  title: 'Projekt',
  caseNumber: null,
  owner: 'Kommunförbundet Sjöbygden',
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

/** A fictional förbund's second tertial: one project of each group. */
const report = buildPortfolioReport({
  organizationName: 'Kommunförbundet Sjöbygden',
  year: 2024,
  tertial: 2,
  projects: [
    project({ title: 'Digital mognad', status: 'planned', startsOn: '2024-08-01', budget: 400_000 }),
    project({
      title: 'Hållbar omsorg',
      caseNumber: '2023/41',
      projectManager: 'Eva Exempel',
      budget: 3_000_000,
      outcome: 1_250_000,
      results: 'Fyra utbildningsdagar för omsorgspersonal.',
      funding: [
        { funderKind: 'eu', funderName: 'Europeiska socialfonden', year: 2024, amount: 900_000 },
        { funderKind: 'region', funderName: 'Region Sjöbygden', year: 2024, amount: 250_000 },
      ],
      decisions: [{ kind: 'start', reference: 'Styrelsen 2023-11-20 § 61' }],
    }),
    project({ title: 'Tolkförmedling', status: 'completed', startsOn: '2022-01-01', endsOn: '2024-06-30' }),
  ],
});

const tools = ['pdfinfo', 'pdftotext', 'pdffonts'].every((tool) => {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

describe('renderPortfolioReportPdf', () => {
  let file: string;
  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'protokoll-portfolio-')), 'portfolio.pdf');
    writeFileSync(file, await renderPortfolioReportPdf(report, { createdAt }));
  });

  it('is tagged PDF/A-2a in Swedish with every font embedded', async () => {
    const bytes = (await renderPortfolioReportPdf(report, { createdAt })).toString('latin1');
    expect(bytes).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(bytes).toContain('/Lang (sv-SE)');
    for (const tag of ['/S /H2', '/S /H3', '/S /Table', '/S /TH', '/S /TD']) expect(bytes).toContain(tag);
    expect(bytes).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it.runIf(tools)('reads back with the Debian PDF tools: tagged, A4, its title, and the projects in their groups', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Projektportfölj T2 2024 – Kommunförbundet Sjöbygden/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    for (const font of execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2)) expect(font).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0]+/gu, ' ');
    expect(text).toContain('Inkommande projekt (1)');
    expect(text).toContain('Pågående projekt (1)');
    expect(text).toContain('Avslutade projekt (1)');
    expect(text).toContain('Europeiska socialfonden (EU-medel): 2024 900 000 kr');
    expect(text).toContain('Region Sjöbygden (Region): 2024 250 000 kr');
    expect(text).toContain('Startbeslut: Styrelsen 2023-11-20 § 61');
    expect(text).toContain('Budget 3 000 000 kr, utfall 1 250 000 kr (42 %).');
  });

  it('fails loudly when the PDF tools are missing rather than passing silently', () => {
    expect(tools, 'install poppler-utils (pdfinfo, pdftotext, pdffonts)').toBe(true);
  });
});

describe('renderPortfolioReportHtml', () => {
  it('carries the same words with the groups as headings and an overview table', () => {
    const html = renderPortfolioReportHtml(report);
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<h3>Pågående projekt (1)</h3>');
    expect(html).toContain('Hållbar omsorg (Dnr 2023/41)');
  });
});
