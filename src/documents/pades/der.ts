/**
 * A small DER reader and writer that keeps exact bytes: a CMS signature is verified over the very bytes
 * of its signed attributes, and a timestamp is spliced in without re-encoding the rest.
 */

/** One DER element: its tag byte and where its header, content and end are in the buffer. */
export interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** Tag bytes used in CMS. */
export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  context0: 0xa0,
  context1: 0xa1,
} as const;

/** The element starting at `offset`. */
export function readTlv(bytes: Uint8Array, offset: number): Tlv {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) throw new RangeError(`DER ends inside an element at ${offset}`);
  if ((tag & 0x1f) === 0x1f) throw new RangeError(`multi-byte DER tags are not used in CMS (at ${offset})`);
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new RangeError(`unsupported DER length at ${offset}`);
    length = 0;
    for (let index = 0; index < count; index += 1) length = length * 256 + (bytes[offset + 2 + index] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > bytes.length) throw new RangeError(`DER element at ${offset} runs past the end`);
  return { tag, start: offset, contentStart, end };
}

/** The elements inside a constructed element. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const result: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readTlv(bytes, at);
    result.push(child);
    at = child.end;
  }
  return result;
}

/** An element with this tag and content. */
export function encodeTlv(tag: number, content: Uint8Array): Buffer {
  const length = content.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else {
    const digits: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) digits.unshift(rest % 256);
    header = [tag, 0x80 | digits.length, ...digits];
  }
  return Buffer.concat([Buffer.from(header), content]);
}

/** The whole element's bytes. */
export function bytesOf(bytes: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(bytes.subarray(tlv.start, tlv.end));
}

/** The element's content bytes. */
export function contentOf(bytes: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(bytes.subarray(tlv.contentStart, tlv.end));
}

/** An OBJECT IDENTIFIER's dotted form. */
export function oidOf(bytes: Uint8Array, tlv: Tlv): string {
  const content = contentOf(bytes, tlv);
  const first = content[0] ?? 0;
  const parts = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let value = 0;
  for (const byte of content.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The DER encoding of a dotted OBJECT IDENTIFIER. */
export function encodeOid(oid: string): Buffer {
  const [a = 0, b = 0, ...rest] = oid.split('.').map(Number);
  const out = [a * 40 + b];
  for (const part of rest) {
    const digits = [part & 0x7f];
    for (let value = Math.floor(part / 128); value > 0; value = Math.floor(value / 128)) digits.unshift((value & 0x7f) | 0x80);
    out.push(...digits);
  }
  return encodeTlv(TAG.oid, Buffer.from(out));
}

/** A UTCTime or GeneralizedTime as an instant. */
export function timeOf(bytes: Uint8Array, tlv: Tlv): Date | null {
  const text = contentOf(bytes, tlv).toString('latin1');
  const match = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/u.exec(text);
  if (!match) return null;
  const yearText = match[1]!;
  const year = yearText.length === 2 ? (Number(yearText) < 50 ? 2000 : 1900) + Number(yearText) : Number(yearText);
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0)));
}
