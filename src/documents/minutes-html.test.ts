import { describe, expect, it } from 'vitest';
import { renderMinutesHtml } from './index.ts';
import { buildFictionalMinutes } from '../../test/documents/fictional-minutes.ts';

describe('renderMinutesHtml', () => {
  const html = renderMinutesHtml(buildFictionalMinutes({ count: 12 }));

  it('is one self-contained Swedish HTML5 page', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="sv">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Protokoll – Förbundsstyrelsen – 2024-09-26, Sjöbygdens kommunalförbund</title>');
    expect(html).not.toMatch(/<(link|script|img)\b/);
  });

  it('has one first-level heading and a second-level heading per §', () => {
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h1>PROTOKOLL</h1>');
    expect(html).toContain('<section class="section new-page" id="p31" aria-labelledby="p31-rubrik">');
    expect(html).toContain('<h2 id="p31-rubrik">§ 31 Val av justerare</h2>');
    expect(html.match(/<h2 id="p\d+-rubrik">/g)).toHaveLength(12);
  });

  it('gives the header table row headers and the roll call column headers', () => {
    expect(html).toContain('<th scope="row">Beslutande</th>');
    expect(html).toContain('Åsa Ödmark (S), Norrsjö kommun, ordförande<br>');
    expect(html).toContain('<th scope="col">Ledamot</th>');
    expect(html).toContain('<caption>Omröstningslista</caption>');
  });

  it('links the table of contents to the §§', () => {
    expect(html).toContain('<li><a href="#p31">§ 31 Val av justerare</a></li>');
  });

  it('prints the decision points as a list, numbered when there are several, and keeps åäö and § as characters', () => {
    expect(html).toContain('<ol class="decisions">\n<li>godkänna förvaltningens förslag till beslut</li>');
    expect(html).not.toMatch(/&(aring|auml|ouml|sect);/);
  });

  it('never prints "att – att": a clause typed with its own "att" drops it under "… beslutar att"', () => {
    const minutes = buildFictionalMinutes({ count: 1 });
    minutes.items[0]!.decisions = ['att godkänna budgeten', 'Att uppdra åt direktören att återrapportera'];
    const page = renderMinutesHtml(minutes);
    expect(page).toContain('beslutar att</p>');
    expect(page).toContain('<li>godkänna budgeten</li>\n<li>uppdra åt direktören att återrapportera</li>');
    expect(page).not.toMatch(/<li>att /iu);
  });

  it('escapes text from the minutes', () => {
    const minutes = buildFictionalMinutes({ count: 1 });
    minutes.items[0]!.title = 'Avtal <Bolaget & Co>';
    expect(renderMinutesHtml(minutes)).toContain('§ 31 Avtal &#60;Bolaget &#38; Co&#62;');
  });

  it('has print CSS for A4 with the page number in the top right corner', () => {
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('@top-right { content: counter(page) " (" counter(pages) ")"');
  });
});
