/**
 * PDF → text with pdfjs (text layer only; scans have none). Lines are rebuilt from the positions of the
 * text items: a change of baseline starts a new line, a wide horizontal gap becomes a tab, and a larger
 * vertical gap than the usual line spacing becomes a blank line (a paragraph break). Runs of lines with
 * cells are aligned on shared column positions, so an empty cell in a table still yields its tab and an X
 * stays in its column.
 */
import { InputError } from '../errors.ts';

export interface TextPiece {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Cell {
  text: string;
  x: number;
}

export interface Line {
  y: number;
  height: number;
  cells: Cell[];
}

type PdfModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfModule> | undefined;

function loadPdfjs(): Promise<PdfModule> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** Pieces of text with positions (PDF points, y upwards) → lines of cells. Also used for OCR'd words (ocr.ts). */
export function piecesToLines(pieces: TextPiece[]): Line[] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextPiece[][] = [];
  for (const piece of sorted) {
    const row = rows[rows.length - 1];
    const ref = row?.[0];
    if (row && ref && Math.abs(ref.y - piece.y) <= Math.max(2, Math.min(ref.height, piece.height) * 0.4)) row.push(piece);
    else rows.push([piece]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const height = Math.max(...row.map((p) => p.height));
    const cells: Cell[] = [];
    let current: Cell | undefined;
    let end = 0;
    for (const piece of row) {
      const gap = piece.x - end;
      if (!current || gap > Math.max(height * 1.2, 8)) {
        current = { text: piece.text, x: piece.x };
        cells.push(current);
      } else {
        const needsSpace = gap > height * 0.15 && !current.text.endsWith(' ') && !piece.text.startsWith(' ');
        current.text += (needsSpace ? ' ' : '') + piece.text;
      }
      end = Math.max(end, piece.x + piece.width);
    }
    for (const c of cells) c.text = c.text.replace(/\s+/gu, ' ').trim();
    return { y: row[0]!.y, height, cells: cells.filter((c) => c.text !== '') };
  });
}

/** Cluster x positions of cells in a run of table-like lines into columns. */
function alignColumns(run: Line[], leftMargin: number): string[] {
  const xs = run.flatMap((l) => l.cells.map((c) => c.x)).sort((a, b) => a - b);
  const columns: number[] = [];
  for (const x of xs) {
    const last = columns[columns.length - 1];
    if (last === undefined || x - last > 6) columns.push(x);
  }
  if (columns[0] !== undefined && columns[0] - leftMargin > 6) columns.unshift(leftMargin);
  return run.map((line) => {
    const slots: string[] = [];
    for (const cell of line.cells) {
      let index = 0;
      let best = Infinity;
      columns.forEach((x, i) => {
        const d = Math.abs(x - cell.x);
        if (d < best) {
          best = d;
          index = i;
        }
      });
      while (slots.length < index) slots.push('');
      if (slots.length > index) slots[slots.length - 1] += ` ${cell.text}`;
      else slots.push(cell.text);
    }
    return slots.join('\t');
  });
}

/** Lines of one page → text: tabs between cells, aligned table columns, blank lines at wide vertical gaps. */
export function pageText(lines: Line[]): string {
  if (lines.length === 0) return '';
  const leftMargin = Math.min(...lines.map((l) => l.cells[0]?.x ?? Infinity));
  const spacings: number[] = [];
  for (let i = 1; i < lines.length; i++) spacings.push(lines[i - 1]!.y - lines[i]!.y);
  spacings.sort((a, b) => a - b);
  const usual = spacings[Math.floor(spacings.length / 3)] ?? 12;
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const isTabular = (l: Line) => l.cells.length > 1 || (l.cells[0]?.x ?? leftMargin) - leftMargin > 20;
    if (i > 0 && lines[i - 1]!.y - lines[i]!.y > usual * 1.45) out.push('');
    if (isTabular(lines[i]!)) {
      let j = i + 1;
      while (j < lines.length && isTabular(lines[j]!) && lines[j - 1]!.y - lines[j]!.y <= usual * 1.45) j++;
      out.push(...alignColumns(lines.slice(i, j), leftMargin));
      i = j;
      continue;
    }
    out.push(lines[i]!.cells[0]?.text ?? '');
    i++;
  }
  return out.join('\n');
}

export async function extractPdfText(bytes: Uint8Array, name: string): Promise<string> {
  return (await extractPdfPages(bytes, name)).map((p) => p.text).join('\n\n');
}

/** One page's text layer, and whether a page with (almost) no text paints an image: then it is a scan. */
export interface PdfPage {
  text: string;
  scanned: boolean;
}

/** A page with fewer letters than this in its text layer may be a scan (a stamped page number is not a text layer). */
const SCAN_MAX_LETTERS = 20;

/** The text layer of each page; a page with no text but an image is marked as a scan, for OCR (ocr.ts). */
export async function extractPdfPages(bytes: Uint8Array, name: string): Promise<PdfPage[]> {
  const { getDocument } = await loadPdfjs();
  let document;
  try {
    document = await getDocument({
      data: new Uint8Array(bytes),
      useSystemFonts: false,
      disableFontFace: true,
      isEvalSupported: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw new InputError({ path: name, code: 'unreadable_pdf', message: 'is not a readable PDF' }, { cause: error });
  }
  const { OPS } = await loadPdfjs();
  const imageOperators = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintInlineImageXObjectGroup, OPS.paintImageXObjectRepeat]);
  try {
    const pages: PdfPage[] = [];
    for (let p = 1; p <= document.numPages; p++) {
      const page = await document.getPage(p);
      const content = await page.getTextContent();
      const pieces: TextPiece[] = [];
      for (const item of content.items) {
        // pdfjs adds synthetic space items that span column gaps; gaps are measured from the words instead.
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, , d, x, y] = item.transform as number[];
        pieces.push({
          text: item.str,
          x: x ?? 0,
          y: y ?? 0,
          width: item.width,
          height: Math.abs(item.height || Math.hypot(a ?? 0, b ?? 0) || Math.abs(d ?? 0) || 10),
        });
      }
      const text = pageText(piecesToLines(pieces));
      // Only a page without text looks for images: a page that is drawn, not written, is what a scanner makes.
      let scanned = false;
      if (text.replace(/\s+/gu, '').length < SCAN_MAX_LETTERS) {
        const operators = await page.getOperatorList();
        scanned = operators.fnArray.some((op) => imageOperators.has(op));
      }
      pages.push({ text, scanned });
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
