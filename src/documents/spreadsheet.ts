/**
 * Registers as a spreadsheet, the way auditors ask for them: CSV for any tool (semicolon-separated with a
 * byte order mark, as Swedish Excel opens it) and XLSX (Office Open XML, one sheet per table, a bold frozen
 * header row). Text that a spreadsheet would run as a formula (starting with =, +, -, @) is written as text.
 * One writer for every export (the follow-up registers and the project portfolio).
 */
import { zipSync, strToU8 } from 'fflate';

/** One table: its name (the sheet's), the column headings, then rows of text or numbers (null: an empty cell). */
export interface Sheet {
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
}

const formulaStart = /^[=+\-@\t\r]/u;

/** Text a spreadsheet must not read as a formula gets a leading apostrophe (OWASP: CSV injection). */
function safeText(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = safeText(value);
  return /[";\n\r]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/**
 * The tables as one CSV: UTF-8 with a byte order mark, semicolons, CRLF line ends (RFC 4180 quoting). One
 * table is written as it is; several get a first column naming the table, each with its heading row, so the
 * registers stay apart in one file.
 */
export function renderCsv(sheets: Sheet[], sheetColumn = 'Register'): Uint8Array {
  const rows: (string | number | null)[][] = [];
  if (sheets.length === 1) rows.push(sheets[0]!.columns, ...sheets[0]!.rows);
  else {
    const width = Math.max(0, ...sheets.map((s) => s.columns.length));
    rows.push([sheetColumn, ...Array.from({ length: width }, (_, i) => `Fält ${i + 1}`)]);
    for (const sheet of sheets) rows.push([sheet.name, ...sheet.columns], ...sheet.rows.map((row) => [sheet.name, ...row]));
  }
  return strToU8(`\ufeff${rows.map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`);
}

// Characters XML 1.0 cannot carry at all.
const invalidXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlText = (text: string) => text.replace(invalidXml, '').replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/** A, B, …, Z, AA, … */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function xlsxCell(value: string | number | null, reference: string, header: boolean): string {
  if (value === null || value === '') return '';
  const style = header ? ' s="1"' : '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${reference}"${style}><v>${value}</v></c>`;
  return `<c r="${reference}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(safeText(String(value)))}</t></is></c>`;
}

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\, and unique. */
function uniqueSheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = name.replace(/[[\]:*?/\\]/gu, ' ').slice(0, 31) || 'Blad';
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 28)} ${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const STYLES = `${XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>`;

/** The tables as an XLSX workbook, one sheet each. The bytes depend only on the tables (a fixed time in the zip). */
export function renderXlsx(sheets: Sheet[]): Uint8Array {
  const names = uniqueSheetNames(sheets.map((s) => s.name));
  const files: Record<string, string> = {
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names
      .map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': STYLES,
  };
  sheets.forEach((sheet, i) => {
    const rows = [sheet.columns, ...sheet.rows]
      .map((row, r) => `<row r="${r + 1}">${row.map((value, c) => xlsxCell(value, `${columnName(c)}${r + 1}`, r === 0)).join('')}</row>`)
      .join('');
    files[`xl/worksheets/sheet${i + 1}.xml`] =
      `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${rows}</sheetData></worksheet>`;
  });
  const mtime = new Date('2000-01-01T00:00:00Z');
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, [strToU8(text), { mtime }]])));
}
