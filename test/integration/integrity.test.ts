/**
 * Issue 23: adjusted minutes are sealed and the audit log is a hash chain, so that a change made behind
 * the application's back (triggers disabled) is found by `verify`, named by meeting and §, and shown on
 * the public page; the public PDF is the sealed file.
 */
import { createHash } from 'node:crypto';
import { noteCommitted } from '../../src/storage/commit-generation.ts';
import { sql, type SQL } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { createPerson } from '../../src/services/meeting-cycle.service.ts';
import { verifyIntegrity, type IntegrityFinding } from '../../src/services/integrity.service.ts';
import { saveMinutes } from '../../src/services/minutes.service.ts';
import { appendAuditEvent, inTransaction, queryRows, type Database } from '../../src/storage/index.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildMinutes } from '../support/factories.ts';
import { buildSignedMeeting } from '../support/signed-meeting.ts';

/** Runs statements as someone with full database access would: with every trigger off. */
async function behindTheBack(db: Database, statements: SQL[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const statement of statements) await tx.execute(statement);
  });
  // A change outside the application reaches the public pages once the public cache's entries expire
  // (60 s, services/public-cache.ts); the test does not wait for that.
  noteCommitted(db);
}

const codes = (findings: IntegrityFinding[]) => findings.map((f) => f.code).sort();

describeOnEachEngine('sealed minutes and the audit chain', (database) => {
  let signed = '';
  let untouched = '';
  let imported = '';
  let secret = '';

  it('seals minutes as they become adjusted, signed here or stored adjusted, and an untouched database verifies clean', async () => {
    const handle = database();
    signed = await buildSignedMeeting(handle, { organization: 'Förbundet Sigill', body: 'Styrelsen', heldOn: '2026-02-02' });
    untouched = await buildSignedMeeting(handle, { organization: 'Förbundet Orört', body: 'Direktionen', heldOn: '2026-02-09' });
    secret = await buildSignedMeeting(handle, { organization: 'Förbundet Sekretess', body: 'Utskottet', heldOn: '2026-02-16', confidential: 2 });
    const minutes = buildMinutes({ organization: 'Förbundet Import', body: 'Nämnden', date: '2026-01-20' });
    minutes.adjustment.date = '2026-01-22';
    imported = (await saveMinutes(handle.db, minutes, { actor: 'test' })).meetingId;

    const seals = await queryRows<{ meeting_id: string; file_id: string | null; file_sha256: string | null; signed_sha256: string | null }>(
      handle.db,
      sql`select s.meeting_id, s.file_id, s.file_sha256, f.sha256 as signed_sha256
          from minutes_seals s join meetings m on m.id = s.meeting_id left join files f on f.id = m.signed_file_id order by m.held_on`,
    );
    expect(seals.map((s) => s.meeting_id)).toEqual([imported, signed, untouched, secret]);
    // Minutes signed here seal the signed document; minutes stored from data have no PDF to seal.
    expect(seals[1]!.file_sha256).toBe(seals[1]!.signed_sha256);
    expect(seals[1]!.file_id).not.toBeNull();
    expect(seals[0]!.file_id).toBeNull();
    const events = await queryRows<{ entity_id: string; data: { paragraphs: { number: number }[] } }>(
      handle.db,
      sql`select entity_id, data from audit_events where kind = 'minutes.sealed' order by seq`,
    );
    expect(events.map((e) => e.entity_id).sort()).toEqual([signed, untouched, imported, secret].sort());
    expect(events.find((e) => e.entity_id === signed)!.data.paragraphs.map((p) => p.number)).toEqual([1, 2, 3]);

    const report = await verifyIntegrity(handle);
    expect(report.findings).toEqual([]);
    expect(report.counts).toMatchObject({ meetings: 4, paragraphs: 12, files: 3 });
    const [{ n }] = (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_events`)) as [{ n: number }];
    expect(report.counts.auditEntries).toBe(n);
    expect(report.chainHead?.seq).toBe(n);
  });

  it('every audit entry is chained to the one before it, in seq order without gaps', async () => {
    const rows = await queryRows<{ seq: string | number; previous_hash: string | null; hash: string | null }>(
      database().db,
      sql`select seq, previous_hash, hash from audit_events order by seq`,
    );
    rows.forEach((row, index) => {
      expect(Number(row.seq)).toBe(index + 1);
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.previous_hash).toBe(index === 0 ? null : rows[index - 1]!.hash);
    });
  });

  it('shows on the public page that untouched minutes are unchanged, and gives out the sealed PDF exactly', async () => {
    const handle = database();
    const app = await buildApp({ database: handle, today: () => '2026-03-01' });
    try {
      const page = await app.inject({ url: `/arkiv/sammantraden/${untouched}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Protokollet är oförändrat sedan justeringen.');
      const pdf = await app.inject({ url: `/arkiv/sammantraden/${untouched}/protokoll.pdf` });
      expect(pdf.statusCode).toBe(200);
      const [sealed] = await queryRows<{ file_sha256: string }>(handle.db, sql`select file_sha256 from minutes_seals where meeting_id = ${untouched}`);
      expect(createHashHex(pdf.rawPayload)).toBe(sealed!.file_sha256);
      // Minutes stored from data have no sealed PDF: the page says so rather than render one.
      const none = await app.inject({ url: `/arkiv/sammantraden/${imported}/protokoll.pdf` });
      expect(none.statusCode).toBe(404);
      expect(none.headers['content-type']).toContain('text/html');
      expect(none.body).toContain('inte som förseglad PDF');
      // The signed PDF of minutes with a § under secrecy is whole, so the public get a masked rendition of the verified content.
      const masked = await app.inject({ url: `/arkiv/sammantraden/${secret}/protokoll.pdf` });
      expect(masked.statusCode).toBe(200);
      expect(masked.headers['content-type']).toBe('application/pdf');
      expect(createHashHex(masked.rawPayload)).not.toBe((await queryRows<{ h: string }>(handle.db, sql`select file_sha256 as h from minutes_seals where meeting_id = ${secret}`))[0]!.h);
      // OParl names a protocol file only where there is one to give out.
      const meetings = async (organization: string) => {
        const [row] = await queryRows<{ id: string }>(handle.db, sql`select id from organizations where name = ${organization}`);
        return ((await app.inject({ url: `/oparl/v1/bodies/${row!.id}/meetings` })).json() as { data: { resultsProtocol?: { accessUrl: string } }[] }).data;
      };
      expect((await meetings('Förbundet Orört'))[0]!.resultsProtocol?.accessUrl).toMatch(new RegExp(`/arkiv/sammantraden/${untouched}/protokoll\\.pdf$`));
      expect((await meetings('Förbundet Import'))[0]!.resultsProtocol).toBeUndefined();
      const english = await app.inject({ url: `/arkiv/sammantraden/${untouched}`, cookies: { pk_lang: 'en' } });
      expect(english.body).toContain('The minutes are unchanged since they were adjusted.');
    } finally {
      await app.close();
    }
  });

  it("names each change made with the triggers off: a §'s text, a decision, the sealed PDF's bytes and an audit entry", async () => {
    const handle = database();
    const [auditEntry] = await queryRows<{ seq: number | string }>(
      handle.db,
      sql`select seq from audit_events where kind = 'minutes.finalised' and entity_id = ${untouched}`,
    );
    await behindTheBack(handle.db, [
      sql`update paragraphs set text = 'Underlag som ingen beslutade om.' where meeting_id = ${signed} and number = 2`,
      sql`update decision_points set text = 'Styrelsen beslutar något annat.'
          where paragraph_id = (select id from paragraphs where meeting_id = ${imported} and number = 3)`,
      sql`update files set content = content || '\\x00'::bytea where id = (select file_id from minutes_seals where meeting_id = ${signed})`,
      sql`update audit_events set data = '{"sha256": "0000", "version": 1}'::jsonb where seq = ${Number(auditEntry!.seq)}`,
      sql`update paragraphs set title = 'Ett annat ärende' where meeting_id = ${secret} and number = 1`,
    ]);

    const report = await verifyIntegrity(handle);
    expect(codes(report.findings)).toEqual(['audit_entry_changed', 'file_changed', 'paragraph_changed', 'paragraph_changed', 'paragraph_changed']);
    const find = (code: string, meetingId: string) => report.findings.find((f) => f.code === code && f.meeting?.meetingId === meetingId);
    expect(find('paragraph_changed', signed)).toMatchObject({ meeting: { bodyName: 'Styrelsen', heldOn: '2026-02-02', numberInYear: 2, organizationName: 'Förbundet Sigill' }, paragraph: { number: 2 } });
    expect(find('paragraph_changed', imported)).toMatchObject({ meeting: { bodyName: 'Nämnden', heldOn: '2026-01-20' }, paragraph: { number: 3 } });
    expect(find('file_changed', signed)).toBeDefined();
    expect(find('audit_entry_changed', untouched)).toMatchObject({ seq: Number(auditEntry!.seq), meeting: { bodyName: 'Direktionen' } });

    // One organisation only: its meetings, and the chain, which is one for all.
    const one = await verifyIntegrity(handle, { organization: 'Förbundet Sigill' });
    expect(codes(one.findings)).toEqual(['audit_entry_changed', 'file_changed', 'paragraph_changed']);
    expect(one.counts.meetings).toBe(1);
  });

  it('warns on the public page of changed minutes and gives out no PDF whose bytes changed', async () => {
    const app = await buildApp({ database: database(), today: () => '2026-03-01' });
    try {
      const page = await app.inject({ url: `/arkiv/sammantraden/${signed}` });
      expect(page.body).toContain('Varning: protokollet stämmer inte med det som förseglades vid justeringen.');
      expect(page.body).not.toContain('Protokollet är oförändrat sedan justeringen.');
      // Its sealed PDF changed too: the page offers no download and says why.
      expect(page.body).not.toContain('/protokoll.pdf');
      expect(page.body).toContain('stämmer inte längre med sigillet');
      const imported_ = await app.inject({ url: `/arkiv/sammantraden/${imported}` });
      expect(imported_.body).toContain('Varning: protokollet stämmer inte');
      const pdf = await app.inject({ url: `/arkiv/sammantraden/${signed}/protokoll.pdf` });
      expect(pdf.statusCode).toBe(404);
      expect(pdf.body).toContain('stämmer inte längre med sigillet');
      // Changed minutes with a § under secrecy: no rendition of content that no longer verifies.
      const masked = await app.inject({ url: `/arkiv/sammantraden/${secret}/protokoll.pdf` });
      expect(masked.statusCode).toBe(404);
      expect(masked.body).toContain('omfattas av sekretess');
    } finally {
      await app.close();
    }
  });

  it('finds a removed seal, a deleted meeting and a deleted audit entry', async () => {
    const handle = database();
    const [last] = await queryRows<{ seq: number | string }>(handle.db, sql`select max(seq) as seq from audit_events where kind = 'notice.posted' or kind = 'minutes.saved'`);
    await behindTheBack(handle.db, [
      sql`delete from minutes_seals where meeting_id = ${untouched}`,
      sql`delete from audit_events where seq = ${Number(last!.seq)}`,
      sql`delete from meetings where id = ${imported}`,
    ]);
    const report = await verifyIntegrity(handle);
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'seal_missing', meeting: expect.objectContaining({ meetingId: untouched }) }),
        // A deleted meeting is still named, from its sealing event.
        expect.objectContaining({ code: 'meeting_missing', meeting: { meetingId: imported, organizationName: 'Förbundet Import', bodyName: 'Nämnden', heldOn: '2026-01-20', numberInYear: null } }),
        expect.objectContaining({ code: 'audit_entry_missing', seq: Number(last!.seq) }),
        // The entry after the deleted one no longer links to its predecessor.
        expect.objectContaining({ code: 'audit_link_broken', seq: Number(last!.seq) + 1 }),
      ]),
    );
  });
});

describeOnEachEngine('the audit chain under concurrent writers', (database) => {
  it('never forks: many transactions appending at once leave one chain, in seq order without gaps', async () => {
    const handle = database();
    const writers = Array.from({ length: 24 }, (_, i) =>
      inTransaction(handle.db, async (tx) => {
        await appendAuditEvent(tx, { kind: 'person.created', entityType: 'person', entityId: null, actor: `writer ${i}`, data: { step: 1 } });
        // Overlap the transactions: each is still open while the others start.
        await tx.execute(sql`select pg_sleep(0.02)`);
        await appendAuditEvent(tx, { kind: 'person.created', entityType: 'person', entityId: null, actor: `writer ${i}`, data: { step: 2 } });
      }),
    );
    // Real use cases alongside, some of which roll back.
    const people = Array.from({ length: 8 }, (_, i) => createPerson(handle.db, { name: `Person ${i}` }));
    const refused = Array.from({ length: 4 }, () =>
      inTransaction(handle.db, async (tx) => {
        await appendAuditEvent(tx, { kind: 'person.created', entityType: 'person', entityId: null, actor: 'rolled back' });
        throw new Error('refused');
      }).catch(() => 'refused'),
    );
    const minutes = Array.from({ length: 3 }, (_, i) => {
      const m = buildMinutes({ organization: `Förbundet Samtidigt ${i}`, date: `2026-04-0${i + 1}` });
      m.adjustment.date = `2026-04-0${i + 2}`;
      return saveMinutes(handle.db, m);
    });
    // And whole meeting cycles, each rendering and signing its PDF while the others write.
    const cycles = Array.from({ length: 3 }, (_, i) => buildSignedMeeting(handle, { organization: `Förbundet Parallellt ${i}`, body: 'Styrelsen', heldOn: `2026-05-0${i + 4}` }));
    await Promise.all([...writers, ...people, ...refused, ...minutes, ...cycles]);

    const rows = await queryRows<{ seq: string | number; actor: string | null }>(handle.db, sql`select seq, actor from audit_events order by seq`);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, index) => index + 1));
    expect(rows.filter((r) => r.actor === 'rolled back')).toEqual([]);
    expect(rows.filter((r) => r.actor?.startsWith('writer '))).toHaveLength(48);
    const report = await verifyIntegrity(handle);
    expect(report.findings).toEqual([]);
    expect(report.counts.auditEntries).toBe(rows.length);
    expect(report.counts.meetings).toBe(6);
  });

  it('drops the events of a nested transaction that rolled back, and chains an event appended outside any transaction', async () => {
    const handle = database();
    await inTransaction(handle.db, async (tx) => {
      await appendAuditEvent(tx, { kind: 'person.created', entityType: 'person', entityId: null, actor: 'outer, before' });
      await inTransaction(tx, async (inner) => {
        await appendAuditEvent(inner, { kind: 'person.created', entityType: 'person', entityId: null, actor: 'inner, rolled back' });
        throw new Error('refused');
      }).catch(() => 'refused');
      await inTransaction(tx, async (inner) => {
        await appendAuditEvent(inner, { kind: 'person.created', entityType: 'person', entityId: null, actor: 'inner, kept' });
      });
      await appendAuditEvent(tx, { kind: 'person.created', entityType: 'person', entityId: null, actor: 'outer, after' });
    });
    await appendAuditEvent(handle.db, { kind: 'person.created', entityType: 'person', entityId: null, actor: 'on its own' });
    // Many events in one transaction are written in several statements, still one chain.
    await inTransaction(handle.db, async (tx) => {
      for (let i = 0; i < 1200; i++) await appendAuditEvent(tx, { kind: 'person.created', entityType: 'person', entityId: null, actor: 'bulk', data: { i } });
    });
    const rows = await queryRows<{ actor: string }>(handle.db, sql`select actor from audit_events where actor <> 'bulk' order by seq desc limit 4`);
    expect(rows.map((r) => r.actor).reverse()).toEqual(['outer, before', 'inner, kept', 'outer, after', 'on its own']);
    expect((await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_events where actor = 'bulk'`))[0]!.n).toBe(1200);
    expect((await verifyIntegrity(handle)).findings).toEqual([]);
  });
});

function createHashHex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
