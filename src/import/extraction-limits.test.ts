/**
 * A hostile PDF or DOCX fails only its own extraction: zip bombs are refused from their central
 * directory before anything is inflated, lying directories and PDF streams that inflate without end
 * are refused by capped inflation in the worker, and what passes those checks is read in a worker
 * whose heap and time are limited. After each refusal the next file is read as usual.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { buildDocx, buildPdf } from '../../test/import/document-builders.ts';
import { buildDocxBomb, buildPdfBomb, buildZipOfManyEntries } from '../../test/import/hostile-files.ts';
import { checkZipLimits, extractTextInWorker, parseMinutesFile } from './index.ts';

const MINUTES = 'Protokoll Kulturnämnden\nDatum 2023-02-01\n\n§ 1 Årsplan för Älvö\nÅrsplanen godkänns.\n';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'protokoll-limits-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(work: Promise<unknown>): Promise<InputError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('the ZIP central directory is checked before a DOCX is read', () => {
  it('refuses a DOCX whose document.xml unpacks to 300 MB, naming the file, the entry and the limit', () => {
    const bomb = buildDocxBomb({ megabytes: 300 });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(() => checkZipLimits(bomb, 'bomb.docx', 'DOCX')).toThrow('bomb.docx: word/document.xml unpacks to 300.0 MB; the limit is 50.0 MB per entry');
  });

  it('refuses an entry that packs far better than any document', () => {
    const error = (() => {
      try {
        checkZipLimits(buildDocxBomb({ megabytes: 40 }), 'tät.docx', 'DOCX');
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(error?.code).toBe('zip_ratio_too_high');
    expect(error?.message).toMatch(/^tät\.docx: word\/document\.xml unpacks \d+ times its packed size; the limit is 200 times$/u);
  });

  it('refuses an archive of thousands of entries', () => {
    expect(() => checkZipLimits(buildZipOfManyEntries(2_001), 'arkiv.xlsx')).toThrow('arkiv.xlsx: has 2001 entries; the limit is 2000');
  });

  it('passes a real DOCX and lists its entries', async () => {
    const entries = checkZipLimits(await buildDocx(MINUTES), 'riktig.docx', 'DOCX');
    expect(entries.map((e) => e.name)).toContain('word/document.xml');
  });
});

describe('parseMinutesFile refuses hostile files with one line naming the file and the limit', () => {
  it('refuses the DOCX bomb without inflating it', async () => {
    const path = join(dir, 'bomb.docx');
    await writeFile(path, buildDocxBomb());
    const error = await refusal(parseMinutesFile(path));
    expect(error.code).toBe('zip_entry_too_large');
    expect(error.message).toBe('bomb.docx: word/document.xml unpacks to 300.0 MB; the limit is 50.0 MB per entry');
  });

  it('refuses a DOCX whose directory understates what document.xml unpacks to', async () => {
    const path = join(dir, 'lögn.docx');
    await writeFile(path, buildDocxBomb({ lying: true }));
    const error = await refusal(parseMinutesFile(path));
    expect(error.code).toBe('zip_entry_too_large');
    expect(error.message).toBe('lögn.docx: word/document.xml unpacks to more than the 1.0 MB its directory states; the file is refused');
  });

  it('refuses a PDF whose content stream inflates to 300 MB', async () => {
    const path = join(dir, 'bomb.pdf');
    await writeFile(path, buildPdfBomb({ megabytes: 300 }));
    const error = await refusal(parseMinutesFile(path));
    expect(error.code).toBe('pdf_too_large');
    expect(error.message).toBe('bomb.pdf: has a compressed stream that unpacks to more than 64 MB; the limit is 64 MB per stream');
  });

  it('still reads real PDF and DOCX minutes after the refusals', async () => {
    const pdf = join(dir, 'riktig.pdf');
    const docx = join(dir, 'riktig.docx');
    await writeFile(pdf, await buildPdf(MINUTES));
    await writeFile(docx, await buildDocx(MINUTES));
    expect((await parseMinutesFile(pdf)).items[0]!.title).toBe('Årsplan för Älvö');
    expect((await parseMinutesFile(docx)).items[0]!.title).toBe('Årsplan för Älvö');
  });
});

describe('extraction runs in a worker with a heap and a time limit', () => {
  // 20 MB of paragraphs, stored uncompressed, is within every size limit; reading it needs far more than
  // the 96 MB of heap in which a real DOCX reads (below).
  const heavyDocx = buildDocxBomb({ megabytes: 20, stored: true });
  // 40 MB of text operators passes the inflation caps, and takes pdfjs far longer than half a second.
  const slowPdf = buildPdfBomb({ megabytes: 40 });

  it('ends a worker that needs more memory than its limit, and says so', async () => {
    const error = await refusal(extractTextInWorker(heavyDocx, 'docx', 'tung.docx', { maxHeapMb: 96, timeoutMs: 120_000 }));
    expect(error.code).toBe('extraction_out_of_memory');
    expect(error.message).toBe('tung.docx: needs more than 96 MB of memory to read; the limit is 96 MB');
  });

  it('ends a worker that takes longer than its limit, and says so', async () => {
    const error = await refusal(extractTextInWorker(slowPdf, 'pdf', 'lång.pdf', { maxHeapMb: 1024, timeoutMs: 500 }));
    expect(error.code).toBe('extraction_too_slow');
    expect(error.message).toBe('lång.pdf: takes longer than 0.5 s to read; the limit is 0.5 s');
  });

  it('reads the next file in a fresh worker after a worker was ended', async () => {
    await refusal(extractTextInWorker(heavyDocx, 'docx', 'tung.docx', { maxHeapMb: 96, timeoutMs: 120_000 }));
    expect(await extractTextInWorker(await buildDocx(MINUTES), 'docx', 'riktig.docx', { maxHeapMb: 96 })).toContain('Årsplan för Älvö');
  });

  it("passes the reader's own refusal through", async () => {
    const error = await refusal(extractTextInWorker(new TextEncoder().encode('%PDF-1.7 inte alls en pdf'), 'pdf', 'trasig.pdf'));
    expect(error.code).toBe('unreadable_pdf');
  });
});
