/**
 * The text inside underlag (files attached to a §) is found by internal searches and never by the
 * public (docs/search.md, "Public and internal"), on both engines: extracted on upload (PDF, DOCX,
 * plain text), stored with the file, copied into the § search document in the attaching transaction.
 */
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { addAgendaItem, attachDocument, createBody, createOrganization, planMeeting } from '../../src/services/meeting-cycle.service.ts';
import { searchDecisions, type SearchInput } from '../../src/services/search.service.ts';
import { extractUnderlagText, MAX_EXTRACTED_CHARACTERS } from '../../src/search/underlag-text.ts';
import { queryRows } from '../../src/storage/database.ts';
import { describeOnEachEngine } from '../support/databases.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function pdfWith(text: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    document.on('error', reject);
    document.font('Helvetica').fontSize(12).text(text);
    document.end();
  });
}

async function docxWith(text: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      `<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}

describeOnEachEngine('searching the text inside underlag', (database) => {
  const search = (input: Partial<SearchInput> & { query: string; audience: SearchInput['audience'] }) =>
    searchDecisions(database().db, { pageSize: 100, ...input, filters: { organization: 'Underlagsförbundet', ...input.filters } });
  const titles = async (input: Partial<SearchInput> & { query: string; audience: SearchInput['audience'] }) => (await search(input)).hits.map((h) => h.title);
  const ids: Record<string, string> = {};
  let meetingId = '';

  beforeAll(async () => {
    const handle = database();
    const { db } = handle;
    const organization = await createOrganization(db, { name: 'Underlagsförbundet', organizationType: 'kommunalforbund' });
    const body = await createBody(db, { organizationId: organization.id, name: 'Direktionen' });
    ({ meetingId } = await planMeeting(db, { bodyId: body.id, heldOn: '2026-03-12', standardItems: false }));
    for (const title of ['Ny bro över ån', 'Budget 2027', 'Personalärende', 'Taxa för tillsyn', 'Lokalfrågan', 'Bilder från invigningen', 'Gångbro vid skolan']) {
      ids[title] = (await addAgendaItem(db, meetingId, { title, text: `Ärendet gäller ${title.toLowerCase()}.` })).paragraphId;
    }
    const attach = (title: string, name: string, bytes: Uint8Array, contentType: string) => attachDocument(handle, ids[title]!, { title: name, bytes, contentType });
    await attach('Ny bro över ån', 'Tjänsteskrivelse', await pdfWith('Kvarnbacksviadukten ska rivas och ersättas av en gångbro. Kostnaden bedöms till tolv miljoner kronor.'), 'application/pdf');
    await attach('Budget 2027', 'Budgetunderlag', await docxWith('Fjärrvärmenätet i Åby byggs ut under planperioden.'), DOCX);
    await attach('Personalärende', 'Utredning', new TextEncoder().encode('Omplaceringsutredningen visar att tjänsten kan finnas kvar.'), 'text/plain; charset=utf-8');
    // Windows-1252, as an old program writes "Tillsynsavgifterna höjs".
    await attach('Taxa för tillsyn', 'Taxeförslag', new Uint8Array([...'Tillsynsavgifterna h'].map((c) => c.charCodeAt(0)).concat([0xf6, 0x6a, 0x73])), 'text/plain');
    await attach('Lokalfrågan', 'Trasig fil', new TextEncoder().encode('%PDF-1.7 inte alls en pdf Lokalhyresavtalet'), 'application/pdf');
    await attach('Bilder från invigningen', 'Foto', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'image/png');
    await db.execute(sql`update paragraphs set confidential = true where id = ${ids['Personalärende']!}::uuid`);
    // Adjusted: the minutes are now the public's, except the confidential §.
    await db.execute(sql`update meetings set status = 'adjusted' where id = ${meetingId}::uuid`);
  });

  it('stores the extracted text of PDF, DOCX and plain text underlag with the file, and none for other or unreadable files', async () => {
    const rows = await queryRows<{ title: string; text: string | null }>(
      database().db,
      sql`select pa.title, f.text_content as text from paragraph_attachments pa join files f on f.id = pa.file_id
          join paragraphs p on p.id = pa.paragraph_id where p.meeting_id = ${meetingId}::uuid order by pa.title`,
    );
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r.text]));
    expect(byTitle['Tjänsteskrivelse']).toContain('Kvarnbacksviadukten ska rivas');
    expect(byTitle['Budgetunderlag']).toBe('Fjärrvärmenätet i Åby byggs ut under planperioden.');
    expect(byTitle['Utredning']).toBe('Omplaceringsutredningen visar att tjänsten kan finnas kvar.');
    expect(byTitle['Taxeförslag']).toBe('Tillsynsavgifterna höjs');
    expect(byTitle['Trasig fil']).toBeNull();
    expect(byTitle['Foto']).toBeNull();
  });

  it('finds a word that is only in an underlag internally, with a snippet from it, and never for the public', async () => {
    for (const [query, title] of [
      ['kvarnbacksviadukten', 'Ny bro över ån'],
      ['fjärrvärmenätet', 'Budget 2027'],
      ['tillsynsavgift*', 'Taxa för tillsyn'],
      ['"ersättas av en gångbro"', 'Ny bro över ån'],
    ] as const) {
      const internal = await search({ query, audience: 'internal' });
      expect(internal.hits.map((h) => h.title), query).toEqual([title]);
      expect(internal.hits[0]!.snippetFromUnderlag).toBe(true);
      expect(internal.hits[0]!.snippetSegments.some((s) => s.match)).toBe(true);
      const external = await search({ query, audience: 'public' });
      expect(external.total, query).toBe(0);
      expect(external.hits).toEqual([]);
    }
    const internal = await search({ query: 'kvarnbacksviadukten', audience: 'internal' });
    expect(internal.hits[0]!.snippet).toContain('Kvarnbacksviadukten');
  });

  it('never quotes an underlag in a public snippet, even when the § matches on its own words', async () => {
    const result = await search({ query: 'bro', audience: 'public' });
    expect(result.hits.map((h) => h.title)).toEqual(['Ny bro över ån']);
    expect(result.hits[0]!.snippet).not.toMatch(/Kvarnbacksviadukten|gångbro|miljoner/u);
    expect(result.hits[0]!.snippetFromUnderlag).toBeUndefined();
    // Internally too the § is quoted from its own text when that matches.
    const internal = await search({ query: 'bro', audience: 'internal' });
    expect(internal.hits.find((h) => h.title === 'Ny bro över ån')?.snippetFromUnderlag).toBeUndefined();
  });

  it('keeps a confidential § hidden from the public, also by the words of its underlag', async () => {
    expect(await titles({ query: 'omplaceringsutredningen', audience: 'internal' })).toEqual(['Personalärende']);
    expect(await titles({ query: 'omplaceringsutredningen', audience: 'public' })).toEqual([]);
    expect(await titles({ query: 'personalärende', audience: 'public' })).toEqual([]);
  });

  it('matches the § and its underlag together: one word in each, and a negated word in the underlag excludes', async () => {
    expect(await titles({ query: 'budget fjärrvärmenätet', audience: 'internal' })).toEqual(['Budget 2027']);
    expect(await titles({ query: 'budget fjärrvärmenätet', audience: 'public' })).toEqual([]);
    // No § has the words without the underlag's: what is shown are titles like "budget" (the misspelling fallback).
    expect((await search({ query: 'budget -fjärrvärmenätet', audience: 'internal' })).interpretation.matchedBy).toBe('similar_titles');
    expect(await titles({ query: 'budget -fjärrvärmenätet', audience: 'public' })).toEqual(['Budget 2027']);
    expect(await titles({ query: 'fjärrvärmenätet or kvarnbacksviadukten', audience: 'internal' })).toEqual(expect.arrayContaining(['Budget 2027', 'Ny bro över ån']));
  });

  it('ranks a match in the § itself above one only in an underlag', async () => {
    // "gångbro" is in the title of one § and only in the underlag of "Ny bro över ån".
    expect(await titles({ query: 'gångbro', audience: 'internal' })).toEqual(['Gångbro vid skolan', 'Ny bro över ån']);
    expect(await titles({ query: 'gångbro', audience: 'public' })).toEqual(['Gångbro vid skolan']);
  });

  it("refreshes the §'s search document when a file's text is set later", async () => {
    const { db } = database();
    const [file] = await queryRows<{ id: string }>(db, sql`select pa.file_id as id from paragraph_attachments pa where pa.paragraph_id = ${ids['Bilder från invigningen']!}::uuid`);
    await db.execute(sql`update files set text_content = 'Bandklippningen skedde i strålande sol.' where id = ${file!.id}::uuid`);
    expect(await titles({ query: 'bandklippningen', audience: 'internal' })).toEqual(['Bilder från invigningen']);
    expect(await titles({ query: 'bandklippningen', audience: 'public' })).toEqual([]);
    await db.execute(sql`update files set text_content = null where id = ${file!.id}::uuid`);
    expect(await titles({ query: 'bandklippningen', audience: 'internal' })).toEqual([]);
  });

  it('bounds extraction: too large, too slow or unreadable gives no text, long text is cut', async () => {
    const text = new TextEncoder().encode('ord '.repeat(100));
    expect(await extractUnderlagText(text, 'text/plain', { maxBytes: 10 })).toBeNull();
    expect(await extractUnderlagText(await pdfWith('Långsam'), 'application/pdf', { timeoutMs: 0 })).toBeNull();
    expect(await extractUnderlagText(new TextEncoder().encode('PK inte en docx'), DOCX)).toBeNull();
    expect(await extractUnderlagText(new TextEncoder().encode(' \n\t '), 'text/plain')).toBeNull();
    expect(await extractUnderlagText(new TextEncoder().encode('a\u0000b'), 'text/plain')).toBe('a b');
    const long = await extractUnderlagText(new TextEncoder().encode('x'.repeat(MAX_EXTRACTED_CHARACTERS + 10)), 'text/plain');
    expect(long).toHaveLength(MAX_EXTRACTED_CHARACTERS);
  });
});
