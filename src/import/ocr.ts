/**
 * OCR of PDF pages that have no text layer (scans): each page is rasterised with pdftoppm (poppler-utils) and
 * read by Tesseract with its Swedish model, as TSV so that every word keeps its position and its confidence.
 * The words go through the same line and column builder as a PDF's text layer (extract-pdf.ts), so tables keep
 * their tabs. Both tools run as child processes with a time limit, in a temporary folder that is always removed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { pageText, piecesToLines, type TextPiece } from './extract-pdf.ts';
import { correctOcrLine } from './ocr-corrections.ts';

/** 300 dpi: Tesseract's documented sweet spot; at 200 dpi the Swedish model misreads more å, ä, ö and §. */
export const OCR_RESOLUTION_DPI = 300;
/**
 * Below this mean word confidence (Tesseract's 0–100, weighted by word length) an OCR'd document is marked for
 * review. Clean renders of our fixtures read at 90–95; a page whose § signs, names or dates are misread
 * enough to change the result measured below 85 (docs/import.md, "OCR").
 */
export const OCR_REVIEW_CONFIDENCE = 85;
/** One page at 300 dpi takes 2–5 s on the shared machine; a page that takes a minute is not going to finish. */
export const OCR_PAGE_TIMEOUT_MS = 60_000;

/** What OCR did to a document: the pages it read, their mean word confidence and whether to check the result. */
export interface OcrSummary {
  pages: number[];
  meanConfidence: number;
  needsReview: boolean;
}

export interface OcrPage {
  text: string;
  /** Mean word confidence, 0–100, weighted by word length; 0 when the page has no words. */
  confidence: number;
  /** Characters of the recognised words, the weight of this page in a document's mean. */
  characters: number;
}

const INSTALL_HINT = 'install Tesseract with its Swedish model and poppler (Debian: apt-get install tesseract-ocr tesseract-ocr-swe poppler-utils)';

function run(command: string, args: string[], name: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // One thread: Tesseract's OpenMP threads fight each other and the server on a small machine (3× slower at load 4).
    const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 << 20, encoding: 'utf8', env }, (error, stdout) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        reject(new InputError({ path: name, code: 'ocr_unavailable', message: `is a scanned PDF; reading it needs ${command}, which is not installed: ${INSTALL_HINT}` }, { cause: error }));
      } else if (error.killed) {
        reject(new InputError({ path: name, code: 'ocr_too_slow', message: `has a scanned page that takes longer than ${timeoutMs / 1000} s to read` }, { cause: error }));
      } else reject(new Error(`${command} failed on ${name}`, { cause: error }));
    });
  });
}

let swedishChecked: Promise<void> | undefined;

/** Tesseract without the Swedish model reads å, ä, ö and § badly enough to be useless: refuse instead. */
function checkSwedishModel(name: string): Promise<void> {
  swedishChecked ??= run('tesseract', ['--list-langs'], name, 10_000).then((out) => {
    if (!out.split(/\s+/u).includes('swe')) {
      throw new InputError({ path: name, code: 'ocr_unavailable', message: `is a scanned PDF; Tesseract has no Swedish model: ${INSTALL_HINT}` });
    }
  });
  // A failed check is not remembered, so installing the tools takes effect without a restart.
  swedishChecked.catch(() => (swedishChecked = undefined));
  return swedishChecked;
}

/** Reads the given pages (1-based) of a PDF by OCR. */
export async function ocrPdfPages(bytes: Uint8Array, name: string, pages: number[], timeoutMs = OCR_PAGE_TIMEOUT_MS): Promise<OcrPage[]> {
  await checkSwedishModel(name);
  const dir = await mkdtemp(join(tmpdir(), 'protokoll-ocr-'));
  try {
    const pdf = join(dir, 'in.pdf');
    await writeFile(pdf, bytes);
    const out: OcrPage[] = [];
    for (const page of pages) {
      const image = join(dir, `page-${page}`);
      const p = String(page);
      await run('pdftoppm', ['-r', String(OCR_RESOLUTION_DPI), '-gray', '-f', p, '-l', p, '-singlefile', '-png', pdf, image], name, timeoutMs);
      // --psm 6 reads the page as one block of lines: a table row stays one line instead of one block per column.
      const tsv = await run('tesseract', [`${image}.png`, '-', '-l', 'swe', '--psm', '6', 'tsv'], name, timeoutMs);
      out.push(pageOfTsv(tsv));
      await rm(`${image}.png`, { force: true });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Points per pixel at the OCR resolution, so the line builder's thresholds (in PDF points) apply unchanged. */
const POINTS = 72 / OCR_RESOLUTION_DPI;

/**
 * Tesseract's TSV → text. Columns: level, page, block, paragraph, line, word, left, top, width, height,
 * confidence, text. Level 4 rows are lines, level 5 rows words; every word takes its line's baseline, so the
 * words of one line stay on one line whatever their ascenders.
 */
export function pageOfTsv(tsv: string): OcrPage {
  const lines = new Map<string, { bottom: number; height: number }>();
  const pieces: TextPiece[] = [];
  let weighted = 0;
  let characters = 0;
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12) continue;
    const [level, , block, paragraph, line, , left, top, width, height, conf] = f.slice(0, 11).map(Number) as number[];
    const key = `${block}/${paragraph}/${line}`;
    if (level === 4) lines.set(key, { bottom: top! + height!, height: height! });
    const text = f.slice(11).join('\t').trim();
    if (level !== 5 || text === '' || conf! < 0) continue;
    const box = lines.get(key) ?? { bottom: top! + height!, height: height! };
    pieces.push({ text, x: left! * POINTS, y: -box.bottom * POINTS, width: width! * POINTS, height: box.height * POINTS * 0.8 });
    weighted += conf! * text.length;
    characters += text.length;
  }
  const text = pageText(piecesToLines(pieces))
    .split('\n')
    .map(correctOcrLine)
    .join('\n');
  return { text, confidence: characters ? weighted / characters : 0, characters };
}

/** The document's mean confidence over its OCR'd pages, weighted by their characters, and the review mark. */
export function summariseOcr(pages: number[], read: OcrPage[]): OcrSummary {
  const characters = read.reduce((sum, p) => sum + p.characters, 0);
  const meanConfidence = characters ? read.reduce((sum, p) => sum + p.confidence * p.characters, 0) / characters : 0;
  return { pages, meanConfidence: Math.round(meanConfidence * 10) / 10, needsReview: meanConfidence < OCR_REVIEW_CONFIDENCE };
}
