import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { renderExtractHtml, renderExtractPdf } from './index.ts';
import { buildFictionalMinutes } from '../../test/documents/fictional-minutes.ts';
import { readPdfText } from '../../test/documents/pdf-text.ts';

describe('protokollsutdrag', () => {
  const minutes = buildFictionalMinutes({ count: 12 });
  const options = { paragraphs: [36, 33, 34], certifiedBy: 'Karl-Åke Lindqvist', certifiedOn: '2024-10-05' };

  it('prints the header, only the chosen §§ in order, and the certification', async () => {
    const pages = await readPdfText(await renderExtractPdf(minutes, { ...options, createdAt: '2024-10-05T09:00:00Z' }));
    const lines = pages.flat();
    expect(pages[0]![1]).toBe('PROTOKOLLSUTDRAG');
    expect(lines).toContain('Paragrafer §§ 33–34, 36');
    const headings = lines.filter((line) => /^§ \d+ /.test(line));
    expect(headings).toEqual([
      '§ 33 Tertialuppföljning med helårsprognos',
      '§ 34 Revidering av delegationsordningen',
      '§ 36 Anmälan av delegationsbeslut',
    ]);
    const certification = lines.indexOf('Utdragets riktighet bestyrks');
    expect(certification).toBeGreaterThan(lines.indexOf(headings[2]!));
    expect(lines.slice(certification + 1, certification + 3)).toEqual(['Karl-Åke Lindqvist', '2024-10-05']);
  });

  it('refuses §§ the minutes do not have, naming each one', async () => {
    const attempt = renderExtractPdf(minutes, { paragraphs: [33, 99, 100] });
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toMatchObject({
      problems: [
        { path: 'paragraphs[1]', code: 'paragraph_not_found' },
        { path: 'paragraphs[2]', code: 'paragraph_not_found' },
      ],
    });
    expect(() => renderExtractHtml(minutes, { paragraphs: [] })).toThrow(InputError);
  });

  it('is also an HTML page with the certification', () => {
    const html = renderExtractHtml(minutes, options);
    expect(html).toContain('<h1>PROTOKOLLSUTDRAG</h1>');
    expect(html).toContain('<h2>Utdragets riktighet bestyrks</h2>');
    expect(html).not.toContain('§ 35 ');
  });
});
