/**
 * The kallelse package: one PDF for reading before the meeting, the kallelse first and then every PDF
 * document of the agenda in its order (merged with pdf-lib). A document that is not a PDF (a spreadsheet,
 * an image) or a PDF that cannot be read is not merged but named on a last page, so that nothing is
 * missing without a word. Pure: the caller loads the files and checks who may read them.
 */
import PDFKitDocument from 'pdfkit';
import { PDFDocument } from 'pdf-lib';
import { fonts } from './fonts.ts';

export interface PackageDocument {
  /** The agenda item, e.g. "§ 12 Taxa för tillsyn". */
  item: string;
  title: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface KallelsePackageInput {
  /** "Kallelse Förbundsdirektionen 2026-04-22": the PDF's title. */
  title: string;
  notice: Uint8Array;
  documents: PackageDocument[];
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
  for (const document of input.documents) {
    if (document.contentType !== 'application/pdf') {
      listed.push({ document, unreadable: false });
      continue;
    }
    try {
      await append(out, document.bytes);
      merged += 1;
    } catch {
      // An encrypted or damaged upload must not stop the package: it is named on the last page instead.
      listed.push({ document, unreadable: true });
    }
  }
  if (listed.length > 0) await append(out, await listPage(input.notMerged, listed));
  return { pdf: await out.save(), merged, listed: listed.map((l) => l.document) };
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
