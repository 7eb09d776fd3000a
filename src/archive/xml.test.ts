import { describe, expect, it } from 'vitest';
import { element, escapeAttribute, escapeText, serializeXml, textElement } from './xml.ts';

describe('the XML writer', () => {
  it.each([
    ['Budget & plan', 'Budget &amp; plan', 'Budget &amp; plan'],
    ['<§ 12>', '&lt;§ 12&gt;', '&lt;§ 12&gt;'],
    ['"Åby" skola', '"Åby" skola', '&quot;Åby&quot; skola'],
    ['rad 1\nrad 2\tflik', 'rad 1\nrad 2\tflik', 'rad 1&#10;rad 2&#9;flik'],
  ])('escapes %j as text and as an attribute', (input, text, attribute) => {
    expect(escapeText(input)).toBe(text);
    expect(escapeAttribute(input)).toBe(attribute);
  });

  it('refuses characters XML 1.0 cannot carry, naming them', () => {
    expect(() => escapeText('före\u0001efter')).toThrow('XML 1.0 cannot carry the character U+0001');
    expect(() => escapeText('\uFFFE')).toThrow('U+FFFE');
  });

  it('writes an indented document, leaving out absent attributes and children', () => {
    const xml = new TextDecoder().decode(
      serializeXml(element('mets', { xmlns: 'http://www.loc.gov/METS/', LABEL: 'Protokoll & bilagor', ID: null }, [textElement('name', 'Räddningsförbundet <Norrvik>'), null, false, element('empty')])),
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<mets xmlns="http://www.loc.gov/METS/" LABEL="Protokoll &amp; bilagor">\n  <name>Räddningsförbundet &lt;Norrvik&gt;</name>\n  <empty/>\n</mets>\n',
    );
  });
});
