/**
 * Issue 16's test of done, on the demo's own adjusted protocols: Poppler's `pdfsig` finds one signature per
 * signer plus the organisation's seal, all valid; one byte changed inside the signed range makes pdfsig and
 * `protokoll verify-pdf` both say so; and the signed file is still PDF/A (declared, tagged, fonts embedded,
 * structurally sound by qpdf).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { main } from '../../src/cli/main.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { findFileById, migrateDatabase, openDatabase, queryRows, readStoredFile } from '../../src/storage/index.ts';

const run = promisify(execFile);

/** A tool's output, whatever its exit code (pdfsig exits non-zero on an invalid signature). */
async function output(command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args);
    return stdout + stderr;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return (failed.stdout ?? '') + (failed.stderr ?? '');
  }
}

describe('the demo’s adjusted protocol PDF', () => {
  const folder = mkdtempSync(join(tmpdir(), 'protokoll-signed-pdf-'));
  const dataDir = join(folder, 'data');
  const sealedFile = join(folder, 'justerat.pdf');
  const tamperedFile = join(folder, 'andrat.pdf');
  let signers: string[] = [];
  let organisation = '';

  beforeAll(async () => {
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    await seedDemo(handle, { today: '2026-06-15' });
    const [sealed] = await queryRows<{ meeting_id: string; file_id: string; organisation: string }>(
      handle.db,
      sql`select s.meeting_id, s.file_id, o.name as organisation from minutes_seals s join meetings m on m.id = s.meeting_id
          join bodies b on b.id = m.body_id join organizations o on o.id = b.organization_id where s.file_id is not null order by m.held_on desc limit 1`,
    );
    organisation = sealed!.organisation;
    signers = (await queryRows<{ name: string }>(handle.db, sql`select name from signatures where meeting_id = ${sealed!.meeting_id} and status = 'signed' order by signed_at, position`)).map((row) => row.name);
    const bytes = Buffer.from(readStoredFile(handle.filesDir, (await findFileById(handle.db, sealed!.file_id))!));
    writeFileSync(sealedFile, bytes);
    // One byte of the XMP metadata (uncompressed, inside every signature's range) changed: the file still opens.
    const tampered = Buffer.from(bytes);
    tampered[tampered.indexOf('<pdfaid:part>2') + '<pdfaid:part>'.length] = '3'.charCodeAt(0);
    writeFileSync(tamperedFile, tampered);
    await handle.close();
  }, 300_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  it('carries one valid signature per signer and the seal, as pdfsig reads them', async () => {
    const report = await output('pdfsig', [sealedFile]);
    const signatures = report.split(/^Signature #\d+:$/mu).slice(1);
    expect(signers.length).toBeGreaterThanOrEqual(3);
    expect(signatures).toHaveLength(signers.length + 1);
    for (const signature of signatures) expect(signature).toContain('Signature Validation: Signature is Valid.');
    expect(signatures.at(-1)).toContain('Signature Field Name: Sigill');
    expect(signatures.at(-1)).toContain(`Signer Certificate Common Name: ${organisation}`);
    expect(signatures.at(-1)).toContain('Total document signed');
    expect(signatures.at(-1)).toContain('Signature Type: ETSI.CAdES.detached');
  });

  it('is reported changed by pdfsig and by protokoll verify-pdf when one signed byte changes', async () => {
    const report = await output('pdfsig', [tamperedFile]);
    expect(report).not.toContain('Signature is Valid.');
    expect(report.match(/Digest Mismatch/gu)).toHaveLength(signers.length + 1);

    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['node', 'protokoll', 'verify-pdf', sealedFile])).toBe(0);
    expect(await main(['node', 'protokoll', 'verify-pdf', tamperedFile])).toBe(1);
    const printed = stdout.mock.calls.map(([text]) => String(text)).join('');
    expect(printed).toContain('Result: all signatures valid, unchanged since the last signature.');
    expect(printed).toContain('Result: NOT VERIFIED.');
  });

  it('is recognised by protokoll verify-pdf --installation as this installation’s protocol, and the changed copy is not', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['node', 'protokoll', '--data', dataDir, 'verify-pdf', '--installation', sealedFile])).toBe(0);
    expect(await main(['node', 'protokoll', '--data', dataDir, 'verify-pdf', '--installation', tamperedFile])).toBe(1);
    const printed = stdout.mock.calls.map(([text]) => String(text)).join('');
    expect(printed).toContain('Installation: an adjusted protocol of this installation, unchanged since it was sealed.');
    for (const name of signers) expect(printed).toContain(name);
    expect(printed).toContain('Installation: NOT an adjusted protocol of this installation');
  });

  it('is told apart on the public page /verifiera: the sealed file as unchanged with its signers, the changed copy as not ours', async () => {
    const handle = await openDatabase({ dataDir });
    const app = await buildApp({ database: handle });
    try {
      const form = await app.inject({ method: 'GET', url: '/verifiera' });
      expect(form.statusCode).toBe(200);
      const csrf = /name="_csrf" value="([^"]+)"/u.exec(form.body)![1]!;
      const cookie = String(form.headers['set-cookie']).split(';')[0]!;
      const upload = async (fileName: string, bytes: Buffer) => {
        const boundary = 'gransen-mellan-delarna';
        const payload = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="pdf"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
          bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return app.inject({ method: 'POST', url: '/verifiera', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      };
      const sealed = await upload('justerat.pdf', readFileSync(sealedFile));
      expect(sealed.statusCode).toBe(200);
      expect(sealed.body).toContain('Filen är ett justerat protokoll härifrån och har inte ändrats sedan det förseglades.');
      for (const name of signers) expect(sealed.body).toContain(name);
      expect(sealed.body).toContain(organisation);
      const tampered = await upload('andrat.pdf', readFileSync(tamperedFile));
      expect(tampered.body).toContain('Filen är inte ett justerat protokoll härifrån');
      expect(tampered.body).toContain(`${signers.length + 1} av ${signers.length + 1} underskrifter stämmer inte med innehållet`);
      expect((await upload('inte.pdf', Buffer.from('hej'))).statusCode).toBe(400);
    } finally {
      await app.close();
      await handle.close();
    }
  });

  it('stays PDF/A: declared, tagged, every font embedded, and sound by qpdf', async () => {
    const metadata = await output('pdfinfo', ['-meta', sealedFile]);
    expect(metadata).toMatch(/pdfaid:part>2</u);
    expect(metadata).toMatch(/pdfaid:conformance>A</u);
    expect(await output('pdfinfo', [sealedFile])).toMatch(/^Tagged:\s+yes$/mu);
    const fonts = (await output('pdffonts', [sealedFile])).split('\n').slice(2).filter((line) => line.trim());
    expect(fonts.length).toBeGreaterThan(0);
    // Columns: name, type, encoding, emb, sub, uni, object ID; "emb" is the third from the right of the flags.
    for (const line of fonts) expect(line.split(/\s+/u).slice(-5, -4)[0], line).toBe('yes');
    const { stdout } = await run('qpdf', ['--check', sealedFile]);
    expect(stdout).toContain('No syntax or stream encoding errors found');
  });
});
