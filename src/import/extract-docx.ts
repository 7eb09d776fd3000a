/**
 * DOCX → text with mammoth. The HTML rendering keeps what raw text loses: table cells become
 * tab-separated cells of one line (header tables, attendance tables with X columns), list items become
 * "- " lines and paragraphs are separated by blank lines.
 */
import mammoth from 'mammoth';
import { InputError } from '../errors.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Converts mammoth's simple, well-formed HTML to lines of text. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let cells: string[] | null = null;
  let cell: string[] | null = null;
  let buffer = '';
  const flushParagraph = () => {
    const text = decodeEntities(buffer).replace(/[ \t]*\n[ \t]*/gu, '\n');
    buffer = '';
    if (cell) cell.push(text.replace(/\n/gu, ' ').trim());
    else if (text.trim() !== '') out.push(text.trim(), '');
  };
  const tokens = html.split(/(<[^>]+>)/u);
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      buffer += token;
      continue;
    }
    const tag = /^<\/?\s*([a-z0-9]+)/iu.exec(token)?.[1]?.toLowerCase() ?? '';
    const closing = token.startsWith('</');
    if (tag === 'br') buffer += '\n';
    else if (tag === 'li' && !closing) buffer += '- ';
    else if (['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li'].includes(tag) && closing) flushParagraph();
    else if (tag === 'tr' && !closing) cells = [];
    else if ((tag === 'td' || tag === 'th') && !closing) cell = [];
    else if ((tag === 'td' || tag === 'th') && closing) {
      if (buffer.trim()) flushParagraph();
      buffer = '';
      cells?.push((cell ?? []).filter(Boolean).join(' '));
      cell = null;
    } else if (tag === 'tr' && closing) {
      if (cells) out.push(cells.join('\t').replace(/\t+$/u, ''));
      cells = null;
    } else if (tag === 'table' && closing) out.push('');
  }
  if (buffer.trim()) flushParagraph();
  return out.join('\n');
}

export async function extractDocxText(bytes: Uint8Array, name: string): Promise<string> {
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return htmlToText(result.value);
  } catch (error) {
    throw new InputError(
      { path: name, code: 'unreadable_docx', message: 'is not a readable DOCX document' },
      { cause: error },
    );
  }
}
