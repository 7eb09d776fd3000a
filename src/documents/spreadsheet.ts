/**
 * A register as a spreadsheet, the way auditors ask for it: CSV for any tool (semicolon-separated with a
 * byte order mark, as Swedish Excel opens it) and XLSX (Office Open XML, one sheet, a bold header row).
 * Text that a spreadsheet would run as a formula (starting with =, +, -, @) is written as text.
 */
import { zipSync, strToU8 } from 'fflate';

/** One sheet: a header row, then rows of text or whole numbers (null for an empty cell). */
export interface Sheet {
  /** The sheet's name in the workbook (at most 31 characters; []:*?/\ are replaced). */
  name: string;
  head: string[];
  rows: (string | number | null)[][];
}

const formulaStart = /^[=+\-@\t\r]/u;

/** Text a spreadsheet must not read as a formula gets a leading apostrophe (OWASP: CSV injection). */
function safeText(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = safeText(value);
  return /[";\n\r]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** The sheet as CSV: UTF-8 with a byte order mark, semicolons, CRLF line ends (RFC 4180 quoting). */
export function writeCsv(sheet: Sheet): string {
  const lines = [sheet.head, ...sheet.rows].map((row) => row.map(csvCell).join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

// Characters XML 1.0 cannot carry at all.
const invalidXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu;
const xmlText = (text: string) => text.replace(invalidXml, '').replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function xlsxCell(value: string | number | null, reference: string, header: boolean): string {
  if (value === null) return '';
  const style = header ? ' s="1"' : '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${reference}"${style}><v>${value}</v></c>`;
  return `<c r="${reference}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(safeText(String(value)))}</t></is></c>`;
}

/** The sheet as an XLSX workbook. The bytes depend only on the sheet (a fixed time in the zip). */
export function writeXlsx(sheet: Sheet): Uint8Array {
  const rows = [sheet.head, ...sheet.rows]
    .map((row, r) => `<row r="${r + 1}">${row.map((value, c) => xlsxCell(value, `${columnName(c)}${r + 1}`, r === 0)).join('')}</row>`)
    .join('');
  const name = xmlText(sheet.name.replace(/[[\]:*?/\\]/gu, ' ').slice(0, 31) || 'Blad1');
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files: Record<string, string> = {
    '[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `${xml}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': `${xml}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${rows}</sheetData></worksheet>`,
  };
  const mtime = new Date('2000-01-01T00:00:00Z');
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, [strToU8(text), { mtime }]])));
}
