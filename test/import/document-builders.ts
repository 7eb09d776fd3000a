/**
 * Builds PDF and DOCX versions of a plain-text minutes document for the importer's tests: the PDF lays
 * tab-separated lines out as table columns and wraps long lines like a word processor would; the DOCX
 * turns runs of tab-separated lines into tables and other lines into paragraphs.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const require = createRequire(import.meta.url);
export const FONT_PATH = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

const FONT_SIZE = 9;
const LINE_HEIGHT = 12;
const MARGIN = 50;
const CELL_GAP = 18;

function wrap(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && doc.widthOfString(candidate) > width) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  lines.push(current);
  return lines;
}

/** A PDF with a text layer whose lines show `text`. */
export async function buildPdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN });
  doc.registerFont('body', FONT_PATH);
  doc.font('body').fontSize(FONT_SIZE);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const right = doc.page.width - MARGIN;
  const bottom = doc.page.height - MARGIN;
  let y = MARGIN;
  const advance = (step: number) => {
    y += step;
    if (y > bottom) {
      doc.addPage();
      y = MARGIN;
    }
  };
  const draw = (s: string, x: number) => {
    if (s !== '') doc.text(s, x, y, { lineBreak: false });
  };
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      advance(LINE_HEIGHT * 0.9);
      i++;
      continue;
    }
    if (!line.includes('\t')) {
      for (const part of wrap(doc, line.trim(), right - MARGIN)) {
        draw(part, MARGIN);
        advance(LINE_HEIGHT);
      }
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]!.includes('\t')) j++;
    const rows = lines.slice(i, j).map((l) => l.split('\t').map((c) => c.trim()));
    const columns = Math.max(...rows.map((r) => r.length));
    const widths = new Array<number>(columns).fill(0);
    for (const row of rows) row.forEach((cell, c) => (widths[c] = Math.max(widths[c]!, Math.min(doc.widthOfString(cell), 220))));
    const xs: number[] = [];
    let x = MARGIN;
    for (let c = 0; c < columns; c++) {
      xs.push(x);
      x += (widths[c] || 10) + CELL_GAP;
    }
    for (const row of rows) {
      let extra = 1;
      row.forEach((cell, c) => {
        const available = (c === row.length - 1 ? right : Math.min(right, xs[c + 1]! - CELL_GAP)) - xs[c]!;
        const parts = wrap(doc, cell, Math.max(available, 40));
        parts.forEach((part, k) => {
          if (k > 0 && k >= extra) extra = k + 1;
          doc.text(part, xs[c]!, y + k * LINE_HEIGHT, { lineBreak: false });
        });
      });
      advance(LINE_HEIGHT * extra);
    }
    i = j;
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

/** A PDF with no text layer, as a scanner makes it. */
export async function buildScannedPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.rect(60, 60, 400, 300).fill('#cccccc');
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function paragraphOf(lines: string[]): Paragraph {
  return new Paragraph({
    children: lines.map((line, k) => new TextRun({ text: line.trim(), break: k > 0 ? 1 : 0 })),
  });
}

function tableOf(lines: string[]): Table {
  const rows = lines.map((l) => l.split('\t'));
  const columns = Math.max(...rows.map((r) => r.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (cells) =>
        new TableRow({
          children: Array.from({ length: columns }, (_, c) => new TableCell({ children: [new Paragraph(cells[c]?.trim() ?? '')] })),
        }),
    ),
  });
}

/** A DOCX whose paragraphs and tables show `text`. */
export async function buildDocx(text: string): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  const blocks = text.replace(/\r\n?/gu, '\n').split(/\n[ \t]*\n/u);
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    let k = 0;
    while (k < lines.length) {
      const tabbed = lines[k]!.includes('\t');
      let m = k;
      while (m < lines.length && lines[m]!.includes('\t') === tabbed) m++;
      children.push(tabbed ? tableOf(lines.slice(k, m)) : paragraphOf(lines.slice(k, m)));
      k = m;
    }
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
