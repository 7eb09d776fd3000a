import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { buildFictionalMinutes } from '../../test/documents/fictional-minutes.ts';
import type { NoticeOfMeeting } from './index.ts';
import { renderMinutesDocx, renderMinutesHtml, renderNoticeOfMeetingDocx, renderNoticeOfMeetingHtml } from './index.ts';

/** The words of the HTML's <main>, in order: what every format must print. */
function wordsOfHtml(html: string): string[] {
  const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&nbsp;/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

async function wordsOfDocx(docx: Buffer): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer: docx });
  return value.split(/\s+/).filter(Boolean);
}

describe('renderMinutesDocx', () => {
  const minutes = buildFictionalMinutes({ count: 12 });

  it('is a Word document that mammoth reads, with the same words in the same order as the HTML and PDF', async () => {
    const docx = await renderMinutesDocx(minutes);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await wordsOfDocx(docx)).toEqual(wordsOfHtml(renderMinutesHtml(minutes)));
  });

  it('makes each § a Word heading, so the navigation pane lists them', async () => {
    const { value } = await mammoth.convertToHtml({ buffer: await renderMinutesDocx(minutes) });
    expect(value).toContain('<h2>§ 31 Val av justerare</h2>');
    expect(value.match(/<h2>§ \d+ /g)).toHaveLength(12);
  });

  it('keeps the line breaks typed inside a decision, and never prints "att – att"', async () => {
    const one = buildFictionalMinutes({ count: 1 });
    one.items[0]!.decisions = ['att godkänna rapporten', 'Styrelsen noterar:\nförsta raden\nandra raden'];
    const { value } = await mammoth.convertToHtml({ buffer: await renderMinutesDocx(one) });
    expect(value).toContain('första raden<br />andra raden');
    const text = (await wordsOfDocx(await renderMinutesDocx(one))).join(' ');
    expect(text).not.toMatch(/att – att/);
    expect(text).toContain('godkänna rapporten');
  });
});

describe('renderNoticeOfMeetingDocx', () => {
  it('prints the kallelse with its agenda, as the HTML does', async () => {
    const notice: NoticeOfMeeting = {
      organization: 'Sjöbygdens kommunalförbund',
      body: 'Förbundsstyrelsen',
      meeting: { date: '2026-12-17', start: '09:00', end: '12:00', location: 'Förbundshuset, Sammanträdesrum Forsen' },
      sentOn: '2026-12-03',
      items: [
        { number: 1, title: 'Sammanträdets öppnande' },
        { number: 2, title: 'Budget 2027', caseNumber: 'SBF 2026/14', presenters: ['Ekonomichefen'] },
      ],
      invited: [
        { name: 'Åsa Ödmark', party: 'S', represents: 'Norrsjö kommun', role: 'chair' },
        { name: 'Jöns Bäckström', party: 'V', role: 'substitute' },
      ],
      chair: 'Åsa Ödmark',
      secretary: 'Per Lind',
      absenceContact: 'kansliet@sjobygden.example',
    };
    const docx = await renderNoticeOfMeetingDocx(notice);
    const words = await wordsOfDocx(docx);
    expect(words).toEqual(wordsOfHtml(renderNoticeOfMeetingHtml(notice)));
    expect(words.join(' ')).toContain('Budget 2027');
  });
});
