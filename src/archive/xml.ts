/**
 * A small XML tree and its serialiser: every attribute value and text is escaped, and characters XML 1.0
 * cannot carry are refused, so what the archive writers build is well-formed by construction.
 */

/** An element: name (with its prefix), attributes in the order given, and children. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string | number | null | undefined>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

/** Builds an element; attributes whose value is null or undefined are left out. */
export function element(name: string, attributes: XmlElement['attributes'] = {}, children: (XmlNode | null | undefined | false)[] = []): XmlElement {
  return { name, attributes, children: children.filter((child): child is XmlNode => child !== null && child !== undefined && child !== false) };
}

/** An element holding only text. */
export function textElement(name: string, text: string | number, attributes: XmlElement['attributes'] = {}): XmlElement {
  return element(name, attributes, [String(text)]);
}

// XML 1.0 § 2.2: tab, newline, carriage return and everything from U+0020 except surrogates, FFFE and FFFF.
const forbiddenCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function checked(value: string): string {
  const match = forbiddenCharacter.exec(value);
  if (match) throw new Error(`XML 1.0 cannot carry the character U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return value;
}

/** Escapes text content. */
export function escapeText(value: string): string {
  return checked(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value for double quotes; newlines and tabs are kept as character references. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function write(node: XmlNode, indent: string, out: string[]): void {
  if (typeof node === 'string') {
    out.push(escapeText(node));
    return;
  }
  const attributes = Object.entries(node.attributes)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join('');
  if (node.children.length === 0) {
    out.push(`<${node.name}${attributes}/>`);
    return;
  }
  const onlyText = node.children.every((child) => typeof child === 'string');
  out.push(`<${node.name}${attributes}>`);
  if (onlyText) {
    for (const child of node.children) write(child, indent, out);
  } else {
    const inner = `${indent}  `;
    for (const child of node.children) {
      out.push(`\n${inner}`);
      write(child, inner, out);
    }
    out.push(`\n${indent}`);
  }
  out.push(`</${node.name}>`);
}

/** The document as UTF-8 bytes with an XML declaration, indented two spaces per level. */
export function serializeXml(root: XmlElement): Uint8Array {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, '', out);
  out.push('\n');
  return new TextEncoder().encode(out.join(''));
}
