import { describe, expect, it } from 'vitest';
import { structuredParagraph } from '../../test/documents/structured-paragraph.ts';
import type { PageContext } from './context.ts';
import { catalogueFor } from './i18n/index.ts';
import { paragraphArticle } from './minutes-view.ts';

const context = (language: 'sv' | 'en'): PageContext => ({ language, t: catalogueFor(language), path: '/', viewer: null, csrfToken: 'x', today: '2026-12-04', oidcEnabled: false });

/** The page's text without markup, one line per block, as a reader's screen reader meets it. */
function textOf(markup: string): string {
  return markup
    .replace(/<(br|\/p|\/li|\/h\d|\/tr|\/caption|\/section)[^>]*>/gu, '\n')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/[ \t]+/gu, ' ')
    .replace(/ *\n */gu, '\n')
    .replace(/\n+/gu, '\n');
}

describe('the structured § on the web (issue 19)', () => {
  it('shows every part in the order of the protocol document', () => {
    const markup = paragraphArticle(context('sv'), { number: 31, item: structuredParagraph(31) }, 0).toString();
    const text = textOf(markup);
    const parts = [
      '§ 31 Ny taxa för tillsyn',
      'Dnr SBF 2026/51',
      'Jäv',
      'Lena Höglund anmäler jäv och lämnar lokalen under handläggningen.',
      'Förvaltningen har tagit fram en ny taxa',
      'Förslag till beslut',
      'Förslagsställare: Förvaltningen',
      'Förbundsstyrelsen antar taxan.',
      'Taxan gäller från den 1 januari 2027.',
      'Beslut',
      'att anta taxan för tillsyn',
      'Yrkanden',
      'Åsa Ödmark (S) yrkar bifall till förvaltningens förslag',
      'Märta Åkesson instämmer i yrkandet.',
      'Jöns Bäckström (V) yrkar att ärendet återremitteras',
      'Propositionsordning',
      'Ordföranden ställer proposition',
      'Omröstning',
      'Ja 3, nej 1, avstår 1',
      'Omröstningslista: Ja för förvaltningens förslag, nej för återremiss',
      'Örjan Sjöblom',
      'Reservationer',
      'reserverar sig mot beslutet',
      'Protokollsanteckningar',
      'antecknar till protokollet:',
      'Paragrafen förklaras omedelbart justerad.',
    ];
    let at = 0;
    for (const part of parts) {
      const found = text.indexOf(part, at);
      expect(found, `"${part}" after position ${at} in:\n${text}`).toBeGreaterThanOrEqual(0);
      at = found + part.length;
    }
    // The roll call is a table with a caption and a header per column and per row (the name).
    expect(markup).toMatch(/<table class="roll">\s*<caption>Omröstningslista: /u);
    expect(markup).toContain('<th scope="row">Örjan Sjöblom</th><td>M</td><td>Avstår</td>');
    // Every part is headed one level under the §'s heading.
    expect(markup).not.toMatch(/<h4/u);
  });

  it('says acclamation when the § was decided without a vote, and speaks English too', () => {
    const item = { ...structuredParagraph(7), decisionMethod: 'acclamation' as const, votes: [], propositionOrder: undefined, leftRoom: [] };
    expect(textOf(paragraphArticle(context('sv'), { number: 7, item }, 0).toString())).toContain('Propositionsordning\nBeslutet fattas med acklamation.');
    const english = textOf(paragraphArticle(context('en'), { number: 7, item }, 0).toString());
    expect(english).toContain('Lena Höglund declares a conflict of interest and takes no part in the item.');
    expect(english).toContain('The decision is made by acclamation.');
    expect(english).toContain('Åsa Ödmark (S) moves bifall till förvaltningens förslag');
  });
});
