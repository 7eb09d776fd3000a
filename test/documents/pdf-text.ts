/**
 * Reads the text layer of a PDF with pdfjs, the way an importer would: the text of each page as lines,
 * grouped by baseline and ordered top to bottom and left to right.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface PositionedText {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** One printed line and the largest font size on it (a § heading is larger than body text). */
export interface PdfLine {
  text: string;
  size: number;
}

/** The lines of every page as text, in reading order by position. */
export async function readPdfText(pdf: Uint8Array): Promise<string[][]> {
  return (await readPdfLines(pdf)).map((page) => page.map((line) => line.text));
}

/** The lines of every page, in reading order by position, with their font size. */
export async function readPdfLines(pdf: Uint8Array): Promise<PdfLine[][]> {
  // pdfjs transfers (and detaches) the buffer it is given, so it gets a copy.
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, useSystemFonts: false }).promise;
  const pages: PdfLine[][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const runs: PositionedText[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const transform = item.transform as number[];
      runs.push({ text: item.str, x: transform[4]!, y: transform[5]!, width: item.width, size: Math.hypot(transform[2]!, transform[3]!) });
    }
    pages.push(groupIntoLines(runs));
  }
  await document.destroy();
  return pages;
}

function groupIntoLines(runs: PositionedText[]): PdfLine[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PositionedText[][] = [];
  for (const run of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.y - run.y) < 1.5) line.push(run);
    else lines.push([run]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const run of line) {
      text += text && run.x - end > 1 ? ` ${run.text}` : run.text;
      end = run.x + run.width;
    }
    return { text: text.replace(/\s+/g, ' ').trim(), size: Math.round(Math.max(...line.map((run) => run.size)) * 10) / 10 };
  });
}
