/**
 * `protokoll verify` through the real command line: clean and exit 0 on an untouched database; after
 * changes made with the triggers off, one line per change naming the meeting and §, and exit 1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../src/storage/index.ts';
import { buildSignedMeeting } from '../support/signed-meeting.ts';
import { describeCliOnEachEngine } from './support/cli.ts';

describeCliOnEachEngine('protokoll verify', (cli) => {
  let meetingId = '';
  let head = '';

  it('verifies an untouched database clean, prints the chain head and exits 0', async () => {
    expect((await cli().run('migrate')).code).toBe(0);
    meetingId = await cli().withDatabase((handle) => buildSignedMeeting(handle, { organization: 'Förbundet Kontroll', body: 'Styrelsen', heldOn: '2026-03-02' }));
    const run = await cli().run('verify');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^verified: 1 adjusted minutes \(3 §§\), 1 sealed PDFs, \d+ audit entries; 0 findings$/m);
    const match = /^chain head: (\d+:[0-9a-f]{64}) /m.exec(run.out);
    expect(match).not.toBeNull();
    head = match![1]!;
    expect((await cli().run('verify', '--anchor', head)).code).toBe(0);
  });

  it('names the meeting and § of each change made behind its back, and exits 1', async () => {
    await cli().withDatabase(async (handle) => {
      const [file] = await queryRows<{ storage: string; path: string | null; id: string }>(
        handle.db,
        sql`select f.storage, f.path, f.id from files f join minutes_seals s on s.file_id = f.id where s.meeting_id = ${meetingId}`,
      );
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update decision_points set text = 'Styrelsen beslutar något annat.'
          where paragraph_id = (select id from paragraphs where meeting_id = ${meetingId} and number = 3)`);
        await tx.execute(sql`update audit_events set actor = 'någon annan' where kind = 'minutes.finalised' and entity_id = ${meetingId}`);
        if (file!.storage === 'database') await tx.execute(sql`update files set content = content || '\\x00'::bytea where id = ${file!.id}`);
      });
      // On the embedded database the sealed PDF lies on disk beside it.
      if (file!.storage === 'disk') {
        const path = join(cli().dataDir, 'files', file!.path!);
        writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from('%% tillagt\n')]));
      }
    });

    const run = await cli().run('verify');
    expect(run.code).toBe(1);
    const lines = run.out.trim().split('\n');
    const where = `Styrelsen 2026-03-02 nr 2 (Förbundet Kontroll) [${meetingId}]`;
    expect(lines).toContain(`paragraph_changed: ${where}: § 3 changed since the seal`);
    expect(lines).toContain(`file_changed: ${where}: the bytes of the sealed PDF differ from the seal`);
    expect(lines.find((line) => line.startsWith('audit_entry_changed: '))).toMatch(new RegExp(`^audit_entry_changed: ${escape(where)}: audit entry \\d+ \\(minutes\\.finalised, .*\\): its content does not match its hash$`));
    expect(lines).toContainEqual(expect.stringMatching(/^CHANGED: 1 adjusted minutes \(3 §§\), 1 sealed PDFs, \d+ audit entries; 3 findings$/));

    const json = await cli().run('verify', '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as { findings: { code: string; paragraph: { number: number } | null; meeting: { meetingId: string } | null }[] };
    expect(report.findings.map((f) => f.code).sort()).toEqual(['audit_entry_changed', 'file_changed', 'paragraph_changed']);
    expect(report.findings.find((f) => f.code === 'paragraph_changed')).toMatchObject({ paragraph: { number: 3 }, meeting: { meetingId } });

    // Another organisation's minutes are not checked, but the chain, one for all, still is.
    await cli().withDatabase(async (handle) => {
      const { createOrganization } = await import('../../src/services/meeting-cycle.service.ts');
      await createOrganization(handle.db, { name: 'Förbundet Annat', organizationType: 'association' });
    });
    const other = await cli().run('verify', '--organization', 'Förbundet Annat');
    expect(other.code).toBe(1);
    expect(other.out).toMatch(/^CHANGED: 0 adjusted minutes \(0 §§\), 0 sealed PDFs, \d+ audit entries; 1 finding$/m);
  });

  it('refuses an anchor it cannot read and an organisation it does not know', async () => {
    const run = await cli().run('verify', '--anchor', 'senaste');
    expect(run.code).toBe(1);
    expect(run.err).toContain('--anchor: expected SEQ:HASH');
    const unknown = await cli().run('verify', '--organization', 'Förbundet Som Inte Finns');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("no organisation named or with id 'Förbundet Som Inte Finns'");
    expect(unknown.out).toBe('');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
