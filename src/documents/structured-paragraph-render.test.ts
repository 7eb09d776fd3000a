import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { expectInOrder } from '../../test/documents/expect-in-order.ts';
import { minutesWithStructuredParagraph } from '../../test/documents/structured-paragraph.ts';
import { renderMinutesDocx, renderMinutesHtml, renderMinutesPdf } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'protokoll-structured-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function htmlText(html: string): string {
  const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  return main.replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

describe('a § with proposal, yrkanden, votering, reservation, jäv and omedelbar justering', () => {
  const minutes = minutesWithStructuredParagraph();

  it('comes out whole and in order in the HTML, with the typed line break and numbered att-clauses', () => {
    const html = renderMinutesHtml(minutes);
    expectInOrder(htmlText(html));
    expect(html).toContain('Förbundsstyrelsen antar taxan.<br>\nTaxan gäller från den 1 januari 2027.');
    expect(html).toMatch(/<ol class="decisions">\n<li>anta taxan för tillsyn<\/li>\n<li>taxan gäller/);
    expect(htmlText(html)).not.toMatch(/att\s+–\s+att|att\s+att\b/);
  });

  it('comes out whole and in order in the PDF as pdftotext reads it, numbered and with the line break kept', async () => {
    const file = join(dir, 'structured.pdf');
    writeFileSync(file, await renderMinutesPdf(minutes, { createdAt: '2026-12-04T12:00:00Z' }));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expectInOrder(text);
    const lines = text.split('\n').map((line) => line.trim());
    expect(lines).toContain('Förbundsstyrelsen antar taxan.');
    expect(lines).toContain('Taxan gäller från den 1 januari 2027.');
    expect(lines.some((line) => /^1\.\s+anta taxan för tillsyn$/.test(line))).toBe(true);
    expect(lines.some((line) => /^2\.\s+taxan gäller från den 1 januari 2027$/.test(line))).toBe(true);
    expect(text).not.toMatch(/att\s+–\s+att|att\s+\d\.\s+att/);
  });

  it('comes out whole and in order in the Word document read back with mammoth', async () => {
    const docx = await renderMinutesDocx(minutes);
    const { value: raw } = await mammoth.extractRawText({ buffer: docx });
    expectInOrder(raw);
    expect(raw).not.toMatch(/att\s+–\s+att|att\s+att\b/);
    const { value: html } = await mammoth.convertToHtml({ buffer: docx });
    expect(html).toContain('Förbundsstyrelsen antar taxan.<br />Taxan gäller från den 1 januari 2027.');
    expect(html).toMatch(/<ol><li>anta taxan för tillsyn<\/li><li>taxan gäller från den 1 januari 2027<\/li><\/ol>/);
  });

  it('prints acclamation under the propositionsordning when no vote was taken', () => {
    const acclaimed = minutesWithStructuredParagraph();
    const item = acclaimed.items[0]!;
    item.decisionMethod = 'acclamation';
    delete item.votes;
    expectInOrder(htmlText(renderMinutesHtml(acclaimed)), ['Propositionsordning', 'Ordföranden ställer proposition', 'Beslutet fattas med acklamation.', 'Reservation']);
  });

  it('keeps a single decision unnumbered, with its dash', () => {
    const single = minutesWithStructuredParagraph();
    single.items[0]!.decisions = ['att anta taxan'];
    const html = renderMinutesHtml(single);
    expect(html).toContain('<ul class="decisions">\n<li>anta taxan</li>\n</ul>');
  });
});
