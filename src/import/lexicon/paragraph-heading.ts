/**
 * How a paragraph (§) heading starts: "§ 12", "§12", "12 §", and with the body's abbreviation in front,
 * as many kommun protocols print it: "KS § 12", "BUN § 34", "Ksau § 5", "SN §101"; and written out: "Paragraf 12".
 */

/** A body abbreviation in front of the § sign: two to six capitals ("KS", "KSAU"), or "Ksau", "Bun", "Au". */
export const BODY_PREFIX = String.raw`(?:\p{Lu}{2,6}|\p{Lu}\p{Ll}{1,4})`;

/** A line that starts like a § heading; cheap, for the cleaning steps that must not eat a heading. */
export const PARAGRAPH_HEADING_START = new RegExp(String.raw`^\s*(?:(?:${BODY_PREFIX}\s+)?(?:§\s*\d|\d{1,4}\s*§)|[Pp]aragraf\s+\d)`, 'u');
