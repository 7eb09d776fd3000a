/**
 * Writes a DocumentContent as an editable Word document (.docx, the `docx` package): what a secretary
 * hands on to someone who works in Word. Same words and order as the PDF and the HTML, drawn from the
 * same model: the band as the page header on every page with the page number, §§ as Word headings (so
 * the navigation pane lists them), label/value tables without borders, the anslag box framed, line
 * breaks inside a text kept as line breaks. Styles are Word's own named styles (Heading 1–3, Normal),
 * so a secretary's own template restyles the document.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBordersOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, DocumentContent, FieldRow, Section, Signer } from './document-model.ts';
import { labels } from './labels.ts';

// Twentieths of a point (twips): A4 with the PDF's margins (70 pt left, 62 pt right, 104/96 pt top/bottom
// less the band, which Word draws in the header area).
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1700, bottom: 1500, left: 1400, right: 1240, header: 700, footer: 600 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const LABEL_WIDTH = 2560;
const FONT = { serif: 'Georgia', sans: 'Arial' };
const NUMBERED = 'protokoll-decisions';
/** Several decision points are numbered 1., 2., …, each § counting from 1 again. */
const NUMBERED_POINTS = 'protokoll-decision-numbers';

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders: IBordersOptions = { top: none, bottom: none, left: none, right: none };
const thin = { style: BorderStyle.SINGLE, size: 4, color: '8A8A8A' };
const framed: IBordersOptions = { top: thin, bottom: thin, left: thin, right: thin };

/** The document as .docx bytes. */
export async function writeDocx(content: DocumentContent): Promise<Buffer> {
  const document = new Document({
    title: content.title,
    subject: content.subject,
    ...(content.author ? { creator: content.author } : {}),
    styles: {
      default: { document: { run: { font: FONT.serif, size: 20 } }, heading1: { run: { font: FONT.sans, size: 28, bold: true } } },
      paragraphStyles: [
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT.sans, size: 25, bold: true }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
        { id: 'Heading3', name: 'Heading 3', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT.sans, size: 19, bold: true }, paragraph: { spacing: { before: 160, after: 40 }, keepNext: true } },
      ],
    },
    numbering: {
      config: [
        { reference: NUMBERED, levels: [{ level: 0, format: LevelFormat.BULLET, text: '–', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 260 } } } }] },
        { reference: NUMBERED_POINTS, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }] },
      ],
    },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        headers: { default: bandHeader(content) },
        ...(content.footerBoxes ? { footers: { default: footerBoxes() } } : {}),
        children: [
          // The band is the visual title, in the page header as in the PDF; a report's cover is its first page.
          ...(content.cover ? coverPage(content.cover) : []),
          ...content.sections.flatMap(section),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** Organisation and document kind on the left, body and date on the right, page number "1 (3)". */
function bandHeader(content: DocumentContent): Header {
  const band = content.band;
  const left = [band.organization ?? '', band.kindWord];
  const right = [band.body ?? '', `${band.dateLabel}${band.date ? ` ${band.date}` : ''}`];
  const cell = (lines: string[], alignment: (typeof AlignmentType)[keyof typeof AlignmentType], pageNumber: boolean) =>
    new TableCell({
      borders: noBorders,
      width: { size: CONTENT_WIDTH / 2, type: WidthType.DXA },
      children: lines.map(
        (line, index) =>
          new Paragraph({
            alignment,
            children: [
              new TextRun({ text: line, font: FONT.sans, size: 18, bold: index === 1 }),
              ...(pageNumber && index === 0 ? [new TextRun({ font: FONT.sans, size: 18, children: ['   ', PageNumber.CURRENT, ' (', PageNumber.TOTAL_PAGES, ')'] })] : []),
            ],
          }),
      ),
    });
  return new Header({
    children: [
      new Table({
        width: { size: CONTENT_WIDTH, type: WidthType.DXA },
        borders: { ...noBorders, insideHorizontal: none, insideVertical: none },
        rows: [new TableRow({ children: [cell(left, AlignmentType.LEFT, false), cell(right, AlignmentType.RIGHT, true)] })],
      }),
    ],
  });
}

function footerBoxes(): Footer {
  const box = (label: string) =>
    new TableCell({
      borders: framed,
      width: { size: 3000, type: WidthType.DXA },
      children: [new Paragraph({ children: [new TextRun({ text: label, font: FONT.sans, size: 14 })] }), new Paragraph('')],
    });
  return new Footer({
    children: [new Table({ width: { size: 6000, type: WidthType.DXA }, rows: [new TableRow({ children: [box(labels.footerAdjusters), box(labels.footerCertification)] })] })],
  });
}

function coverPage(cover: { title: string; lines: string[] }): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 2400, after: 240 }, children: [new TextRun(cover.title)] }),
    ...cover.lines.map((line) => new Paragraph({ children: [new TextRun({ text: line, font: FONT.sans, size: 30 })] })),
  ];
}

function section(content: Section): (Paragraph | Table)[] {
  const out = content.blocks.flatMap(block);
  const first = out[0];
  // A § that starts on a new page in the PDF does so in Word too.
  if (content.startOnNewPage && first instanceof Paragraph) out.unshift(new Paragraph({ pageBreakBefore: true, children: [] }));
  return out;
}

function block(item: Block): (Paragraph | Table)[] {
  switch (item.type) {
    case 'heading':
      return [new Paragraph({ heading: item.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: lines(item.text) })];
    case 'paragraph':
      return [paragraph(item.text, item.tone ?? 'normal')];
    case 'list':
      return item.items.map(
        (entry, index) =>
          new Paragraph({
            numbering: item.numbered ? { reference: NUMBERED_POINTS, level: 0, restart: index === 0 } : { reference: NUMBERED, level: 0 },
            children: lines(entry),
          }),
      );
    case 'fields':
      return [fieldTable(item.rows, noBorders)];
    case 'table':
      return [caption(item.caption), grid(item.head, item.rows, item.widths)];
    case 'signatures':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(item.heading)] }), ...item.signers.flatMap(signature)];
    case 'toc':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(item.heading)] }), ...item.entries.map((entry) => new Paragraph({ children: [new TextRun(entry.label)] }))];
    case 'box':
      return [
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(item.heading)] }),
        paragraph(item.lead, 'normal'),
        fieldTable([...item.rows, { label: item.signatureLabel, lines: [''] }], framed),
      ];
  }
}

/** A text's own line breaks stay line breaks (a decision typed on several lines, a list in a § text). */
function lines(text: string, style: { font?: string; size?: number; bold?: boolean; color?: string } = {}): ParagraphChild[] {
  return text.split('\n').map((line, index) => new TextRun({ text: line, ...style, ...(index > 0 ? { break: 1 } : {}) }));
}

function paragraph(text: string, tone: 'normal' | 'meta' | 'lead' | 'label'): Paragraph {
  const style = {
    normal: {},
    lead: {},
    meta: { font: FONT.sans, size: 17, color: '5A5A5A' },
    label: { font: FONT.sans, size: 17, bold: true },
  }[tone];
  return new Paragraph({ spacing: { after: tone === 'label' ? 40 : 120 }, keepNext: tone === 'label', children: lines(text, style) });
}

function caption(text: string): Paragraph {
  return new Paragraph({ keepNext: true, children: [new TextRun({ text, font: FONT.sans, size: 17, bold: true })] });
}

function fieldTable(rows: FieldRow[], borders: IBordersOptions): Table {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    borders: { ...borders, insideHorizontal: borders.top ?? none, insideVertical: none },
    rows: rows.map(
      (row) =>
        new TableRow({
          cantSplit: !row.stacked,
          children: [
            new TableCell({ borders, width: { size: LABEL_WIDTH, type: WidthType.DXA }, children: [new Paragraph({ children: [new TextRun({ text: row.label, font: FONT.sans, size: 17, bold: true })] })] }),
            new TableCell({
              borders,
              width: { size: CONTENT_WIDTH - LABEL_WIDTH, type: WidthType.DXA },
              children: (row.lines.length ? row.lines : ['']).map((line) => new Paragraph({ children: lines(line, { size: 19 }) })),
            }),
          ],
        }),
    ),
  });
}

function grid(head: string[], rows: string[][], widths: number[]): Table {
  const total = widths.reduce((sum, w) => sum + w, 0) || 1;
  const cell = (text: string, index: number, header: boolean) =>
    new TableCell({
      borders: framed,
      width: { size: Math.round((CONTENT_WIDTH * (widths[index] ?? 1)) / total), type: WidthType.DXA },
      children: [new Paragraph({ children: lines(text, header ? { font: FONT.sans, size: 17, bold: true } : { size: 19 }) })],
    });
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((text, index) => cell(text, index, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, index) => cell(text, index, false)) })),
    ],
  });
}

/** A line to sign on, then the role and the name, as on the PDF's signature page. */
function signature(signer: Signer): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 480 }, border: { bottom: thin }, children: [] }),
    new Paragraph({ children: [new TextRun({ text: `${signer.role} `, font: FONT.sans, size: 17, bold: true }), new TextRun(signer.name ?? '')] }),
    ...(signer.note ? [paragraph(signer.note, 'meta')] : []),
  ];
}
