/**
 * Draws a DocumentContent as a tagged PDF/A-2a on A4 with PDFKit. Everything a reader should read is
 * inside a structure element (headings, paragraphs, lists, tables); page furniture (running header,
 * page numbers, signature boxes, rules) is marked as artifact. Text is drawn in reading order, row by
 * row and left to right, so that reading the content stream and reading by position give the same
 * lines (docs/documents.md).
 */
import PDFDocument from 'pdfkit';
import type { Block, DocumentContent, FieldRow, Section, Signer } from './document-model.ts';
import { fonts } from './fonts.ts';
import { labels } from './labels.ts';

/** Options for every PDF renderer. */
export interface PdfRenderOptions {
  /**
   * The document's creation instant, written to its metadata. Give a fixed value (for example the
   * moment the minutes were finalised) to make the bytes, and so the SHA-256, reproducible.
   */
  createdAt?: Date | string;
}

type Struct = PDFKit.PDFStructureElement;

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = { top: 104, bottom: 96, left: 70, right: 62 };
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
const LABEL_WIDTH = 128;
const VALUE_X = MARGIN.left + LABEL_WIDTH + 10;
const STACKED_INDENT = 14;
const VALUE_WIDTH = PAGE_WIDTH - MARGIN.right - VALUE_X;
const BAND_TOP = 40;
const BAND_RIGHT_COLUMN = 340;
const FOOTER_BOX = { width: 150, height: 36, gap: 12 };

const ink = '#1b1b1b';
const muted = '#5a5a5a';
const rule = '#b4b4b4';

interface TextStyle {
  font: string;
  size: number;
  color: string;
  lineGap: number;
}

const style = {
  body: { font: fonts.serif, size: 10, color: ink, lineGap: 3 },
  lead: { font: fonts.serif, size: 10, color: ink, lineGap: 3 },
  meta: { font: fonts.sans, size: 8.5, color: muted, lineGap: 2.5 },
  label: { font: fonts.sansBold, size: 8.5, color: '#333333', lineGap: 3.5 },
  leadIn: { font: fonts.sansBold, size: 9.5, color: '#111111', lineGap: 3 },
  coverTitle: { font: fonts.sansBold, size: 28, color: '#111111', lineGap: 2 },
  coverLine: { font: fonts.sans, size: 15, color: '#333333', lineGap: 3 },
  value: { font: fonts.serif, size: 9.5, color: ink, lineGap: 3.5 },
  h2: { font: fonts.sansBold, size: 12.5, color: '#111111', lineGap: 2 },
  h3: { font: fonts.sansBold, size: 9.5, color: '#111111', lineGap: 2 },
  tableHead: { font: fonts.sansBold, size: 8.5, color: '#333333', lineGap: 2 },
  tableCell: { font: fonts.serif, size: 9.5, color: ink, lineGap: 2 },
  bandStrong: { font: fonts.sansBold, size: 10, color: '#111111', lineGap: 0 },
  bandPlain: { font: fonts.sans, size: 9, color: '#333333', lineGap: 0 },
  titleOrganization: { font: fonts.sansBold, size: 11, color: '#111111', lineGap: 0 },
  titleKind: { font: fonts.sansBold, size: 20, color: '#111111', lineGap: 0 },
  titleBody: { font: fonts.sans, size: 13, color: '#111111', lineGap: 2 },
  titleDate: { font: fonts.sans, size: 10, color: '#333333', lineGap: 0 },
  furniture: { font: fonts.sans, size: 7, color: muted, lineGap: 0 },
  pageNumber: { font: fonts.sans, size: 9, color: '#333333', lineGap: 0 },
} satisfies Record<string, TextStyle>;

/** Renders the content as PDF bytes. */
export async function writePdf(content: DocumentContent, options: PdfRenderOptions = {}): Promise<Buffer> {
  const writer = new PdfWriter(content, options);
  return writer.render();
}

interface DeferredTocEntry {
  label: string;
  anchor: string;
  page: number;
  y: number;
}

class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly root: Struct;
  private readonly anchorPages = new Map<string, number>();
  private readonly deferredToc: { parent: Struct; entries: DeferredTocEntry[] }[] = [];
  private readonly chunks: Buffer[] = [];
  private readonly finished: Promise<Buffer>;

  constructor(
    private readonly content: DocumentContent,
    options: PdfRenderOptions,
  ) {
    const createdAt = options.createdAt ? new Date(options.createdAt) : new Date();
    if (Number.isNaN(createdAt.getTime())) throw new RangeError(`createdAt is not a valid instant: ${options.createdAt}`);
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      autoFirstPage: false,
      bufferPages: true,
      pdfVersion: '1.7',
      subset: 'PDF/A-2a',
      tagged: true,
      lang: 'sv-SE',
      displayTitle: true,
      font: fonts.serif,
      info: {
        Title: xmpSafe(content.title),
        Subject: xmpSafe(content.subject),
        ...(content.author ? { Author: xmpSafe(content.author) } : {}),
        Creator: 'Protokoll',
        Producer: 'Protokoll (PDFKit)',
        CreationDate: createdAt,
      },
    });
    this.finished = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.doc.on('pageAdded', () => this.decoratePage());
  }

  async render(): Promise<Buffer> {
    this.doc.addPage();
    if (this.content.cover) this.drawCover(this.content.cover);
    else this.drawTitleBand();
    this.content.sections.forEach((section, index) => this.drawSection(section, index));
    this.fillTableOfContents();
    this.drawPageNumbers();
    this.root.end();
    this.doc.end();
    return this.finished;
  }

  // ---- pages and furniture ----

  private get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  private get bottom(): number {
    return PAGE_HEIGHT - MARGIN.bottom;
  }

  /** Starts a new page unless `height` still fits on this one. Call only between structure closures. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** Running header on continuation pages and the signature boxes at the foot of every page. */
  private decoratePage(): void {
    const doc = this.doc;
    // A page break inside a paragraph continues with PDFKit's current font and colour, so the
    // furniture must leave them as it found them.
    const state = doc as unknown as { _font: unknown; _fontSize: number; _fillColor: [string, number] | undefined };
    const saved = { x: doc.x, y: doc.y, font: state._font, fontSize: state._fontSize, fillColor: state._fillColor };
    if (this.pageIndex > 0) {
      this.artifact(() => this.drawBand());
    }
    if (this.content.footerBoxes) this.artifact(() => this.drawFooterBoxes());
    state._font = saved.font;
    state._fontSize = saved.fontSize;
    state._fillColor = saved.fillColor;
    if (saved.fillColor) doc.fillColor(...saved.fillColor);
    doc.x = saved.x;
    doc.y = saved.y;
  }

  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Pagination' });
    draw();
    this.doc.endMarkedContent();
  }

  /**
   * The first page's band is its title and real (tagged) content: organisation, the document kind as
   * the first-level heading, the body, and the meeting date, each on a line of its own.
   */
  private drawTitleBand(): void {
    const band = this.content.band;
    const doc = this.doc;
    const left = MARGIN.left;
    const add = (type: string, draw: () => void) => this.root.add(doc.struct(type, {}, draw));
    const organizationTop = BAND_TOP + 4;
    add('P', () => {
      if (band.organization) this.printOneLine(band.organization, style.titleOrganization, left, organizationTop, CONTENT_WIDTH - 90);
    });
    doc.y = organizationTop + 30;
    add('H1', () => this.print(band.kindWord, style.titleKind, left, doc.y, CONTENT_WIDTH));
    doc.y += 2;
    add('P', () => {
      if (band.body) this.print(band.body, style.titleBody, left, doc.y, CONTENT_WIDTH);
    });
    doc.y += 1;
    add('P', () => this.print(`${band.dateLabel} ${band.date ?? ''}`.trim(), style.titleDate, left, doc.y, CONTENT_WIDTH));
    const ruleY = doc.y + 10;
    this.artifact(() => {
      doc.moveTo(left, ruleY).lineTo(PAGE_WIDTH - MARGIN.right, ruleY).lineWidth(0.8).strokeColor('#333333').stroke();
    });
    doc.x = MARGIN.left;
    doc.y = ruleY + 18;
  }

  /** A report's cover: its title as the first-level heading and the lines under it (organisation, draft). */
  private drawCover(cover: { title: string; lines: string[] }): void {
    const doc = this.doc;
    const left = MARGIN.left;
    doc.y = 300;
    this.root.add(doc.struct('H1', {}, () => this.print(cover.title, style.coverTitle, left, doc.y, CONTENT_WIDTH)));
    doc.y += 10;
    for (const line of cover.lines) {
      this.root.add(doc.struct('P', {}, () => this.print(line, style.coverLine, left, doc.y, CONTENT_WIDTH)));
      doc.y += 6;
    }
  }

  /** The running header of continuation pages: organisation and kind, then body and meeting date. */
  private drawBand(): void {
    const band = this.content.band;
    const doc = this.doc;
    const left = MARGIN.left;
    const right = BAND_RIGHT_COLUMN;
    const line1 = BAND_TOP;
    const line2 = line1 + 14;
    if (band.organization) this.printOneLine(band.organization, style.bandStrong, left, line1, right - left - 12);
    // A long kind word (VERKSAMHETSBERÄTTELSE) shrinks rather than wrapping into the line below.
    this.printOneLine(band.kindWord, style.bandStrong, right, line1, 150);
    if (band.body) this.printOneLine(band.body, style.bandPlain, left, line2, right - left - 12);
    this.print(`${band.dateLabel} ${band.date ?? ''}`.trim(), style.bandPlain, right, line2, 200);
    doc.moveTo(left, line2 + 20).lineTo(PAGE_WIDTH - MARGIN.right, line2 + 20).lineWidth(0.5).strokeColor(rule).stroke();
  }

  private drawFooterBoxes(): void {
    const doc = this.doc;
    // Drawing below the bottom margin would make PDFKit start a new page.
    const margins = doc.page.margins;
    const savedBottom = margins.bottom;
    margins.bottom = 0;
    const top = PAGE_HEIGHT - 40 - FOOTER_BOX.height;
    const secondX = PAGE_WIDTH - MARGIN.right - FOOTER_BOX.width;
    const firstX = secondX - FOOTER_BOX.gap - FOOTER_BOX.width;
    for (const [x, text] of [
      [firstX, labels.footerAdjusters],
      [secondX, labels.footerCertification],
    ] as const) {
      doc.rect(x, top, FOOTER_BOX.width, FOOTER_BOX.height).lineWidth(0.5).strokeColor(rule).stroke();
      this.print(text, style.furniture, x + 5, top + 4, FOOTER_BOX.width - 10);
    }
    margins.bottom = savedBottom;
  }

  private drawPageNumbers(): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      // A cover is not numbered, though it counts as page 1 (as printed reports count it).
      if (index === 0 && this.content.cover) continue;
      doc.switchToPage(index);
      const y = index === 0 ? BAND_TOP + 4 : BAND_TOP;
      const bandStyle = index === 0 ? style.titleOrganization : style.bandStrong;
      this.artifact(() =>
        this.print(
          labels.pageNumber(index + 1, range.count),
          style.pageNumber,
          PAGE_WIDTH - MARGIN.right - 80,
          this.alignedTop(style.pageNumber, bandStyle, y),
          80,
          'right',
        ),
      );
    }
  }

  /** Prints one text run with its top at `y`; wraps within `width` and may continue on a new page. */
  private print(text: string, textStyle: TextStyle, x: number, y: number, width: number, align: 'left' | 'right' = 'left'): void {
    const doc = this.doc;
    doc.font(textStyle.font).fontSize(textStyle.size).fillColor(textStyle.color);
    doc.text(text, x, y, { width, lineGap: textStyle.lineGap, align });
  }

  /**
   * The top at which a run in `textStyle` shares its baseline with a run in `reference` whose top is
   * `referenceTop`: a label and its value then read as one line, also to a reader that groups by position.
   */
  private alignedTop(textStyle: TextStyle, reference: TextStyle, referenceTop: number): number {
    return referenceTop + this.ascent(reference) - this.ascent(textStyle);
  }

  private ascent(textStyle: TextStyle): number {
    const font = this.doc.font(textStyle.font) as unknown as { _font: { ascender: number } };
    return (font._font.ascender / 1000) * textStyle.size;
  }

  // ---- sections and blocks ----

  private drawSection(section: Section, index: number): void {
    const doc = this.doc;
    if (section.startOnNewPage && (index > 0 || this.content.cover)) doc.addPage();
    const sect = doc.struct('Sect');
    this.root.add(sect);
    let deferEnd = false;
    section.blocks.forEach((block, blockIndex) => {
      if (blockIndex === 0 && section.anchor) {
        // Keep a heading with the first lines of its text.
        if (block.type === 'heading') this.ensureSpace(70);
        this.anchorPages.set(section.anchor, this.pageIndex);
        if (section.outlineTitle) doc.outline.addItem(section.outlineTitle);
      }
      if (block.type === 'toc') deferEnd = true;
      this.drawBlock(sect, block);
    });
    if (!deferEnd) sect.end();
  }

  private drawBlock(parent: Struct, block: Block): void {
    switch (block.type) {
      case 'heading':
        return this.drawHeading(parent, block.level, block.text);
      case 'paragraph':
        return this.drawParagraph(parent, block.text, block.tone ?? 'normal');
      case 'list':
        return this.drawList(parent, block.items, block.numbered ?? false);
      case 'fields':
        return this.drawFields(parent, block.rows);
      case 'table':
        return this.drawTable(parent, block);
      case 'signatures':
        return this.drawSignatures(parent, block.heading, block.signers);
      case 'toc':
        return this.reserveTableOfContents(parent, block);
      case 'box':
        return this.drawBox(parent, block);
    }
  }

  private drawHeading(parent: Struct, level: 2 | 3, text: string): void {
    const doc = this.doc;
    const headingStyle = level === 2 ? style.h2 : style.h3;
    doc.y += level === 2 ? 10 : 6;
    this.ensureSpace(level === 2 ? 60 : 40);
    parent.add(
      doc.struct(`H${level}`, {}, () => this.print(text, headingStyle, MARGIN.left, doc.y, CONTENT_WIDTH)),
    );
    doc.y += level === 2 ? 4 : 2;
  }

  private drawParagraph(parent: Struct, text: string, tone: 'normal' | 'meta' | 'lead' | 'label'): void {
    const doc = this.doc;
    const textStyle = tone === 'meta' ? style.meta : tone === 'lead' ? style.lead : tone === 'label' ? style.leadIn : style.body;
    if (tone === 'label') doc.y += 3;
    this.ensureSpace(textStyle.size * 2);
    parent.add(doc.struct('P', {}, () => this.print(text, textStyle, MARGIN.left, doc.y, CONTENT_WIDTH)));
    doc.y += tone === 'meta' ? 3 : 6;
  }

  /** Decision points: one list item per point, each marked with an en dash or its number. */
  private drawList(parent: Struct, items: string[], numbered: boolean): void {
    const doc = this.doc;
    const list = doc.struct('L');
    parent.add(list);
    const indent = 16;
    for (const [index, item] of items.entries()) {
      this.ensureSpace(style.body.size * 2.5);
      const li = doc.struct('LI');
      list.add(li);
      const top = doc.y;
      li.add(doc.struct('Lbl', {}, () => this.print(numbered ? `${index + 1}.` : '–', style.body, MARGIN.left + 2, top, indent - 2)));
      li.add(doc.struct('LBody', {}, () => this.print(item, style.body, MARGIN.left + indent, top, CONTENT_WIDTH - indent)));
      li.end();
      doc.y += 4;
    }
    list.end();
    doc.y += 2;
  }

  /**
   * A label/value table: labels are row headers. Attendance rows are stacked (label above, one entry
   * per full-width line) because an attendee line with party, organisation, role and notes is too
   * long for the value column, and an entry must not wrap (docs/documents.md).
   */
  private drawFields(parent: Struct, rows: FieldRow[]): void {
    const doc = this.doc;
    const table = doc.struct('Table');
    parent.add(table);
    for (const row of rows) {
      this.ensureSpace(style.value.size * (row.stacked ? 5 : 3));
      const top = doc.y;
      this.artifact(() => {
        doc.moveTo(MARGIN.left, top).lineTo(PAGE_WIDTH - MARGIN.right, top).lineWidth(0.4).strokeColor(rule).stroke();
      });
      const textTop = top + 6;
      const tr = doc.struct('TR');
      table.add(tr);
      const x = row.stacked ? MARGIN.left + STACKED_INDENT : VALUE_X;
      const width = row.stacked ? CONTENT_WIDTH - STACKED_INDENT : VALUE_WIDTH;
      const labelTop = row.stacked ? textTop : this.alignedTop(style.label, style.value, textTop);
      tr.add(
        doc.struct('TH', { scope: 'Row' } as PDFKit.Mixins.StructureElementOptions, () =>
          this.printOneLine(row.label, style.label, MARGIN.left, labelTop, row.stacked ? CONTENT_WIDTH : LABEL_WIDTH),
        ),
      );
      tr.add(
        doc.struct('TD', {}, () => {
          doc.y = row.stacked ? labelTop + style.label.size + 7 : textTop;
          row.lines.forEach((line) => {
            if (row.oneEntryPerLine) this.printOneLine(line, style.value, x, doc.y, width);
            else this.print(line, style.value, x, doc.y, width);
          });
        }),
      );
      tr.end();
      doc.y = Math.max(doc.y, textTop + style.label.size + style.label.lineGap) + 5;
    }
    table.end();
    doc.y += 4;
  }

  /** Prints an entry on one line, shrinking the type (down to 80 %) before it has to wrap. */
  private printOneLine(line: string, textStyle: TextStyle, x: number, y: number, width: number): void {
    const doc = this.doc;
    doc.font(textStyle.font).fontSize(textStyle.size);
    const pitch = doc.currentLineHeight(true) + textStyle.lineGap;
    const natural = doc.widthOfString(line);
    if (natural <= width) {
      this.print(line, textStyle, x, y, width);
      return;
    }
    const size = Math.max(textStyle.size * 0.8, (textStyle.size * width) / natural - 0.05);
    const shrunk = { ...textStyle, size };
    this.print(line, shrunk, x, this.alignedTop(shrunk, textStyle, y), width);
    // Keep the line pitch of the unshrunk type so the entries stay evenly spaced.
    doc.y = Math.max(doc.y, y + pitch);
  }

  private drawTable(parent: Struct, block: Extract<Block, { type: 'table' }>): void {
    const doc = this.doc;
    const columns = block.widths.map((fraction) => fraction * CONTENT_WIDTH);
    const xs = columns.map((_, i) => MARGIN.left + columns.slice(0, i).reduce((a, b) => a + b, 0));
    const table = doc.struct('Table');
    parent.add(table);
    this.ensureSpace(60);
    table.add(doc.struct('Caption', {}, () => this.print(block.caption, style.meta, MARGIN.left, doc.y, CONTENT_WIDTH)));
    doc.y += 3;
    const drawRow = (cells: string[], header: boolean) => {
      const cellStyle = header ? style.tableHead : style.tableCell;
      doc.font(cellStyle.font).fontSize(cellStyle.size);
      const height = Math.max(
        ...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: columns[i]! - 6, lineGap: cellStyle.lineGap })),
      );
      this.ensureSpace(height + 6);
      const top = doc.y;
      const tr = doc.struct('TR');
      table.add(tr);
      cells.forEach((cell, i) => {
        const options = header ? ({ scope: 'Column' } as PDFKit.Mixins.StructureElementOptions) : {};
        tr.add(doc.struct(header ? 'TH' : 'TD', options, () => this.print(cell, cellStyle, xs[i]!, top + 3, columns[i]! - 6)));
      });
      tr.end();
      const bottom = top + height + 6;
      this.artifact(() => {
        doc
          .moveTo(MARGIN.left, bottom)
          .lineTo(MARGIN.left + CONTENT_WIDTH, bottom)
          .lineWidth(header ? 0.8 : 0.4)
          .strokeColor(header ? '#555555' : rule)
          .stroke();
      });
      doc.y = bottom;
    };
    drawRow(block.head, true);
    for (const row of block.rows) drawRow(row, false);
    table.end();
    doc.y += 8;
  }

  /** Signature lines: a rule to sign on, then 'Role  Name' on one line, then the signing time. */
  private drawSignatures(parent: Struct, heading: string, signers: Signer[]): void {
    const doc = this.doc;
    this.drawHeading(parent, 2, heading);
    for (const signer of signers) {
      this.ensureSpace(62);
      const lineY = doc.y + 30;
      this.artifact(() => {
        doc.moveTo(VALUE_X, lineY).lineTo(VALUE_X + 230, lineY).lineWidth(0.6).strokeColor('#333333').stroke();
      });
      const textTop = lineY + 5;
      parent.add(
        doc.struct('P', {}, () => {
          if (signer.role) this.print(signer.role, style.label, MARGIN.left, this.alignedTop(style.label, style.value, textTop), LABEL_WIDTH);
          if (signer.name) this.print(signer.name, style.value, VALUE_X, textTop, VALUE_WIDTH);
        }),
      );
      doc.y = textTop + style.value.size + 4;
      if (signer.note) {
        const note = signer.note;
        parent.add(doc.struct('P', {}, () => this.print(note, style.meta, VALUE_X, doc.y, VALUE_WIDTH)));
      }
      doc.y += 4;
    }
  }

  /** A boxed block (the anslag): kept on one page, framed, with its own label/value rows. */
  private drawBox(parent: Struct, block: Extract<Block, { type: 'box' }>): void {
    const doc = this.doc;
    const padding = 12;
    const innerX = MARGIN.left + padding;
    const innerWidth = CONTENT_WIDTH - 2 * padding;
    const labelWidth = 170;
    const valueX = innerX + labelWidth + 8;
    const valueWidth = innerX + innerWidth - valueX;
    doc.font(style.value.font).fontSize(style.value.size);
    const rowsHeight = block.rows.reduce(
      (sum, row) =>
        sum +
        Math.max(
          style.label.size + style.label.lineGap,
          ...row.lines.map((line) => doc.heightOfString(line || ' ', { width: valueWidth, lineGap: style.value.lineGap })),
        ) +
        11,
      0,
    );
    doc.font(style.body.font).fontSize(style.body.size);
    const leadHeight = doc.heightOfString(block.lead, { width: innerWidth, lineGap: style.body.lineGap });
    const height = padding + 20 + leadHeight + 8 + rowsHeight + 50 + padding;
    doc.y += 14;
    this.ensureSpace(height);
    const top = doc.y;
    this.artifact(() => {
      doc.rect(MARGIN.left, top, CONTENT_WIDTH, height).lineWidth(0.8).strokeColor('#333333').stroke();
    });
    doc.y = top + padding;
    parent.add(doc.struct('H2', {}, () => this.print(block.heading, style.h3, innerX, doc.y, innerWidth)));
    doc.y += 6;
    parent.add(doc.struct('P', {}, () => this.print(block.lead, style.body, innerX, doc.y, innerWidth)));
    doc.y += 8;
    const table = doc.struct('Table');
    parent.add(table);
    for (const row of block.rows) {
      const rowTop = doc.y;
      const textTop = rowTop + 5;
      this.artifact(() => {
        doc.moveTo(innerX, rowTop).lineTo(innerX + innerWidth, rowTop).lineWidth(0.4).strokeColor(rule).stroke();
      });
      const tr = doc.struct('TR');
      table.add(tr);
      tr.add(doc.struct('TH', {}, () => this.print(row.label, style.label, innerX, this.alignedTop(style.label, style.value, textTop), labelWidth)));
      tr.add(
        doc.struct('TD', {}, () => {
          doc.y = textTop;
          for (const line of row.lines) this.print(line || ' ', style.value, valueX, doc.y, valueWidth);
        }),
      );
      tr.end();
      doc.y = Math.max(doc.y, textTop + style.label.size + style.label.lineGap) + 6;
    }
    table.end();
    const signatureY = doc.y + 30;
    this.artifact(() => {
      doc.moveTo(valueX, signatureY).lineTo(valueX + 200, signatureY).lineWidth(0.6).strokeColor('#333333').stroke();
    });
    parent.add(
      doc.struct('P', {}, () => this.print(block.signatureLabel, style.label, innerX, signatureY - 12, labelWidth)),
    );
    doc.y = top + height + 10;
  }

  // ---- table of contents ----

  /**
   * The page numbers of the §§ are known only after they are drawn, so the table of contents reserves
   * its lines now and fills them in at the end; its structure element keeps its place in reading order.
   */
  private reserveTableOfContents(parent: Struct, block: Extract<Block, { type: 'toc' }>): void {
    const doc = this.doc;
    this.drawHeading(parent, 2, block.heading);
    doc.y += 4;
    const toc = doc.struct('TOC');
    parent.add(toc);
    const entries: DeferredTocEntry[] = [];
    doc.font(style.body.font).fontSize(style.body.size);
    for (const entry of block.entries) {
      const height = doc.heightOfString(entry.label, { width: CONTENT_WIDTH - 50, lineGap: style.body.lineGap });
      this.ensureSpace(height + 4);
      entries.push({ ...entry, page: this.pageIndex, y: doc.y });
      doc.y += height + 4;
    }
    this.deferredToc.push({ parent: toc, entries });
  }

  private fillTableOfContents(): void {
    const doc = this.doc;
    for (const { parent, entries } of this.deferredToc) {
      for (const entry of entries) {
        doc.switchToPage(entry.page);
        const page = (this.anchorPages.get(entry.anchor) ?? 0) + 1;
        const item = doc.struct('TOCI');
        parent.add(item);
        item.add(doc.struct('P', {}, () => this.print(entry.label, style.body, MARGIN.left, entry.y, CONTENT_WIDTH - 50)));
        // Without the ActualText a screen reader would run the title into its page number.
        item.add(
          doc.struct('Reference', { actual: `, sida ${page}` }, () =>
            this.print(String(page), style.body, PAGE_WIDTH - MARGIN.right - 40, entry.y, 40, 'right'),
          ),
        );
        item.end();
      }
      parent.end();
    }
    // The section that holds the table of contents was left open for the lines above.
  }
}

/**
 * PDFKit copies Title, Author and Subject into the XMP packet without escaping, and PDF/A wants the
 * info dictionary and the XMP to agree, so characters that would break the XML are replaced in both.
 */
function xmpSafe(value: string): string {
  return value.replace(/&/g, 'och').replace(/[<>]/g, '');
}
