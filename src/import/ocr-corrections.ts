/**
 * Misreadings Tesseract's Swedish model makes on the signs minutes depend on. The model has no "§" that it
 * trusts: it reads it as "$&", "$", "8" or "&" (and "§§" as "88"), it reads the party letter "(S)" as "(5)",
 * and an "X" in a mark column as "Xx". Each correction is anchored on what follows, as a heading or a
 * range of §§ has it, so an amount such as "88 000 kr" stays as it is.
 */

/** "$& 11 Arbetssätt", "8 12 Val av justerare", "S 13 Budget": a § heading at the start of a line. */
const HEADING_SIGN = /^(\s*)(?:\$&|\$\$?|&|8|S)\s?(?=\d{1,4}[.:]?\s+(?:\p{Lu}|Dnr\b))/u;
/** "Paragrafer 88 10-15", "(Närvaro på distans 8810-12)": "§§" before a range or a list of numbers. */
const DOUBLE_SIGN = /(?<=^|[\s(])(?:88|\$\$|\$&|&&|§8|8§)\s?(?=\d{1,4}\s*(?:[-–,]|och\b)\s*\d)/gu;
/**
 * "&15", "816", "8 20", "$ 22" as a line or a table cell of their own: "§ 15" on its own line, or the §§ a person
 * attended. A bare "8" needs two digits after it, so a cell "85" (a count, a page) stays a number.
 */
const SIGN_CELL = /(?<=^|\t)(\s*)(?:\$&|\$|&|S|8(?=\s|\d{2}))\s?(\d{1,4})(?=\t|\s*$)/gu;
/** "Anna Ek (5)": the party letter S after a name. */
const PARTY_FIVE = /(?<=\p{L}\s)\(5\)/gu;
/** A cell that holds only a mark, read as "Xx", "XX" or "×". */
const MARK_CELL = /(?<=^|\t)(?:Xx|XX|xX|×)(?=\t|$)/gu;

/** One OCR'd line with the sign misreadings of the Swedish model put right. */
export function correctOcrLine(line: string): string {
  return line.replace(HEADING_SIGN, '$1§ ').replace(SIGN_CELL, '$1§ $2').replace(DOUBLE_SIGN, '§§ ').replace(PARTY_FIVE, '(S)').replace(MARK_CELL, 'X');
}
