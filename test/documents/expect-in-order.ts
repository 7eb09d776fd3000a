/** An assertion for rendered documents: parts of a text that must all be there, in this order. */
import { expect } from 'vitest';
import { structuredParagraphInOrder } from './structured-paragraph.ts';

/** Fails unless every part appears in the text, each after the one before it (spacing and line breaks aside). */
export function expectInOrder(text: string, parts: readonly string[] = structuredParagraphInOrder): void {
  const flat = text.replace(/\s+/g, ' ');
  let from = flat.indexOf(parts[0]!);
  expect(from, parts[0]).toBeGreaterThanOrEqual(0);
  for (const part of parts.slice(1)) {
    const at = flat.indexOf(part.replace(/\s+/g, ' '), from + 1);
    expect(at, `"${part}" after position ${from}`).toBeGreaterThan(from);
    from = at;
  }
}
