/**
 * `protokoll oparl dump --out DIR` on the demo förbund (with a bilaga, a § under secrecy and an announced
 * meeting): every public object once in oparl.jsonl, each public file beside it as its File object says,
 * and SHA256SUMS that `sha256sum -c` accepts, and refuses once a file is changed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { addOpenDataCases } from '../support/open-data-cases.ts';
import { describeCliOnEachEngine } from './support/cli.ts';

const SCHEMA = 'https://schema.oparl.org/1.1/';

describeCliOnEachEngine('protokoll oparl dump', (cli) => {
  const out = mkdtempSync(join(tmpdir(), 'protokoll-oparl-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes the objects, the public files and SHA256SUMS that sha256sum -c verifies', async () => {
    expect((await cli().run('migrate')).code).toBe(0);
    const cases = await cli().withDatabase(async (handle) => addOpenDataCases(handle, await seedDemo(handle, { today: '2026-03-16' }), '2026-03-16'));

    const run = await cli().run('oparl', 'dump', '--out', out);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^wrote \d+ objects and \d+ files to /);

    const objects = readFileSync(join(out, 'oparl.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const ids = objects.map((o) => o.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(objects[0]!.type).toBe(`${SCHEMA}System`);
    expect(ids).toContain(`http://127.0.0.1:8080/oparl/v1/files/${cases.attachmentId}-bilaga`);
    expect(objects.find((o) => o.id === `http://127.0.0.1:8080/oparl/v1/agendaitems/${cases.maskedParagraphId}`)).toMatchObject({ deleted: true });

    // Each File that is not deleted lies in files/<end of its id>/ with the bytes its checksum names.
    const files = objects.filter((o) => o.type === `${SCHEMA}File` && o.deleted !== true);
    expect(files.length).toBeGreaterThan(6);
    for (const file of files) {
      const folder = join(out, 'files', (file.id as string).split('/').pop()!);
      const [name] = readdirSync(folder);
      expect(name).toBe(file.fileName);
      const bytes = readFileSync(join(folder, name!));
      expect(createHash('sha512').update(bytes).digest('hex'), String(file.id)).toBe(file.sha512Checksum);
    }
    expect(existsSync(join(out, 'files', `${cases.attachmentId}-bilaga`, 'budgetunderlag-2027.txt'))).toBe(true);

    const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trimEnd().split('\n');
    expect(sums).toHaveLength(files.length + 1);
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    expect(checked.trimEnd().split('\n').every((line) => line.endsWith(': OK'))).toBe(true);

    // The check is real: a changed file fails it.
    appendFileSync(join(out, 'oparl.jsonl'), '\n');
    const failed = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toContain('oparl.jsonl: FAILED');
  }, 300_000);
});
