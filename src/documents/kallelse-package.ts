/**
 * The kallelse package: one PDF for reading before the meeting, the kallelse first and then every PDF
 * document of the agenda in its order (merged with pdf-lib). A document that is not a PDF (a spreadsheet,
 * an image) or a PDF that cannot be read is not merged but named on a last page, so that nothing is
 * missing without a word. The package has bookmarks (a PDF outline): the kallelse, then each agenda item
 * leading to its first document, with one bookmark per document under it. Pure: the caller loads the
 * files and checks who may read them.
 */
import PDFKitDocument from 'pdfkit';
import { PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { fonts } from './fonts.ts';

export interface PackageDocument {
  /** The agenda item, e.g. "§ 12 Taxa för tillsyn". */
  item: string;
  /** Which entry of `agenda` the document belongs to, when the agenda is given. */
  itemIndex?: number;
  title: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface KallelsePackageInput {
  /** "Kallelse Förbundsdirektionen 2026-04-22": the PDF's title. */
  title: string;
  notice: Uint8Array;
  documents: PackageDocument[];
  /** The agenda items in order ("§ 12 Taxa för tillsyn"), one bookmark each; without it, one per document's item. */
  agenda?: string[];
  /** The bookmark of the kallelse itself ("Kallelse"). */
  noticeBookmark?: string;
  /** The last page's heading and lead, in the reader's language. */
  notMerged: { heading: string; lead: string; unreadable: string };
}

/** Merges the kallelse and the agenda's PDFs; returns the package and the documents it could not merge. */
export async function buildKallelsePackage(input: KallelsePackageInput): Promise<{ pdf: Uint8Array; merged: number; listed: PackageDocument[] }> {
  const out = await PDFDocument.create();
  out.setTitle(input.title);
  out.setLanguage('sv-SE');
  await append(out, input.notice);
  let merged = 0;
  const listed: { document: PackageDocument; unreadable: boolean }[] = [];
  // Where each document starts; null for one named on the last page.
  const startPage = new Map<PackageDocument, number | null>();
  for (const document of input.documents) {
    if (document.contentType !== 'application/pdf') {
      listed.push({ document, unreadable: false });
      startPage.set(document, null);
      continue;
    }
    const start = out.getPageCount();
    try {
      await append(out, document.bytes);
      merged += 1;
      startPage.set(document, start);
    } catch {
      // An encrypted or damaged upload must not stop the package: it is named on the last page instead.
      listed.push({ document, unreadable: true });
      startPage.set(document, null);
    }
  }
  const listPageIndex = out.getPageCount();
  if (listed.length > 0) await append(out, await listPage(input.notMerged, listed));
  const pageOf = (document: PackageDocument) => startPage.get(document) ?? (listed.length > 0 ? listPageIndex : 0);
  const groups: { title: string; documents: PackageDocument[] }[] = input.agenda
    ? input.agenda.map((title, i) => ({ title, documents: input.documents.filter((d) => d.itemIndex === i) }))
    : [...new Set(input.documents.map((d) => d.item))].map((item) => ({ title: item, documents: input.documents.filter((d) => d.item === item) }));
  addOutline(out, [
    { title: input.noticeBookmark ?? 'Kallelse', page: 0 },
    // An item without documents leads to the kallelse, where it stands on the agenda.
    ...groups.map((g) => ({
      title: g.title,
      page: g.documents.length > 0 ? pageOf(g.documents[0]!) : 0,
      children: g.documents.map((d) => ({ title: d.title, page: pageOf(d) })),
    })),
  ]);
  return { pdf: await out.save(), merged, listed: listed.map((l) => l.document) };
}

interface Bookmark {
  title: string;
  /** The page it opens, counted from 0. */
  page: number;
  children?: Bookmark[];
}

/**
 * Writes the document outline (PDF 32000-1, 12.3.3) with pdf-lib's low-level objects, which has no API
 * for it: each bookmark is a dictionary linked to its parent and siblings, opening its page fitted to the
 * window. Items are shown open, so the documents under them are visible; the reader opens on the outline.
 */
function addOutline(out: PDFDocument, bookmarks: Bookmark[]): void {
  const context = out.context;
  const pages = out.getPages();
  const build = (list: Bookmark[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => context.nextRef());
    let count = 0;
    list.forEach((bookmark, i) => {
      const entry = context.obj({});
      entry.set(PDFName.of('Title'), PDFHexString.fromText(bookmark.title));
      entry.set(PDFName.of('Parent'), parent);
      if (i > 0) entry.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < refs.length - 1) entry.set(PDFName.of('Next'), refs[i + 1]!);
      const page = pages[Math.min(bookmark.page, pages.length - 1)]!;
      entry.set(PDFName.of('Dest'), context.obj([page.ref, PDFName.of('Fit')]));
      count += 1;
      if (bookmark.children && bookmark.children.length > 0) {
        const sub = build(bookmark.children, refs[i]!);
        entry.set(PDFName.of('First'), sub.first);
        entry.set(PDFName.of('Last'), sub.last);
        entry.set(PDFName.of('Count'), context.obj(sub.count));
        count += sub.count;
      }
      context.assign(refs[i]!, entry);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };
  const root = context.nextRef();
  const top = build(bookmarks, root);
  const outlines = context.obj({});
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), top.first);
  outlines.set(PDFName.of('Last'), top.last);
  outlines.set(PDFName.of('Count'), context.obj(top.count));
  context.assign(root, outlines);
  out.catalog.set(PDFName.of('Outlines'), root);
  out.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

async function append(out: PDFDocument, bytes: Uint8Array): Promise<void> {
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
}

/** A page naming the documents not merged, written with the embedded DejaVu font (å, ä, ö and § carried). */
function listPage(text: KallelsePackageInput['notMerged'], listed: { document: PackageDocument; unreadable: boolean }[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKitDocument({ size: 'A4', margin: 56, font: fonts.sans, info: { Title: text.heading } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.font(fonts.sansBold).fontSize(16).text(text.heading);
    doc.moveDown(0.5).font(fonts.sans).fontSize(11).text(text.lead);
    doc.moveDown();
    for (const { document, unreadable } of listed) {
      doc.text(`${document.item}: ${document.title}${unreadable ? ` (${text.unreadable})` : ''}`, { indent: 12 });
      doc.moveDown(0.3);
    }
    doc.end();
  });
}
