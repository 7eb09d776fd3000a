/**
 * Personuppgifter i text: what must be looked at before minutes go on the web (GDPR; OSL for sekretess).
 * A personnummer or samordningsnummer blocks publication until it is masked or marked as reviewed; phone
 * numbers, e-mail and street addresses, and words of the sensitive categories (GDPR art. 9 and 10: health,
 * social care, ethnicity, religion, sexual life, criminal offences) are shown for review.
 */
import PersonnummerModule from 'personnummer';

// The package is CommonJS whose module.exports is the class, while its types declare an ES default export,
// so TypeScript sees one level too many; at run time the default import is the class with `valid`.
const Personnummer = PersonnummerModule as unknown as { valid(pin: string, options?: { allowCoordinationNumber: boolean; allowInterimNumber: boolean }): boolean };

export const personalDataKinds = ['personal_identity_number', 'phone_number', 'email_address', 'street_address', 'sensitive_category'] as const;
/** Personnummer/samordningsnummer, telefonnummer, e-postadress, gatuadress, känslig kategori. */
export type PersonalDataKind = (typeof personalDataKinds)[number];

export const sensitiveCategories = ['health', 'social_care', 'ethnicity', 'religion', 'sexual_life', 'criminal_offence'] as const;
export type SensitiveCategory = (typeof sensitiveCategories)[number];

/** One thing found, with its place in the text (UTF-16 offsets, as JavaScript strings count). */
export interface PersonalDataFinding {
  kind: PersonalDataKind;
  start: number;
  end: number;
  text: string;
  /** Blocks publication until masked or reviewed: only personnummer and samordningsnummer. */
  blocking: boolean;
  category?: SensitiveCategory;
}

// YYMMDD or YYYYMMDD, an optional - or + (+ for those aged 100 or more), and four digits; not part of a
// longer number, a date range, a Dnr or an amount.
const identityNumber = /(?<![\d/.:-])((?:18|19|20)?\d{6})([-+]?)(\d{4})(?![\d/]|[-.]\d|\s?(?:kr\b|kronor|sek\b|:-|tkr|mkr))/giu;

// Swedish phone numbers as people write them: 070-123 45 67, 08-123 456 78, 031 12 34 56, +46 70 123 45 67.
const phoneNumber = /(?<![\d\w])(?:\+46[\s-]?\(?0?\)?|0)[1-9]\d{0,2}(?:[\s-]?\d{2,3}){2,4}(?![\d])/gu;

const emailAddress = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}/gu;

// A street with its number: "Storgatan 12", "Björkvägen 3 B", "Lilla Torget 4".
const streetAddress = /(?<![\p{L}])\p{Lu}[\p{L}-]*(?:gatan|vägen|gränd|stigen|backen|torget|allén|leden|gången|platsen|väg|gata)\s\d{1,4}(?:\s?[A-Ha-h](?![\p{L}]))?(?:,?\s\d{3}\s?\d{2}(?:\s\p{Lu}\p{Ll}+)?)?/gu;

/** Words of the sensitive categories, at the start of a word; endings vary. */
const sensitiveWords: Record<SensitiveCategory, RegExp> = {
  health: /(?<![\p{L}])(sjukdom|diagnos|sjukskriv|psykisk|psykiatri|missbruk|beroendevård|funktionsnedsättning|demens|cancer|graviditet|sjukvårdsinsats|hälsotillstånd|LSS\b|LPT\b)\p{L}*/giu,
  social_care: /(?<![\p{L}])(försörjningsstöd|ekonomiskt bistånd|orosanmälan|placering|familjehem|HVB|LVU\b|LVM\b|barnavårdsutredning|skyddsbehov|våld i nära relation|hemlöshet)\p{L}*/giu,
  ethnicity: /(?<![\p{L}])(etnisk|etnicitet|hudfärg|nationellt ursprung)\p{L}*/giu,
  religion: /(?<![\p{L}])(religiös|trosuppfattning|religionstillhörighet)\p{L}*/giu,
  sexual_life: /(?<![\p{L}])(sexuell läggning|sexualliv|könsidentitet)\p{L}*/giu,
  criminal_offence: /(?<![\p{L}])(dömd|brottsmisstank|misstänkt för|åtal|polisanmäl|lagföring|fängelse|brottslighet)\p{L}*/giu,
};

/** Every personal-data finding in the text, in order of place; overlapping finds keep the stronger kind. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const match of text.matchAll(identityNumber)) {
    if (isIdentityNumber(match[0]) && !isPhoneInContext(text, match)) found.push(at(match, 'personal_identity_number', true));
  }
  for (const match of text.matchAll(phoneNumber)) found.push(at(match, 'phone_number', false));
  for (const match of text.matchAll(emailAddress)) found.push(at(match, 'email_address', false));
  for (const match of text.matchAll(streetAddress)) found.push(at(match, 'street_address', false));
  for (const category of sensitiveCategories) {
    for (const match of text.matchAll(sensitiveWords[category])) found.push({ ...at(match, 'sensitive_category', false), category });
  }
  return withoutOverlaps(found);
}

/** Whether a written number is a valid personnummer or samordningsnummer: a real date (day + 60) and the check digit. */
export function isIdentityNumber(written: string): boolean {
  const compact = written.replace(/\s/g, '');
  if (!/^(\d{6}|\d{8})[-+]?\d{4}$/u.test(compact)) return false;
  return Personnummer.valid(compact, { allowCoordinationNumber: true, allowInterimNumber: false });
}

// Ten digits written together after "tel." or "mobil" are a phone number, even when they happen to
// form a valid personnummer (one in ten do).
const phoneContext = /(?:tel(?:efon)?|mobil(?:nummer)?|ring|nås på|sms)[.:]?\s*$/iu;

function isPhoneInContext(text: string, match: RegExpMatchArray): boolean {
  const start = match.index ?? 0;
  return /^0\d{9}$/u.test(match[0]) && phoneContext.test(text.slice(Math.max(0, start - 20), start));
}

function at(match: RegExpMatchArray, kind: PersonalDataKind, blocking: boolean): PersonalDataFinding {
  const start = match.index ?? 0;
  return { kind, start, end: start + match[0].length, text: match[0], blocking };
}

const strength: Record<PersonalDataKind, number> = {
  personal_identity_number: 5,
  email_address: 4,
  street_address: 3,
  phone_number: 2,
  sensitive_category: 1,
};

function withoutOverlaps(found: PersonalDataFinding[]): PersonalDataFinding[] {
  const ordered = [...found].sort((a, b) => strength[b.kind] - strength[a.kind] || a.start - b.start);
  const kept: PersonalDataFinding[] = [];
  for (const f of ordered) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
