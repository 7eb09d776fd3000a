import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMinutesPdf } from './index.ts';
import { buildFictionalMinutes } from '../../test/documents/fictional-minutes.ts';
import { readPdfText } from '../../test/documents/pdf-text.ts';

const createdAt = '2024-10-03T12:00:00Z';

describe('renderMinutesPdf', () => {
  const minutes = buildFictionalMinutes({ count: 12 });
  let pdf: Buffer;
  let pages: string[][];
  let text: string;

  beforeAll(async () => {
    pdf = await renderMinutesPdf(minutes, { createdAt });
    pages = await readPdfText(pdf);
    text = pages.flat().join('\n');
  });

  it('prints the title page with organisation, kind, body and meeting date', () => {
    expect(pages[0]!.slice(0, 4)).toEqual([
      `Sjöbygdens kommunalförbund 1 (${pages.length})`,
      'PROTOKOLL',
      'Förbundsstyrelsen',
      'Sammanträdesdatum 2024-09-26',
    ]);
  });

  it('prints place and time with the date in Swedish words', () => {
    expect(pages[0]).toContain('Plats och tid Förbundshuset, Sammanträdesrum Forsen');
    expect(pages[0]).toContain('torsdag 26 september 2024, kl. 09.00–15.30');
  });

  it('lists one attendee per line with party, organisation, role and notes', () => {
    expect(pages[0]).toContain('Beslutande');
    expect(pages[0]).toContain('Åsa Ödmark (S), Norrsjö kommun, ordförande');
    expect(pages[0]).toContain('Jöns Bäckström (V), Norrsjö kommun, ledamot, på distans, §§ 31–35');
    expect(pages[0]).toContain('Ingvar Åström (S), Åbyns kommun, tjänstgörande ersättare för Lena Höglund');
    expect(pages[0]).toContain('Övriga deltagare');
    expect(pages[0]).toContain('Sofia Ärlig (L), Gråbergs kommun, ej tjänstgörande ersättare');
    expect(pages[0]).toContain('Göran Nyström, Sjöbygdens kommunalförbund, tjänsteperson, §§ 33, 36');
  });

  it('prints justering, §§ and the signature lines with signing times', () => {
    expect(pages[0]).toContain('Justerare Märta Åkesson');
    expect(pages[0]).toContain('Justeringens plats och tid Förbundskansliet, 2024-10-03');
    expect(pages[0]).toContain('Paragrafer §§ 31–42');
    expect(pages[0]).toContain('Sekreterare Karl-Åke Lindqvist');
    expect(pages[0]).toContain('Signerat 2024-10-02 kl. 14.05 (UTC+02:00)');
  });

  it('numbers every page N (M) and repeats body and meeting date in the running header', () => {
    pages.slice(1).forEach((page, index) => {
      expect(page[0]).toBe(`Sjöbygdens kommunalförbund PROTOKOLL ${index + 2} (${pages.length})`);
      expect(page[1]).toBe('Förbundsstyrelsen Sammanträdesdatum 2024-09-26');
    });
  });

  it('puts the adjusters’ and certification boxes at the foot of every page', () => {
    for (const page of pages) expect(page).toContain('Justerandes signatur Utdragsbestyrkande');
  });

  it('prints a table of contents with page numbers when there are more than eight §§', () => {
    expect(pages[1]).toContain('Innehållsförteckning');
    const first = pages[1]!.find((line) => line.startsWith('§ 31 '));
    expect(first).toMatch(/^§ 31 Val av justerare \d+$/);
  });

  it('prints each § with Dnr, Föredragande, the att-list, votes, reservations, jäv and attachments', () => {
    expect(text).toContain('§ 33 Tertialuppföljning med helårsprognos\nDnr SBF 2024/31\nFöredragande: Göran Nyström');
    expect(text).toContain('Beslut\nFörbundsstyrelsen beslutar att\n1. godkänna förvaltningens förslag till beslut');
    expect(text).toContain('Omröstning');
    expect(text).toContain('Ja 4, Nej 1, Avstår 0');
    expect(text).toMatch(/Ledamot Parti Röst\nÅsa Ödmark S Ja/);
    expect(text).toContain('Jöns Bäckström (V) reserverar sig mot beslutet: till förmån för eget yrkande om återremiss');
    expect(text).toContain('Jäv\nLena Höglund anmäler jäv och deltar inte i handläggningen');
    expect(text).toContain('Bilaga: Tjänsteskrivelse 35');
  });

  it('ends with the anslag when the minutes state one', () => {
    const last = pages[pages.length - 1]!;
    expect(last).toContain('ANSLAG/BEVIS');
    expect(last).toContain('Protokollet är justerat. Justeringen har tillkännagivits genom anslag.');
    expect(last).toContain('Datum då anslaget sätts upp 2024-10-04');
    expect(last).toContain('Datum då anslaget tas ned 2024-10-28');
    expect(last).toContain('Förvaringsplats för protokollet Förbundskansliet, Storgatan 4, Norrsjö');
  });

  it('is tagged, declares PDF/A-2a and Swedish, and shows its title', () => {
    const bytes = pdf.toString('latin1');
    expect(bytes).toContain('/StructTreeRoot');
    expect(bytes).toMatch(/\/MarkInfo \d+ 0 R|\/Marked true/);
    expect(bytes).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(bytes).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(bytes).toContain('/Lang (sv-SE)');
    expect(bytes).toContain('/DisplayDocTitle true');
    expect(bytes).toContain('/OutputIntents');
    for (const tag of ['/S /H1', '/S /H2', '/S /H3', '/S /P', '/S /L', '/S /LI', '/S /Table', '/S /TH', '/S /TD', '/S /TOC']) {
      expect(bytes).toContain(tag);
    }
  });

  it('embeds every font it uses and no standard font', () => {
    const bytes = pdf.toString('latin1');
    const fonts = bytes.match(/\/FontFile2/g) ?? [];
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    expect(bytes).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('gives the same bytes for the same minutes and creation time', async () => {
    const again = await renderMinutesPdf(minutes, { createdAt });
    const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(hash(again)).toBe(hash(pdf));
  });

  it('leaves out the table of contents for a short protocol', async () => {
    const short = await readPdfText(await renderMinutesPdf(buildFictionalMinutes({ count: 3 }), { createdAt }));
    expect(short.flat()).not.toContain('Innehållsförteckning');
  });

  it('calls minutes of a non-deciding meeting MINNESANTECKNINGAR', async () => {
    const notes = { ...buildFictionalMinutes({ count: 2 }), kind: 'notes' as const };
    const [first] = await readPdfText(await renderMinutesPdf(notes, { createdAt }));
    expect(first![1]).toBe('MINNESANTECKNINGAR');
  });
});

describe('renderMinutesPdf checked with the Debian PDF tools', () => {
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

  it.runIf(tools)('reports the file as tagged, fully embedded and structurally clean', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'protokoll-pdf-')), 'minutes.pdf');
    writeFileSync(file, await renderMinutesPdf(buildFictionalMinutes({ count: 10 }), { createdAt }));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' })).toContain('<pdfaid:part>2</pdfaid:part>');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
  });
});
