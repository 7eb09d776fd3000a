import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { buildDocx, buildPdf, buildScannedPdf } from '../../test/import/document-builders.ts';
import { allAnnotatedMinutes } from '../../test/import/fixture-files.ts';
import { parseMinutesFile, parseMinutesText } from './index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'protokoll-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function refusal(path: string): Promise<InputError> {
  const error = await parseMinutesFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('parseMinutesFile reads PDF and DOCX versions of the same minutes as the text', () => {
  for (const doc of allAnnotatedMinutes()) {
    it(`gives the same minutes for ${doc.name} as PDF as for its text`, async () => {
      const path = await write(`${doc.name}.pdf`, await buildPdf(doc.text));
      expect(await parseMinutesFile(path)).toEqual(parseMinutesText(doc.text));
    });

    it(`gives the same minutes for ${doc.name} as DOCX as for its text`, async () => {
      const path = await write(`${doc.name}.docx`, await buildDocx(doc.text));
      expect(await parseMinutesFile(path)).toEqual(parseMinutesText(doc.text));
    });
  }

  it('reads a text file in Windows-1252 with its å, ä and ö', async () => {
    const text = 'Protokoll Kulturnämnden\nDatum 2023-02-01\n\n§ 1 Årsplan för Älvö\nÅrsplanen godkänns.\n';
    const path = await write('latin1.txt', Buffer.from(text, 'latin1'));
    expect((await parseMinutesFile(path)).items[0]!.title).toBe('Årsplan för Älvö');
  });
});

describe('parseMinutesFile refuses bad input with one line naming the file and the reason', () => {
  it('refuses an empty file', async () => {
    const error = await refusal(await write('tom.txt', ''));
    expect(error.message).toBe('tom.txt: is empty');
  });

  it('refuses a binary file', async () => {
    const error = await refusal(await write('bild.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3])));
    expect(error.message).toMatch(/^bild\.txt: is a binary file/u);
  });

  it('refuses a scanned PDF without a text layer', async () => {
    const error = await refusal(await write('skannad.pdf', await buildScannedPdf()));
    expect(error.code).toBe('no_text_layer');
    expect(error.message).toMatch(/^skannad\.pdf: .*without a text layer/u);
  });

  it('refuses a file over 50 MB before reading it, stating the limit', async () => {
    const path = join(dir, 'stor.txt');
    const handle = await open(path, 'w');
    await handle.truncate(51 * 1024 * 1024);
    await handle.close();
    const error = await refusal(path);
    expect(error.code).toBe('file_too_large');
    expect(error.message).toBe('stor.txt: is 51.0 MB; the limit is 50 MB');
  });

  it('refuses a document that is not minutes', async () => {
    const error = await refusal(await write('brev.txt', 'Hej!\n\nTack för senast. Vi hörs nästa vecka.\n'));
    expect(error.code).toBe('not_minutes');
    expect(error.message).toMatch(/^brev\.txt: /u);
    expect(error.message).not.toContain('\n');
  });

  it('refuses a zip file that is not a DOCX', async () => {
    const error = await refusal(await write('arkiv.docx', Buffer.from('PK\u0003\u0004garbage', 'latin1')));
    expect(error.code).toBe('unreadable_docx');
  });

  it('refuses a file that does not exist', async () => {
    const error = await refusal(join(dir, 'saknas.txt'));
    expect(error.code).toBe('file_not_readable');
  });
});
