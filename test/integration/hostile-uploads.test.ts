/**
 * One hostile upload must not take the server down: underlag whose text cannot be read within the
 * limits (zip bombs, a lying ZIP directory, a PDF whose stream inflates to hundreds of MB, a PDF that
 * reads too slowly) are stored as the member's document without text, and the server answers
 * /api/health during and after.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { addAgendaItem, createBody, createOrganization, planMeeting } from '../../src/services/meeting-cycle.service.ts';
import { queryRows } from '../../src/storage/database.ts';
import { buildUser, type TestUser } from '../support/accounts.ts';
import { describeOnEachEngine } from '../support/databases.ts';
import { buildDocxBomb, buildPdfBomb } from '../import/hostile-files.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describeOnEachEngine('hostile underlag through the API', (database) => {
  let app: FastifyInstance;
  let secretary: TestUser;
  let paragraphId = '';

  beforeAll(async () => {
    const { db } = database();
    const organization = await createOrganization(db, { name: 'Bombförbundet', organizationType: 'kommunalforbund' });
    const body = await createBody(db, { organizationId: organization.id, name: 'Direktionen' });
    const { meetingId } = await planMeeting(db, { bodyId: body.id, heldOn: '2026-03-12', standardItems: false });
    ({ paragraphId } = await addAgendaItem(db, meetingId, { title: 'Budget 2027', text: 'Underlag bifogas.' }));
    secretary = await buildUser(db, { name: 'Sara Sekreterare', roles: [{ role: 'secretary', organizationId: organization.id }] });
    app = await buildApp({ database: database(), web: false });
  });

  const attach = (title: string, bytes: Buffer, contentType: string) =>
    app.inject({
      method: 'POST',
      url: `/api/paragraphs/${paragraphId}/attachments?title=${encodeURIComponent(title)}`,
      headers: { ...secretary.headers, 'content-type': contentType },
      payload: bytes,
    });
  const storedText = async (fileId: string) =>
    (await queryRows<{ text: string | null; size: number }>(database().db, sql`select text_content as text, size::int as size from files where id = ${fileId}::uuid`))[0];
  const health = async () => (await app.inject({ method: 'GET', url: '/api/health' })).statusCode;

  it.each([
    ['a DOCX whose document.xml unpacks to 300 MB', 'Bomb', buildDocxBomb({ megabytes: 300 }), DOCX],
    ['a DOCX whose directory understates what it unpacks to', 'Lögn', buildDocxBomb({ megabytes: 300, lying: true }), DOCX],
    ['a PDF whose content stream inflates to 300 MB', 'Pdf-bomb', buildPdfBomb({ megabytes: 300 }), 'application/pdf'],
  ])('stores %s without text, and goes on answering', async (_case, title, bytes, contentType) => {
    const response = await attach(title, bytes, contentType);
    expect(response.statusCode, response.body).toBe(201);
    const { fileId } = response.json() as { fileId: string };
    expect(await storedText(fileId)).toEqual({ text: null, size: bytes.length });
    expect(await health()).toBe(200);
  });

  it('answers /api/health while a PDF that reads too slowly is given up, then stores it without text', async () => {
    const slow = buildPdfBomb({ megabytes: 40 });
    const upload = attach('Långsam', slow, 'application/pdf');
    expect(await health()).toBe(200);
    const response = await upload;
    expect(response.statusCode, response.body).toBe(201);
    expect(await storedText((response.json() as { fileId: string }).fileId)).toEqual({ text: null, size: slow.length });
    expect(await health()).toBe(200);
  });
});
