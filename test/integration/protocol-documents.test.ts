/**
 * The protocol as a document in the web app (issue 19): the secretary previews the draft as PDF inline in
 * the browser at any time before finalising, and takes it as an editable Word document; the text is the
 * draft's own. Someone of another organisation gets neither.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { Document, Packer, Paragraph } from 'docx';
import { sql } from 'drizzle-orm';
import { addAgendaItem, createBody, createOrganization, planMeeting } from '../../src/services/meeting-cycle.service.ts';
import { queryRows, type DatabaseHandle } from '../../src/storage/index.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';
import { openTestDatabase } from '../support/databases.ts';

let handle: DatabaseHandle;
let app: FastifyInstance;
let meetingId = '';
let paragraphId = '';
let secretary: TestUser;
let stranger: TestUser;
const work = mkdtempSync(join(tmpdir(), 'protokoll-protocol-documents-'));

const get = (user: TestUser, url: string) => app.inject({ method: 'GET', url, headers: { cookie: `protokoll_session=${encodeURIComponent(user.token)}` } });

beforeAll(async () => {
  handle = await openTestDatabase('pglite');
  const organization = await createOrganization(handle.db, { name: 'Vattenförbundet Norrström', organizationType: 'kommunalforbund' });
  const other = await createOrganization(handle.db, { name: 'Samordningsförbundet Syd', organizationType: 'samordningsforbund' });
  const body = await createBody(handle.db, { organizationId: organization.id, name: 'Direktionen' });
  meetingId = (await planMeeting(handle.db, { bodyId: body.id, heldOn: '2026-11-12', standardItems: false }, { personId: null })).meetingId;
  paragraphId = (await addAgendaItem(handle.db, meetingId, { title: 'Taxa för slamtömning 2027', text: 'Förbundet föreslår en ny taxa.\nTaxan gäller från 1 januari.' }, { personId: null })).paragraphId;
  secretary = await buildUser(handle.db, { name: 'Sekreterare Norrström', roles: [{ role: 'secretary', organizationId: organization.id }] });
  stranger = await buildUser(handle.db, { name: 'Sekreterare Syd', roles: [{ role: 'secretary', organizationId: other.id }] });
  app = await buildApp({ database: handle });
}, 60_000);
afterAll(async () => {
  await app.close();
  await handle.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the protocol as a document', () => {
  it('is previewed as a PDF shown inline, rendered from the draft', async () => {
    const response = await get(secretary, `/sammantraden/${meetingId}/protokoll.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^inline; filename="protokoll-Direktionen-2026-11-12\.pdf"/);
    const file = join(work, 'preview.pdf');
    writeFileSync(file, response.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Taxa för slamtömning 2027');
    expect(text).toContain('Taxan gäller från 1 januari.');
  });

  it('is taken as an editable Word document with the same text', async () => {
    const response = await get(secretary, `/sammantraden/${meetingId}/protokoll.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers['content-disposition']).toMatch(/^attachment; /);
    const { value } = await mammoth.extractRawText({ buffer: response.rawPayload });
    expect(value).toContain('Taxa för slamtömning 2027');
    expect(value).toMatch(/Förbundet föreslår en ny taxa.\s+Taxan gäller från 1 januari./);
  });

  it('is refused to a secretary of another organisation', async () => {
    for (const format of ['pdf', 'docx']) {
      const response = await get(stranger, `/sammantraden/${meetingId}/protokoll.${format}`);
      expect([403, 404]).toContain(response.statusCode);
      expect(response.headers['content-type']).not.toBe('application/pdf');
    }
  });
});

/** A multipart form post with the session and CSRF token a signed-in browser sends. */
async function postFile(user: TestUser, url: string, file: { name: string; type: string; bytes: Buffer }) {
  const [row] = await queryRows<{ csrf_token: string }>(handle.db, sql`select csrf_token from sessions where user_id = ${user.userId} order by created_at desc limit 1`);
  const csrf = row!.csrf_token;
  const boundary = '----protokoll-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: `protokoll_session=${encodeURIComponent(user.token)}; pk_csrf=${csrf}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

describe('Word import of a draft § text', () => {
  const url = () => `/arbetsyta/sammantraden/${meetingId}/paragrafer/${paragraphId}/word`;
  const docx = async (lines: string[]) => Packer.toBuffer(new Document({ sections: [{ children: lines.map((line) => new Paragraph(line)) }] }));

  it('fills the ärendebeskrivning with the text of a .docx, without saving it', async () => {
    const bytes = await docx(['Bakgrund till taxan', 'Slamtömning sker två gånger per år.']);
    const response = await postFile(secretary, url(), { name: 'tjänsteskrivelse.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Texten från tjänsteskrivelse.docx är inläst');
    const textarea = /<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(response.body);
    expect(textarea?.[1]?.trim()).toBe('Bakgrund till taxan\n\nSlamtömning sker två gånger per år.');
    const [stored] = await queryRows<{ text: string }>(handle.db, sql`select text from paragraphs where id = ${paragraphId}`);
    expect(stored!.text).toBe('Förbundet föreslår en ny taxa.\nTaxan gäller från 1 januari.');
  });

  it('refuses a file that is not a Word document, next to the field', async () => {
    const response = await postFile(secretary, url(), { name: 'taxa.docx', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7 not a docx') });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Dokumentet gick inte att läsa');
    expect(response.body).toContain('aria-invalid="true"');
  });

  it('is refused to a secretary of another organisation', async () => {
    const response = await postFile(stranger, url(), { name: 'x.docx', type: 'application/octet-stream', bytes: await docx(['Hemligt']) });
    expect([403, 404]).toContain(response.statusCode);
    expect(response.body).not.toContain('Hemligt');
  });
});
