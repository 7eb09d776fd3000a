/**
 * Appends a signature field to a PDF as an incremental update (ISO 32000-1, 7.5.6): the earlier bytes are
 * kept exactly, so every earlier signature still covers what it covered. pdf-lib only reads the file
 * here; the new and changed objects are serialised by hand after the old %%EOF, with an xref section
 * that points back (/Prev) to the previous one and a trailer that keeps /Root, /Info and /ID (PDF/A
 * requires the ID in every trailer, which @signpdf/placeholder-plain drops).
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

/** What the signature dictionary says about the signer (all optional texts are Unicode). */
export interface SignatureFieldInput {
  /** The field's name in the form, unique in the document (`Signatur 1`, `Sigill`). */
  fieldName: string;
  subFilter: string;
  name: string;
  reason: string;
  location: string;
  contactInfo?: string;
  signedAt: Date;
  /** Bytes reserved for the CMS signature (it is written hex-encoded, so twice as many characters). */
  contentsLength: number;
}

/** The placeholder @signpdf/signpdf looks for and replaces with the real ByteRange. */
export const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

/**
 * The PDF with an incremental update that adds an invisible, printable signature widget on the last page,
 * registers it in the AcroForm (SigFlags 3: signatures exist, append only), and holds a signature
 * dictionary whose /ByteRange and /Contents are placeholders for @signpdf/signpdf to fill.
 */
export async function appendSignatureField(pdf: Uint8Array, input: SignatureFieldInput): Promise<Buffer> {
  const original = Buffer.from(pdf);
  const document = await PDFDocument.load(original, { updateMetadata: false, throwOnInvalidObject: true });
  const context = document.context;
  const trailer = context.trailerInfo;
  if (!(trailer.Root instanceof PDFRef)) throw new RangeError('the PDF has no /Root reference in its trailer');
  const previousXref = lastStartXref(original);

  const changed = new Map<number, Buffer>();
  const serialise = (object: PDFObject): Buffer => {
    const bytes = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(bytes, 0);
    return Buffer.from(bytes);
  };

  const signatureRef = context.nextRef();
  const fieldRef = context.nextRef();
  changed.set(signatureRef.objectNumber, signatureDictionary(input));

  const pages = document.getPages();
  const page = pages[pages.length - 1];
  if (!page) throw new RangeError('the PDF has no pages');
  const pageRef = page.ref;

  const field = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(input.fieldName),
    V: signatureRef,
    // Print flag and a zero rectangle: an invisible widget needs no appearance stream under PDF/A-2.
    F: 4,
    Rect: [0, 0, 0, 0],
    P: pageRef,
  });
  changed.set(fieldRef.objectNumber, serialise(field));

  // The page lists the widget among its annotations, whether /Annots is inline or its own object.
  const pageDict = page.node.clone(context);
  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) {
    const array = context.lookup(annots, PDFArray).clone(context);
    array.push(fieldRef);
    changed.set(annots.objectNumber, serialise(array));
  } else {
    const array = annots instanceof PDFArray ? annots.clone(context) : context.obj([]);
    array.push(fieldRef);
    pageDict.set(PDFName.of('Annots'), array);
    changed.set(pageRef.objectNumber, serialise(pageDict));
  }

  // The catalogue's AcroForm gains the field; a new one is created for the first signature.
  const catalog = document.catalog;
  const acroFormEntry = catalog.get(PDFName.of('AcroForm'));
  const acroForm = acroFormEntry instanceof PDFRef ? context.lookup(acroFormEntry, PDFDict).clone(context) : acroFormEntry instanceof PDFDict ? acroFormEntry.clone(context) : context.obj({});
  const fieldsEntry = acroForm.get(PDFName.of('Fields'));
  const fields = fieldsEntry instanceof PDFRef ? context.lookup(fieldsEntry, PDFArray).clone(context) : fieldsEntry instanceof PDFArray ? fieldsEntry.clone(context) : context.obj([]);
  fields.push(fieldRef);
  acroForm.set(PDFName.of('Fields'), fields);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  // PDF/A forbids NeedAppearances true; the widgets here need no appearance at all.
  acroForm.delete(PDFName.of('NeedAppearances'));
  if (acroFormEntry instanceof PDFRef) {
    changed.set(acroFormEntry.objectNumber, serialise(acroForm));
  } else {
    const acroFormRef = context.nextRef();
    changed.set(acroFormRef.objectNumber, serialise(acroForm));
    const catalogCopy = catalog.clone(context);
    catalogCopy.set(PDFName.of('AcroForm'), acroFormRef);
    changed.set(trailer.Root.objectNumber, serialise(catalogCopy));
  }

  return Buffer.concat([original, updateSection(original.length, changed, {
    size: context.largestObjectNumber + 1,
    root: trailer.Root,
    info: trailer.Info,
    id: trailer.ID,
    previousXref,
  })]);
}

function signatureDictionary(input: SignatureFieldInput): Buffer {
  const text = (value: string): string => PDFHexString.fromText(value).toString();
  const entries = [
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    `/SubFilter /${input.subFilter}`,
    BYTE_RANGE_PLACEHOLDER,
    `/Contents <${'0'.repeat(input.contentsLength * 2)}>`,
    `/Name ${text(input.name)}`,
    `/Reason ${text(input.reason)}`,
    `/Location ${text(input.location)}`,
    ...(input.contactInfo ? [`/ContactInfo ${text(input.contactInfo)}`] : []),
    `/M ${PDFString.fromDate(input.signedAt).toString()}`,
    '/Prop_Build << /App << /Name /Protokoll >> >>',
  ];
  return Buffer.from(`<<\n${entries.join('\n')}\n>>`, 'latin1');
}

function updateSection(
  offset: number,
  objects: Map<number, Buffer>,
  trailer: { size: number; root: PDFRef; info: PDFObject | undefined; id: PDFObject | undefined; previousXref: number },
): Buffer {
  const parts: Buffer[] = [];
  const offsets = new Map<number, number>();
  let position = offset;
  const push = (part: Buffer): void => {
    parts.push(part);
    position += part.length;
  };
  push(Buffer.from('\n'));
  for (const [number, body] of [...objects].sort(([a], [b]) => a - b)) {
    offsets.set(number, position);
    push(Buffer.concat([Buffer.from(`${number} 0 obj\n`), body, Buffer.from('\nendobj\n')]));
  }
  const xrefAt = position;
  const lines = ['xref', '0 1', '0000000000 65535 f '];
  for (const [number, at] of [...offsets].sort(([a], [b]) => a - b)) {
    lines.push(`${number} 1`, `${String(at).padStart(10, '0')} 00000 n `);
  }
  const trailerEntries = [
    `/Size ${trailer.size}`,
    `/Root ${trailer.root.toString()}`,
    ...(trailer.info ? [`/Info ${trailer.info.toString()}`] : []),
    ...(trailer.id ? [`/ID ${trailer.id.toString()}`] : []),
    `/Prev ${trailer.previousXref}`,
  ];
  lines.push('trailer', `<<\n${trailerEntries.join('\n')}\n>>`, 'startxref', String(xrefAt), '%%EOF', '');
  push(Buffer.from(lines.join('\n'), 'latin1'));
  return Buffer.concat(parts);
}

/** The byte offset of the last xref section, from the file's final `startxref`. */
function lastStartXref(pdf: Buffer): number {
  const at = pdf.lastIndexOf('startxref');
  const match = at === -1 ? null : /^startxref\s+(\d+)/u.exec(pdf.subarray(at, at + 40).toString('latin1'));
  if (!match) throw new RangeError('the PDF has no startxref');
  return Number(match[1]);
}
