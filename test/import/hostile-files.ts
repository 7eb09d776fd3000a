/**
 * Hostile files for the extraction limits, built small: a DOCX whose word/document.xml unpacks to
 * hundreds of megabytes (a zip bomb, with an honest or a lying central directory) and a PDF whose one
 * content stream inflates to millions of text operators. The deflate data is one compressed block of
 * repeated markup, flushed so that it can be repeated byte for byte, so a 300 MB entry costs
 * milliseconds to build and about 300 KB to hold.
 */
import { constants, deflateRawSync } from 'node:zlib';

const MB = 1024 * 1024;

/** Raw deflate of `head`, then `body` `times` over, then `tail`, without ever holding the whole. */
function deflateRepeated(head: string, body: string, times: number, tail: string): { data: Buffer; size: number } {
  // A full flush ends each piece on a byte boundary with a fresh dictionary: pieces can be concatenated.
  const piece = (text: string) => deflateRawSync(Buffer.from(text, 'utf8'), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const repeated = piece(body);
  const final = Buffer.from([0x03, 0x00]); // an empty final block
  const data = Buffer.concat([piece(head), ...Array.from({ length: times }, () => repeated), piece(tail), final]);
  return { data, size: Buffer.byteLength(head) + Buffer.byteLength(body) * times + Buffer.byteLength(tail) };
}

interface ZipEntry {
  name: string;
  data: Buffer;
  /** Deflated (8) or stored (0). */
  method: 0 | 8;
  /** The unpacked size the archive states. */
  size: number;
}

/**
 * A ZIP archive of the entries. CRCs are written as 0: no reader checks them before inflating, which is
 * the point of a bomb.
 */
function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    directory.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}

const stored = (name: string, text: string): ZipEntry => ({ name, data: Buffer.from(text, 'utf8'), method: 0, size: Buffer.byteLength(text) });

/**
 * A DOCX whose word/document.xml unpacks to at least `megabytes` MB of paragraphs. With `lying`, the
 * central directory states 1 MB for it, so only the capped inflation stands in the way. With `stored`,
 * document.xml is not compressed at all: within every size limit, but too much for a small heap.
 */
export function buildDocxBomb(options: { megabytes?: number; lying?: boolean; stored?: boolean } = {}): Buffer {
  const paragraph = '<w:p><w:r><w:t>Kommunfullmäktige beslutar enligt förslaget.</w:t></w:r></w:p>'.repeat(1000);
  const times = Math.ceil(((options.megabytes ?? 300) * MB) / Buffer.byteLength(paragraph));
  const head = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  const tail = '</w:body></w:document>';
  const document = options.stored
    ? { data: Buffer.from(head + paragraph.repeat(times) + tail, 'utf8'), size: 0 }
    : deflateRepeated(head, paragraph, times, tail);
  if (options.stored) document.size = document.data.length;
  return zipOf([
    stored(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    stored(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    { name: 'word/document.xml', data: document.data, method: options.stored ? 0 : 8, size: options.lying ? MB : document.size },
  ]);
}

/** A ZIP of `count` tiny stored files: an archive, not a document. */
export function buildZipOfManyEntries(count: number): Buffer {
  return zipOf(Array.from({ length: count }, (_, i) => stored(`part${i}.xml`, '<x/>')));
}

/** A one-page PDF whose content stream inflates to `megabytes` MB of short text operators. */
export function buildPdfBomb(options: { megabytes?: number } = {}): Buffer {
  const line = 'BT /F1 9 Tf 72 700 Td (Protokoll fort vid sammantrade) Tj ET\n'.repeat(1000);
  const times = Math.ceil(((options.megabytes ?? 200) * MB) / Buffer.byteLength(line));
  const stream = deflateRepeated('', line, times, '');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null, // the content stream, written below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, index) => {
    offsets.push(length);
    const object =
      body === null
        ? Buffer.concat([
            Buffer.from(`${index + 1} 0 obj\n<< /Length ${stream.data.length + 2} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
            // A zlib header before the raw deflate data, as /FlateDecode expects (readers skip the checksum).
            Buffer.from([0x78, 0xda]),
            stream.data,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ])
        : Buffer.from(`${index + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
    parts.push(object);
    length += object.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
