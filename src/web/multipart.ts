/**
 * multipart/form-data, read without a plugin: the web has one form with a file (underlag), and the
 * whole body is already limited in size by the content-type parser, so the parts are cut out of one
 * buffer. Text fields become URLSearchParams, like every other form, so the CSRF check reads `_csrf`
 * the same way.
 */

/** A file sent in a form. */
export interface UploadedFile {
  field: string;
  /** The name the browser gave, without any path. */
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** A multipart form: its text fields and its files. */
export class MultipartForm {
  constructor(
    readonly fields: URLSearchParams,
    readonly files: UploadedFile[],
  ) {}

  file(field: string): UploadedFile | null {
    return this.files.find((f) => f.field === field) ?? null;
  }
}

/** The boundary of a multipart content type, or null when it has none. */
export function boundaryOf(contentType: string | undefined): string | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2] ?? null) : null;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/** Splits a multipart body into fields and files; a malformed body gives an empty form. */
export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const fields = new URLSearchParams();
  const files: UploadedFile[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    // "--" after the delimiter closes the body.
    if (body[partStart] === 0x2d && body[partStart + 1] === 0x2d) break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // The part runs from after the delimiter's CRLF to before the CRLF that precedes the next delimiter.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf(CRLF_CRLF);
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      if (name !== undefined) {
        if (fileName !== undefined) {
          const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() || 'application/octet-stream';
          files.push({ field: name, fileName: fileName.split(/[\\/]/).pop() ?? '', contentType, bytes: Buffer.from(content) });
        } else {
          fields.append(name, content.toString('utf8'));
        }
      }
    }
    start = next;
  }
  return new MultipartForm(fields, files);
}
