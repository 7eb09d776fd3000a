import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../import/document-builders.ts';
import { annotatedSeeds, seedsDir } from '../support/seeds.ts';
import { runCli } from './support/cli.ts';

const schemaPath = new URL('../../../shared/schema/minutes.schema.json', import.meta.url);
const ajv = new Ajv2020({ allErrors: true, strict: false });
formats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

const dir = mkdtempSync(join(tmpdir(), 'protokoll-cli-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('protokoll parse', () => {
  for (const seed of annotatedSeeds()) {
    it(`exits 0 for ${seed.name} and prints minutes that follow the interchange schema, as annotated`, async () => {
      const parsed = await runCli(['parse', seed.textPath]);
      expect(parsed).toMatchObject({ code: 0, err: '' });
      const minutes = JSON.parse(parsed.out) as unknown;
      expect(validate(minutes), ajv.errorsText(validate.errors)).toBe(true);
      expect(minutes).toStrictEqual(seed.expected);
    });
  }

  it('reads a PDF of a seed to the same minutes as its text', async () => {
    const seed = annotatedSeeds().find((s) => s.name.startsWith('002'))!;
    const pdf = join(dir, `${seed.name}.pdf`);
    writeFileSync(pdf, await buildPdf(readFileSync(seed.textPath, 'utf8')));
    const parsed = await runCli(['parse', pdf]);
    expect(parsed.code, parsed.err).toBe(0);
    expect(validate(JSON.parse(parsed.out)), ajv.errorsText(validate.errors)).toBe(true);
    expect(JSON.parse(parsed.out)).toStrictEqual(JSON.parse((await runCli(['parse', seed.textPath])).out));
  });

  it('exits 1 with one line naming the file when it is missing, not minutes, or a folder', async () => {
    const missing = await runCli(['parse', join(dir, 'saknas.txt')]);
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toMatch(/^error: \S*saknas\.txt: [^\n]+\n$/u);

    const report = await runCli(['parse', join(seedsDir, '004_7fc0622c15638b42.txt')]);
    expect(report).toEqual({ code: 1, out: '', err: 'error: 004_7fc0622c15638b42.txt: this does not look like minutes: no § items and no meeting header or attendance list\n' });

    const folder = await runCli(['parse', dir]);
    expect(folder).toMatchObject({ code: 1, out: '' });
    expect(folder.err).toMatch(/^error: \S*protokoll-cli-parse-\w+: is not a file\n$/u);
  });

  it('exits 1 with the usage when no file is given', async () => {
    const run = await runCli(['parse']);
    expect(run.code).toBe(1);
    expect(run.err).toContain("error: missing required argument 'file'");
  });
});
