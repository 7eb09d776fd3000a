import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderCsv, renderXlsx, type Sheet } from './spreadsheet.ts';

const sheet: Sheet = {
  name: 'Projekt',
  columns: ['Dnr', 'Projekt', 'Budget (kr)'],
  rows: [
    ['2024/17', 'Hållbar omsorg; fas "två"', 2_000_000],
    [null, '=HYPERLINK("http://example.test")', null],
  ],
};
const other: Sheet = { name: 'Delegationsbeslut', columns: ['Dnr', 'Beslut'], rows: [['DEL 2026/7', 'Avtal']] };

describe('renderCsv', () => {
  it('writes semicolon-separated UTF-8 with a byte order mark, quoting and formula text made harmless', () => {
    expect(Buffer.from(renderCsv([sheet])).toString('utf8')).toBe('\ufeffDnr;Projekt;Budget (kr)\r\n2024/17;"Hållbar omsorg; fas ""två""";2000000\r\n;"\'=HYPERLINK(""http://example.test"")";\r\n');
  });

  it('writes several registers in one file, the first column naming the register, each with its heading row', () => {
    expect(Buffer.from(renderCsv([sheet, other])).toString('utf8').split('\r\n').slice(0, 5)).toEqual([
      '\ufeffRegister;Fält 1;Fält 2;Fält 3',
      'Projekt;Dnr;Projekt;Budget (kr)',
      'Projekt;2024/17;"Hållbar omsorg; fas ""två""";2000000',
      'Projekt;;"\'=HYPERLINK(""http://example.test"")";',
      'Delegationsbeslut;Dnr;Beslut',
    ]);
  });
});

describe('renderXlsx', () => {
  it('is a workbook: text as inline strings, amounts as numbers, the header bold', () => {
    const files = unzipSync(renderXlsx([sheet]));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(xml).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Dnr</t></is></c>');
    expect(xml).toContain('<c r="C2"><v>2000000</v></c>');
    expect(xml).toContain('Hållbar omsorg; fas &quot;två&quot;');
    expect(xml).toContain("'=HYPERLINK(");
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="Projekt"');
  });

  it('gives one sheet per register, with unique names, and the same bytes for the same registers', () => {
    const files = unzipSync(renderXlsx([sheet, other, { ...other, rows: [] }]));
    expect(Object.keys(files).filter((f) => f.startsWith('xl/worksheets/'))).toHaveLength(3);
    expect(strFromU8(files['xl/workbook.xml']!)).toContain('<sheet name="Delegationsbeslut 2" sheetId="3"');
    expect(Buffer.from(renderXlsx([sheet])).equals(Buffer.from(renderXlsx([sheet])))).toBe(true);
  });
});
