/**
 * Imports through the web (issue 18), at the level of the use cases: an upload of a zip and loose files becomes
 * a batch whose originals are kept at once; the worker parses one file at a time, a broken or unsupported file
 * fails with its reason and never the batch; a file left 'parsing' by a process that stopped is parsed by the
 * next worker; a reviewed file is stored with its correction through the path `protokoll import` takes; the
 * files without findings are accepted in bulk; and nobody outside the organisation sees the batch.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { expect, it } from 'vitest';
import { getViewer } from '../../src/services/accounts.service.ts';
import {
  acceptCleanImportFiles,
  createImportBatch,
  getImportBatch,
  ImportWorker,
  storeImportFile,
} from '../../src/services/import-batches.service.ts';
import { createBody, createOrganization } from '../../src/services/meeting-cycle.service.ts';
import { getMinutes } from '../../src/services/minutes.service.ts';
import { claimNextImportFile, inTransaction, queryRows } from '../../src/storage/index.ts';
import { buildUser } from '../support/accounts.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildDocx } from '../import/document-builders.ts';
import { OWN_FIXTURES_DIR } from '../import/fixture-files.ts';

const fixture = (name: string) => readFileSync(join(OWN_FIXTURES_DIR, `${name}.txt`), 'utf8');
const encode = (text: string) => new TextEncoder().encode(text);

describeOnEachEngine('web import batches', (database) => {
  it('parses a zip and loose files in the background, survives a stop mid-parse, and stores what was reviewed and accepted', async () => {
    const handle = database();
    const { db } = handle;
    const organization = await createOrganization(db, { name: `Kommunalförbundet Importby ${handle.engine}`, organizationType: 'kommunalforbund' });
    await createBody(db, { organizationId: organization.id, name: 'Direktionen' });
    const other = await createOrganization(db, { name: `Samordningsförbundet Annanstad ${handle.engine}`, organizationType: 'samordningsforbund' });
    const secretary = await getViewer(db, (await buildUser(db, { name: 'Importsekreterare', roles: [{ role: 'secretary', organizationId: organization.id }] })).userId);
    const outsider = await getViewer(db, (await buildUser(db, { name: 'Annan Sekreterare', roles: [{ role: 'secretary', organizationId: other.id }] })).userId);

    const zip = zipSync({
      'arkiv/ks-2021.txt': encode(fixture('kommunstyrelsen-tabellhuvud')),
      'arkiv/teknik-2025.txt': encode(fixture('tekniska-namnden-efternamn-forst')),
      'arkiv/trasig.pdf': encode('%PDF-1.4\nthis is no PDF at all\n'),
      'arkiv/bild.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
      '__MACOSX/._ks-2021.txt': encode('resource fork'),
    });
    const { batchId } = await createImportBatch(handle, secretary, {
      organizationId: organization.id,
      bodyId: null,
      uploads: [
        { name: 'protokoll.zip', bytes: zip },
        { name: 'bygg-2022.docx', bytes: await buildDocx(fixture('bygg-och-miljonamnden-narvarotabell')) },
      ],
    });
    let batch = await getImportBatch(db, secretary, batchId);
    expect(batch.files.map((f) => [f.name, f.status])).toEqual([
      ['protokoll.zip/arkiv/ks-2021.txt', 'queued'],
      ['protokoll.zip/arkiv/teknik-2025.txt', 'queued'],
      ['protokoll.zip/arkiv/trasig.pdf', 'queued'],
      ['protokoll.zip/arkiv/bild.png', 'failed'],
      ['bygg-2022.docx', 'queued'],
    ]);
    expect(batch.files[3]!.reason).toContain('cannot import .png');
    // The originals are kept before anything is parsed.
    expect(batch.files.filter((f) => f.status === 'queued').every((f) => f.fileId !== null)).toBe(true);
    await expect(getImportBatch(db, outsider, batchId)).rejects.toMatchObject({ code: 'import_batch_not_found' });

    // A process claims the first file and stops before it has parsed it: the file is left 'parsing'.
    const claimed = await inTransaction(db, (tx) => claimNextImportFile(tx, new Date()));
    expect(claimed?.name).toBe('protokoll.zip/arkiv/ks-2021.txt');
    expect((await getImportBatch(db, secretary, batchId)).files[0]!.status).toBe('parsing');

    // The next process's worker puts it back in the queue and parses every file.
    const worker = new ImportWorker(handle, { today: () => '2026-06-15' });
    await worker.runOnce();
    batch = await getImportBatch(db, secretary, batchId);
    expect(batch.status).toBe('done');
    expect(batch.files.map((f) => f.status)).toEqual(['parsed', 'needs_review', 'failed', 'failed', 'parsed']);
    expect(batch.files[2]!.reason).toMatch(/trasig\.pdf/);
    expect(batch.files[1]!.findings.filter((f) => f.review).map((f) => f.code)).toEqual(['import_adjustment_not_shown']);

    // Review: one field corrected, then stored; the correction is in the audit log.
    const reviewed = batch.files[1]!;
    const stored = await storeImportFile(handle, secretary, reviewed.id, { form: { location: 'Tekniska kontoret, sal 2' }, today: '2026-06-15' });
    expect(stored.status).toBe('stored');
    const minutes = await getMinutes(db, stored.meetingId!);
    expect(minutes.meeting.location).toBe('Tekniska kontoret, sal 2');
    const [meeting] = await queryRows<{ status: string; source_file_id: string | null }>(db, sql`select status, source_file_id from meetings where id = ${stored.meetingId}`);
    expect(meeting).toEqual({ status: 'adjusted', source_file_id: reviewed.fileId });
    const audit = await queryRows<{ data: { corrections: unknown[] } }>(db, sql`select data from audit_events where kind = 'import.file_corrected' and entity_id = ${reviewed.id}`);
    expect(audit[0]?.data.corrections).toEqual([{ field: 'location', from: reviewed.minutes!.meeting.location, to: 'Tekniska kontoret, sal 2' }]);
    await expect(storeImportFile(handle, secretary, reviewed.id, {})).rejects.toMatchObject({ code: 'import_file_not_reviewable' });

    // The two without findings are accepted in bulk, as read.
    expect(await acceptCleanImportFiles(handle, secretary, batchId, { today: '2026-06-15' })).toEqual({ stored: 2, refused: 0 });
    batch = await getImportBatch(db, secretary, batchId);
    expect(batch.files.map((f) => f.status)).toEqual(['stored', 'stored', 'failed', 'failed', 'stored']);
    const bodies = await queryRows<{ name: string }>(db, sql`select name from bodies where organization_id = ${organization.id} order by name`);
    expect(bodies.map((b) => b.name)).toEqual(['Bygg- och miljönämnden', 'Direktionen', 'Kommunstyrelsen', 'Tekniska nämnden']);
  }, 120_000);
});
