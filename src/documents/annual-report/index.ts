/**
 * Renders a verksamhetsberättelse (annual activity report) in the layout Swedish förbund print theirs: a
 * cover with the year and the organisation, a table of contents (Innehåll) with page numbers, then one
 * section per heading. Like the protocol, it is first built as a DocumentContent and then drawn by the
 * same writers, so the PDF is tagged PDF/A-2a with embedded fonts and the HTML carries the same words.
 *
 * Section text is plain: paragraphs separated by a blank line, "- " list items, "Mål:" and "Projekt:"
 * lines as the goal's or project's heading, and "Indikator:", "Beslut under året:", "Uppdrag:",
 * "Finansiering:", "Resultat:" and "Beslut:" lines as lead-ins.
 */
import type { AnnualReportContent } from '../../domain/follow-up/annual-report.ts';
import type { Block, DocumentContent, Section } from '../document-model.ts';
import { writeHtml } from '../html-writer.ts';
import { writePdf, type PdfRenderOptions } from '../pdf-writer.ts';

/** Splits section text into the document's blocks: paragraphs, goal headings, lead-ins and lists. */
export function blocksOfSectionText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    let list: string[] | null = null;
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ type: 'paragraph', text: paragraph.join(' ') });
      paragraph = [];
    };
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('- ')) {
        flush();
        if (!list) {
          list = [];
          blocks.push({ type: 'list', items: list });
        }
        list.push(line.slice(2));
        continue;
      }
      list = null;
      if (/^(?:Mål|Projekt):/.test(line)) {
        flush();
        blocks.push({ type: 'heading', level: 3, text: line });
      } else if (/^(?:Indikator|Beslut under året|Uppdrag|Finansiering|Resultat|Beslut):/.test(line)) {
        flush();
        blocks.push({ type: 'paragraph', text: line, tone: 'label' });
      } else paragraph.push(line);
    }
    flush();
  }
  return blocks;
}

/** The report as document content: cover, Innehåll, then the sections. */
export function buildAnnualReportContent(report: AnnualReportContent): DocumentContent {
  const title = `Verksamhetsberättelse ${report.year}`;
  const anchors = report.sections.map((_, index) => `avsnitt-${index + 1}`);
  const sections: Section[] = [
    {
      anchor: 'innehall',
      startOnNewPage: true,
      blocks: [{ type: 'toc', heading: 'Innehåll', entries: report.sections.map((s, index) => ({ label: s.heading, anchor: anchors[index]! })) }],
    },
    ...report.sections.map(
      (section, index): Section => ({
        anchor: anchors[index]!,
        outlineTitle: section.heading,
        // The board's work and its representation share a page, as in printed reports; each area starts a new one.
        startOnNewPage: index !== 1,
        blocks: [{ type: 'heading', level: 2, text: section.heading }, ...blocksOfSectionText(section.text)],
      }),
    ),
  ];
  return {
    title: `${title} – ${report.organizationName}`,
    subject: `Verksamhetsberättelse för ${report.organizationName} ${report.year}`,
    author: report.organizationName,
    band: { organization: report.organizationName, kindWord: 'VERKSAMHETSBERÄTTELSE', body: null, dateLabel: 'Verksamhetsår', date: String(report.year) },
    cover: { title, lines: [report.organizationName, ...(report.status === 'draft' ? ['Utkast'] : [])] },
    footerBoxes: false,
    sections,
  };
}

/** The report as one self-contained, accessible HTML page in Swedish. */
export function renderAnnualReportHtml(report: AnnualReportContent): string {
  return writeHtml(buildAnnualReportContent(report));
}

/** The report as a tagged PDF/A-2a on A4: cover, Innehåll with page numbers, then the sections. */
export async function renderAnnualReportPdf(report: AnnualReportContent, options: PdfRenderOptions = {}): Promise<Buffer> {
  // Without a creation time the bytes would change with the clock; the epoch keeps them reproducible.
  return writePdf(buildAnnualReportContent(report), { createdAt: options.createdAt ?? new Date(0) });
}
