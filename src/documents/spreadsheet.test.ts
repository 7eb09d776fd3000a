import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeCsv, writeXlsx, type Sheet } from './spreadsheet.ts';

const sheet: Sheet = {
  name: 'Projekt',
  head: ['Dnr', 'Projekt', 'Budget (kr)'],
  rows: [
    ['2024/17', 'Hållbar omsorg; fas "två"', 2_000_000],
    [null, '=HYPERLINK("http://example.test")', null],
  ],
};

describe('writeCsv', () => {
  it('writes semicolon-separated UTF-8 with a byte order mark, quoting and formula text made harmless', () => {
    expect(writeCsv(sheet)).toBe('\ufeffDnr;Projekt;Budget (kr)\r\n2024/17;"Hållbar omsorg; fas ""två""";2000000\r\n;"\'=HYPERLINK(""http://example.test"")";\r\n');
  });
});

describe('writeXlsx', () => {
  it('is a workbook with one sheet: text as inline strings, amounts as numbers, the header bold', () => {
    const files = unzipSync(writeXlsx(sheet));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(xml).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Dnr</t></is></c>');
    expect(xml).toContain('<c r="C2"><v>2000000</v></c>');
    expect(xml).toContain('Hållbar omsorg; fas &quot;två&quot;');
    expect(xml).toContain("'=HYPERLINK(");
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="Projekt"');
  });

  it('gives the same bytes for the same sheet', () => {
    expect(Buffer.from(writeXlsx(sheet)).equals(Buffer.from(writeXlsx(sheet)))).toBe(true);
  });
});
