import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { OCR_REVIEW_CONFIDENCE, ocrPdfPages, pageOfTsv, summariseOcr } from './ocr.ts';
import { correctOcrLine } from './ocr-corrections.ts';

describe('correctOcrLine puts right what the Swedish model misreads in minutes', () => {
  it.each([
    ['$& 11 Arbetssätt och bemanning, Dnr 20:10', '§ 11 Arbetssätt och bemanning, Dnr 20:10'],
    ['8 12 Val av justerare', '§ 12 Val av justerare'],
    ['& 3 Dnr KS 2025/12', '§ 3 Dnr KS 2025/12'],
    ['Paragrafer\t88 10-15', 'Paragrafer\t§§ 10-15'],
    ['Lars Nord (S)\tÅre kommun\t\t(Närvaro på distans 8810-12)', 'Lars Nord (S)\tÅre kommun\t\t(Närvaro på distans §§ 10-12)'],
    ['Barbro Norberg (5)\tBräcke kommun\tXx', 'Barbro Norberg (S)\tBräcke kommun\tX'],
    ['&15', '§ 15'],
    ['816', '§ 16'],
    ['Eva Rönnbäck\tKansliet\t825', 'Eva Rönnbäck\tKansliet\t§ 25'],
    ['Gunnar Orving\tKansliet\t8 20', 'Gunnar Orving\tKansliet\t§ 20'],
  ])('%s → %s', (read, right) => {
    expect(correctOcrLine(read)).toBe(right);
  });

  it.each([
    ['8 000 kronor avsätts till projektet.'],
    ['Kostnaden är 88 000 kr.'],
    ['Sammanlagt 5 (5) ledamöter.'],
    ['Styrelsen 2024'],
    ['85'],
    ['Ja\t8'],
  ])('leaves %s as it is', (line) => {
    expect(correctOcrLine(line)).toBe(line);
  });
});

const TSV_HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const word = (line: number, left: number, top: number, text: string, conf: number) =>
  `5\t1\t1\t1\t${line}\t1\t${left}\t${top}\t${text.length * 25}\t40\t${conf}\t${text}`;
const line = (n: number, top: number) => `4\t1\t1\t1\t${n}\t0\t100\t${top}\t2000\t45\t-1\t`;

describe('pageOfTsv', () => {
  it('keeps the words of a line on one line, parts table cells at wide gaps, and weighs confidence by length', () => {
    const tsv = [
      TSV_HEADER,
      line(1, 100), word(1, 100, 102, 'Beslutande', 90), word(1, 800, 100, 'Anna', 80), word(1, 930, 104, 'Ek', 70),
      line(2, 160), word(2, 100, 160, '$&', 40), word(2, 180, 162, '4', 90), word(2, 230, 160, 'Budget', 100),
    ].join('\n');
    const page = pageOfTsv(tsv);
    expect(page.text.split('\n')).toEqual(['Beslutande\tAnna Ek', '§ 4 Budget']);
    expect(page.characters).toBe(10 + 4 + 2 + 2 + 1 + 6);
    expect(page.confidence).toBeCloseTo((90 * 10 + 80 * 4 + 70 * 2 + 40 * 2 + 90 + 100 * 6) / 25, 5);
  });

  it('marks a document for review when its mean confidence is below the threshold', () => {
    const good = { text: 'a', confidence: OCR_REVIEW_CONFIDENCE + 5, characters: 100 };
    const poor = { text: 'b', confidence: OCR_REVIEW_CONFIDENCE - 30, characters: 100 };
    expect(summariseOcr([1], [good])).toMatchObject({ needsReview: false });
    expect(summariseOcr([1, 2], [good, poor])).toMatchObject({ pages: [1, 2], needsReview: true, meanConfidence: OCR_REVIEW_CONFIDENCE - 12.5 });
  });
});

describe('ocrPdfPages without Tesseract', () => {
  let dir: string;
  const path = process.env.PATH;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'protokoll-no-ocr-'));
    await writeFile(join(dir, 'placeholder'), '');
  });
  afterAll(async () => {
    process.env.PATH = path;
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses with an InputError that names the Debian packages to install', async () => {
    process.env.PATH = dir;
    const error = await ocrPdfPages(new Uint8Array([37, 80, 68, 70]), 'skannad.pdf', [1]).catch((e: unknown) => e);
    process.env.PATH = path;
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('ocr_unavailable');
    expect((error as InputError).message).toMatch(/^skannad\.pdf: .*tesseract.*apt-get install tesseract-ocr tesseract-ocr-swe poppler-utils/u);
  });
});
