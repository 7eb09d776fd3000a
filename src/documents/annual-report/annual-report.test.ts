import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { draftAnnualReportSections, type AnnualReportContent } from '../../domain/follow-up/annual-report.ts';
import { readPdfText } from '../../../test/documents/pdf-text.ts';
import { renderAnnualReportHtml, renderAnnualReportPdf } from './index.ts';

const createdAt = new Date('2021-02-15T10:00:00Z');

/** A fictional förbund's year, drafted the way the service drafts it, in the shape of seed 004. */
function buildFictionalAnnualReport(): AnnualReportContent {
  const organizationName = 'Kommunförbundet Sjöbygden';
  const sections = draftAnnualReportSections({
    organizationName,
    year: 2020,
    bodies: [{ name: 'Styrelsen', meetings: 9, remoteMeetings: 7, decisions: 64 }],
    consultationsAnswered: [
      { title: 'Innovationsstrategin Smart specialisering', sender: 'Region Sjöbygden' },
      { title: 'Regional digital agenda', sender: 'Region Sjöbygden' },
    ],
    appointments: [
      { externalBody: 'Föreningsarkivet', personName: 'Karin Lindberg', role: 'ordinary' },
      { externalBody: 'Föreningsarkivet', personName: 'Sten Dahl', role: 'substitute' },
      { externalBody: 'Intresseföreningen Norrtåg', personName: 'Johan Åkerlund', role: 'ordinary' },
      { externalBody: 'Regionala samverkansrådet', personName: 'Erik Östling', role: 'ordinary' },
    ],
    assignments: { given: 6, reported: 4, open: 2, overdue: 1 },
    delegatedDecisionsReported: 23,
    areas: [
      {
        area: 'Kommunövergripande',
        goals: [
          {
            title: 'Leda kommunernas samverkan för välfärd och utveckling.',
            description: 'Kommundirektörsnätverket har främst hanterat samverkan inom e-tjänster och regionala strategier.',
            indicators: [
              {
                title: 'Möten i kommundirektörsnätverket',
                unit: 'st',
                targetValue: '10',
                followUps: [
                  { period: 'T1', value: '3', comment: null },
                  { period: 'T2', value: '7', comment: 'Korta digitala avstämningar under pandemin' },
                  { period: 'helår', value: '11', comment: null },
                ],
              },
            ],
          },
          { title: 'Genomföra kompetensutvecklingsinsatser inom kommunernas samverkansområden.', description: null, indicators: [] },
        ],
        decisions: [{ bodyName: 'Styrelsen', heldOn: '2020-10-16', number: 52, title: 'Övergripande mål', decision: 'Styrelsen fastställer nya övergripande mål för verksamheten.' }],
        assignments: [{ assignee: null, description: 'Ta fram en plan för uppföljning av målen', status: 'open', dueOn: '2021-03-31' }],
      },
      {
        area: 'Utbildning och arbetsliv',
        goals: [
          {
            title: 'Utveckla gymnasiesamverkan.',
            description: null,
            indicators: [{ title: 'Möten i nätverket för gymnasiechefer', unit: 'st', targetValue: '20', followUps: [{ period: 'T1', value: '6', comment: null }] }],
          },
        ],
        decisions: [],
        assignments: [{ assignee: 'Förbundschefen', description: 'Förbundschefen får i uppdrag att utreda ett gemensamt antagningskansli', status: 'reported', dueOn: null }],
      },
    ],
  });
  return { organizationName, year: 2020, status: 'draft', sections };
}

describe('renderAnnualReportPdf', () => {
  const report = buildFictionalAnnualReport();
  let pdf: Buffer;
  let pages: string[][];

  beforeAll(async () => {
    pdf = await renderAnnualReportPdf(report, { createdAt });
    pages = await readPdfText(pdf);
  });

  it('starts with a cover carrying the title, the organisation and Utkast for a draft, and no page number', () => {
    expect(pages[0]).toEqual(['Verksamhetsberättelse 2020', 'Kommunförbundet Sjöbygden', 'Utkast']);
  });

  it('lists every section in Innehåll with the page it starts on, counting the cover as page 1', () => {
    const toc = pages[1]!;
    expect(toc[0]).toBe(`Kommunförbundet Sjöbygden VERKSAMHETSBERÄTTELSE 2 (${pages.length})`);
    expect(toc).toContain('Innehåll');
    const pageOf = (heading: string) => Number(toc.find((line) => line.startsWith(`${heading} `))!.slice(heading.length + 1));
    for (const section of report.sections) {
      const page = pageOf(section.heading);
      expect(pages[page - 1], section.heading).toContain(section.heading);
    }
    expect(pageOf('Styrelsens arbete')).toBe(3);
    expect(pageOf('Styrelsens representation och externa politiska uppdrag')).toBe(3);
    expect(pageOf('Kommunövergripande')).toBe(4);
  });

  it('prints the sections with goals, indicators and their follow-ups, and the running header on every page after the cover', () => {
    const text = pages.flat().join('\n');
    expect(text).toContain('Styrelsen har under 2020 haft nio möten, varav sju digitala och fattat beslut i 64 ärenden.');
    expect(text).toContain('– Föreningsarkivet – Karin Lindberg, Sten Dahl (ersättare)');
    expect(text).toContain('Mål: Leda kommunernas samverkan för välfärd och utveckling.');
    expect(text).toContain('Indikator: Möten i kommundirektörsnätverket (målvärde 10 st)');
    expect(text).toContain('– T2: 7 st. Korta digitala avstämningar under pandemin');
    expect(text).toContain('– Ta fram en plan för uppföljning av målen (pågår, senast 2021-03-31)');
    pages.slice(1).forEach((page, index) => {
      expect(page[0]).toBe(`Kommunförbundet Sjöbygden VERKSAMHETSBERÄTTELSE ${index + 2} (${pages.length})`);
      expect(page[1]).toBe('Verksamhetsår 2020');
    });
  });

  it('is tagged PDF/A-2a in Swedish with its title shown, headings and lists tagged and every font embedded', () => {
    const bytes = pdf.toString('latin1');
    expect(bytes).toContain('/StructTreeRoot');
    expect(bytes).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(bytes).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(bytes).toContain('/Lang (sv-SE)');
    expect(bytes).toContain('/DisplayDocTitle true');
    for (const tag of ['/S /H1', '/S /H2', '/S /H3', '/S /P', '/S /L', '/S /LI', '/S /TOC', '/S /TOCI']) expect(bytes).toContain(tag);
    expect(bytes).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('gives the same bytes for the same report and creation time', async () => {
    const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(hash(await renderAnnualReportPdf(report, { createdAt }))).toBe(hash(pdf));
  });
});

describe('renderAnnualReportHtml', () => {
  it('carries the same words: the cover title as h1, Innehåll linking each section, goals as h3', () => {
    const html = renderAnnualReportHtml(buildFictionalAnnualReport());
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<h1>Verksamhetsberättelse 2020</h1>');
    expect(html).toContain('<a href="#avsnitt-3">Kommunövergripande</a>');
    expect(html).toContain('<h3>Mål: Utveckla gymnasiesamverkan.</h3>');
    expect(html).toContain('<p class="label">Indikator: Möten i nätverket för gymnasiechefer (målvärde 20 st)</p>');
  });
});

describe('renderAnnualReportPdf checked with the Debian PDF tools', () => {
  const has = (tool: string) => {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const tools = ['pdfinfo', 'pdffonts', 'qpdf'].every(has);
  if (!tools) it.skip('needs poppler-utils and qpdf (apt-get install -y poppler-utils qpdf)', () => {});

  it.runIf(tools)('reports the file as tagged PDF/A on A4 with its title, fully embedded fonts and no structural errors', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'protokoll-annual-report-')), 'report.pdf');
    writeFileSync(file, await renderAnnualReportPdf(buildFictionalAnnualReport(), { createdAt }));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Verksamhetsberättelse 2020 – Kommunförbundet Sjöbygden/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' })).toContain('<pdfaid:part>2</pdfaid:part>');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const font of fonts) expect(font).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
  });
});
