/**
 * E-archive delivery on real data: the demo förbund's year of meetings, made through the same use cases
 * the secretary uses, exported as E-ARK SIPs that are checked as an archive's ingest would check them, and
 * read back into an empty database from the interchange JSON they carry.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { RuleError } from '../../src/errors.ts';
import { exportArchivePackages } from '../../src/services/archive.service.ts';
import { importMinutesFile } from '../../src/services/import.service.ts';
import { signMinutes } from '../../src/services/meeting-cycle.service.ts';
import {
  insertParagraphAttachment,
  listParagraphsOfMeeting,
  listSignatures,
  loadMinutes,
  queryRows,
  storeFile,
} from '../../src/storage/index.ts';
import { buildUser } from '../support/accounts.ts';
import { checkArchivePackage } from '../support/archive-package.ts';
import { describeOnEachEngine, openTestDatabase } from '../support/databases.ts';

// The re-read and per-meeting tests open databases and render nothing, but on a shared CI core they can take
// minutes: their budget is generous; no assertion is about speed.
const TODAY = '2026-12-18';
const outDir = mkdtempSync(join(tmpdir(), 'protokoll-archive-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describeOnEachEngine('e-archive packages of a year of minutes', (database) => {
  let organizationId = '';
  let awaitingId = '';
  let out = '';

  beforeAll(async () => {
    const demo = await seedDemo(database(), { today: TODAY });
    organizationId = demo.organizationId;
    awaitingId = demo.awaitingSignatureMeetingId;
    out = mkdtempSync(join(outDir, `${database().engine}-`));
  }, 120_000);

  const exportYear = (options: { per?: 'body' | 'meeting'; zip?: boolean; dir?: string } = {}) =>
    exportArchivePackages(database(), { organization: organizationId, year: 2026, now: new Date('2026-12-18T10:00:00Z'), outDir: options.dir ?? out, actor: 'test', ...options });

  const exportsLogged = async () =>
    (await queryRows<{ n: number }>(database().db, sql`select count(*)::int as n from audit_events where kind = 'archive.exported'`))[0]!.n;

  /** Posts the administrator's delivery form as a browser would, with the session and CSRF cookies. */
  const postDeliveryForm = async (app: FastifyInstance, year: string) => {
    const admin = await buildUser(database().db, { name: 'Admin Arkivsson', isAdministrator: true });
    const cookie = `protokoll_session=${admin.token}`;
    const page = await app.inject({ method: 'GET', url: '/admin/arkivleverans', headers: { cookie } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('<h1>Leverans till e-arkivet</h1>');
    // A signed-in user's form token is the session's, written into the form.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    return app.inject({
      method: 'POST',
      url: '/admin/arkivleverans',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, organisation: organizationId, ar: year }).toString(),
    });
  };

  it('shows the administrator why the year cannot be delivered, naming the meeting, on the web page', async () => {
    const app = await buildApp({ database: database() });
    try {
      const refused = await postDeliveryForm(app, '2026');
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['content-type']).toContain('text/html');
      expect(refused.body).toContain(`(meeting ${awaitingId}): the minutes are finalised, not adjusted`);
      expect(await exportsLogged()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('refuses the year while a meeting awaits signatures, naming it, and writes and logs nothing', async () => {
    const refused = await exportYear().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RuleError);
    expect((refused as RuleError).code).toBe('minutes_not_archivable');
    expect((refused as RuleError).message).toContain(`(meeting ${awaitingId}): the minutes are finalised, not adjusted`);
    expect(await exportsLogged()).toBe(0);
  });

  it('writes one valid package for the board: every signed protocol as PDF/A, its minutes JSON, PREMIS events from the log and the signatures', async () => {
    const handle = database();
    // Underlag stored on the last meeting's first §: a text file (kept) and a PDF without PDF/A (left out).
    const [paragraph] = await listParagraphsOfMeeting(handle.db, awaitingId);
    const text = await storeFile(handle.db, handle.filesDir, { bytes: new TextEncoder().encode('Budgetunderlag 2027\n'), contentType: 'text/plain; charset=utf-8', originalName: 'underlag.txt' });
    await insertParagraphAttachment(handle.db, { paragraphId: paragraph!.id, title: 'Budgetunderlag 2027', fileId: text.id });
    const plainPdf = await storeFile(handle.db, handle.filesDir, { bytes: new TextEncoder().encode('%PDF-1.4\n% inte PDF/A\n'), contentType: 'application/pdf', originalName: 'karta.pdf' });
    await insertParagraphAttachment(handle.db, { paragraphId: paragraph!.id, title: 'Karta', fileId: plainPdf.id });
    for (const line of await listSignatures(handle.db, awaitingId)) {
      if (line.status === 'pending') await signMinutes(handle, awaitingId, { at: new Date('2026-12-16T09:00:00+01:00') }, { personId: line.personId!, name: line.name ?? undefined });
    }

    const result = await exportYear();
    expect(result.written).toHaveLength(1);
    const [written] = result.written;
    expect(written!.meetings).toBe(6);
    // The planned meeting and the network's notes are named as not included; the plain PDF as left out.
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'convened: no minutes to deliver',
      ...Array(3).fill('minnesanteckningar, not a protocol: not adjusted, so not delivered'),
    ]);
    expect(result.leftOut).toEqual([{ meetingId: awaitingId, title: 'Karta', reason: 'not in an archival format (application/pdf without PDF/A)' }]);

    const checked = checkArchivePackage(written!.path);
    expect(checked.pdfs).toHaveLength(6);
    expect(checked.minutesJson).toHaveLength(6);
    expect(checked.files.filter((f) => /\/bilaga-\d+-\d+-budgetunderlag-2027\.txt$/.test(f))).toHaveLength(1);

    // PREMIS: the signatures, justering and anslag of each meeting, with the signers as agents.
    const premis = readFileSync(join(written!.path, 'representations/rep1/metadata/preservation/premis.xml'), 'utf8');
    const count = (type: string) => premis.split(`<eventType>${type}</eventType>`).length - 1;
    expect(count('digital signature generation')).toBe(18);
    expect(count('justering (adjustment)')).toBe(6);
    expect(count('anslag (posting of the notice)')).toBe(6);
    expect(count('fixity check')).toBe(6);
    expect(premis).toMatch(/<agentType>person<\/agentType>/);
    expect(await exportsLogged()).toBe(1);
    const [logged] = await queryRows<{ data: { objectId: string; meetingIds: string[] } }>(handle.db, sql`select data from audit_events where kind = 'archive.exported'`);
    expect(logged!.data.objectId).toBe(checked.objectId);
    expect(logged!.data.meetingIds).toHaveLength(6);
  });

  it('writes one zip per meeting with --per meeting, each a valid package of one meeting', async () => {
    const dir = mkdtempSync(join(out, 'per-meeting-'));
    const result = await exportYear({ per: 'meeting', zip: true, dir });
    expect(result.written).toHaveLength(6);
    for (const written of result.written) {
      expect(written.path.endsWith('.zip')).toBe(true);
      const unpacked = join(dir, 'unpacked');
      const entries = unzipSync(new Uint8Array(readFileSync(written.path)));
      for (const [name, bytes] of Object.entries(entries)) {
        mkdirSync(dirname(join(unpacked, name)), { recursive: true });
        writeFileSync(join(unpacked, name), bytes);
      }
      const checked = checkArchivePackage(join(unpacked, written.objectId));
      expect(checked.minutesJson).toHaveLength(1);
      expect(checked.pdfs).toHaveLength(1);
    }
  }, 240_000);

  it('reads a package back into an empty database through the interchange import and gets the same minutes', async () => {
    const dir = mkdtempSync(join(out, 'reread-'));
    const [written] = (await exportYear({ dir })).written;
    const { minutesJson } = checkArchivePackage(written!.path);
    const original = new Map<string, unknown>();
    const meetings = await queryRows<{ id: string; held_on: string }>(
      database().db,
      sql`select m.id, m.held_on::text as held_on from meetings m join bodies b on b.id = m.body_id where b.organization_id = ${organizationId} and m.status = 'adjusted'`,
    );
    for (const meeting of meetings) original.set(meeting.held_on, await loadMinutes(database().db, meeting.id));

    const empty = await openTestDatabase(database().engine);
    try {
      for (const json of minutesJson) {
        const outcome = await importMinutesFile(empty, join(written!.path, json));
        expect(outcome.status, JSON.stringify(outcome)).toBe('imported');
        if (outcome.status !== 'imported') continue;
        const heldOn = /(\d{4}-\d{2}-\d{2})/.exec(json)![1]!;
        expect(await loadMinutes(empty.db, outcome.meetingId)).toStrictEqual(original.get(heldOn));
      }
    } finally {
      await empty.close();
    }
  }, 240_000);

  it('offers the administrator the year as a zip to download from the web, a valid package, logged', async () => {
    const app = await buildApp({ database: database() });
    try {
      const before = await exportsLogged();
      const download = await postDeliveryForm(app, '2026');
      expect(download.statusCode, download.body.slice(0, 500)).toBe(200);
      expect(download.headers['content-type']).toBe('application/zip');
      const name = /filename="([^"]+)\.zip"/.exec(String(download.headers['content-disposition']))![1]!;
      const unpacked = mkdtempSync(join(out, 'web-'));
      for (const [entry, bytes] of Object.entries(unzipSync(new Uint8Array(download.rawPayload)))) {
        mkdirSync(dirname(join(unpacked, entry)), { recursive: true });
        writeFileSync(join(unpacked, entry), bytes);
      }
      expect(checkArchivePackage(join(unpacked, name)).pdfs).toHaveLength(6);
      expect(await exportsLogged()).toBe(before + 1);
    } finally {
      await app.close();
    }
  });

  it('refuses a meeting whose stored document no longer matches its SHA-256, naming the meeting', async () => {
    const handle = database();
    const [meeting] = await queryRows<{ id: string; signed_file_id: string }>(
      handle.db,
      sql`select id, signed_file_id from meetings where id <> ${awaitingId} and signed_file_id is not null order by held_on limit 1`,
    );
    const [file] = await queryRows<{ storage: string; path: string | null; content: Uint8Array | null }>(handle.db, sql`select storage, path, content from files where id = ${meeting!.signed_file_id}`);
    const original = file!.storage === 'disk' ? readFileSync(join(handle.filesDir!, file!.path!)) : Buffer.from(file!.content!);
    const altered = Buffer.from(original);
    altered[altered.length - 10] = altered[altered.length - 10]! ^ 0x01;
    const write = async (bytes: Buffer) => {
      if (file!.storage === 'disk') writeFileSync(join(handle.filesDir!, file!.path!), bytes);
      else await handle.db.execute(sql`update files set content = ${bytes} where id = ${meeting!.signed_file_id}`);
    };
    await write(altered);
    try {
      const before = await exportsLogged();
      const refused = await exportYear({ dir: mkdtempSync(join(out, 'altered-')) }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RuleError);
      expect((refused as RuleError).message).toMatch(new RegExp(`\\(meeting ${meeting!.id}\\): the stored file of its signed minutes does not match its recorded SHA-256`));
      expect(await exportsLogged()).toBe(before);
    } finally {
      await write(original);
    }
  });

  it('refuses minutes whose content no longer matches their seal (protokoll verify), naming the meeting', async () => {
    const handle = database();
    const [paragraph] = await queryRows<{ id: string; meeting_id: string; title: string }>(
      handle.db,
      sql`select p.id, p.meeting_id, p.title from paragraphs p join meetings m on m.id = p.meeting_id where m.id <> ${awaitingId} and m.status = 'adjusted' order by m.held_on, p.position limit 1`,
    );
    const change = (title: string) =>
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update paragraphs set title = ${title} where id = ${paragraph!.id}`);
      });
    await change(`${paragraph!.title} (ändrad i efterhand)`);
    try {
      const refused = await exportYear({ dir: mkdtempSync(join(out, 'unsealed-')) }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RuleError);
      expect((refused as RuleError).message).toContain(`(meeting ${paragraph!.meeting_id})`);
    } finally {
      await change(paragraph!.title);
    }
  });
});
