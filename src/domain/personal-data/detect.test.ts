import { describe, expect, it } from 'vitest';
import { findPersonalData, isIdentityNumber } from './detect.ts';

const kindsIn = (text: string) => findPersonalData(text).map((f) => [f.kind, f.text]);

describe('personal data: personnummer and samordningsnummer (Skatteverket test series)', () => {
  it.each([
    ['19121212-1212', 'with century and separator'],
    ['201212121212', 'with century, no separator'],
    ['121212-1212', 'without century'],
    ['121212+1212', 'a hundred years or older'],
    ['1212121212', 'ten digits together'],
    ['701063-2391', 'samordningsnummer (day + 60)'],
    ['19701063-2391', 'samordningsnummer with century'],
  ])('finds %s (%s) and blocks publication', (number) => {
    const found = findPersonalData(`Ansökan från sökande med personnummer ${number} avslås.`);
    expect(found).toEqual([expect.objectContaining({ kind: 'personal_identity_number', text: number, blocking: true })]);
  });

  it('finds every number of the series in decision text beside dates, Dnr and amounts, and nothing else as a personnummer', () => {
    const text = 'Dnr 2026/121212. Sammanträde 2026-03-01. Bidrag om 12 000 kronor beviljas 19121212-1212 och 201212121212; gäldenär 121212+1212.';
    expect(findPersonalData(text).filter((f) => f.blocking).map((f) => f.text)).toEqual(['19121212-1212', '201212121212', '121212+1212']);
  });

  it('gives the place in the text', () => {
    const text = 'Sökande: Anna, 19121212-1212, Storby.';
    const [f] = findPersonalData(text);
    expect(text.slice(f!.start, f!.end)).toBe('19121212-1212');
  });

  it.each([
    ['121212-1213', 'wrong check digit'],
    ['20201310-1234', 'month 13'],
    ['2020-10-10', 'a date'],
    ['2020-10-10 – 2020-11-02', 'a date range'],
    ['Dnr 2021/123', 'a Dnr'],
    ['Dnr KS 2025.0123', 'a Dnr with a dot'],
    ['Dnr 2025-000123', 'a Dnr with a serial'],
    ['Dnr 2018/1234-56', 'a Dnr with a sub-number'],
    ['budget 1212121212 kr', 'an amount in kronor'],
    ['12 121 212 kronor', 'an amount with spaces'],
    ['organisationsnummer 212000-1355', 'an organisation number (month 20)'],
    ['beslut 2024-03-18 14:02', 'a date and a time'],
    ['§§ 121212-121213', 'a § range'],
    ['kontonummer 8327-9,123 456 789-0', 'a bank account'],
    ['Dnr 2026/121212', 'a Dnr whose serial looks like a date'],
    ['Dnr KS 2012/1212-12', 'a Dnr with a sub-number that looks like a date'],
    ['sammanträdet 2012-12-12 kl. 12.12', 'a date and a time with a dot'],
    ['perioden 20121212–20131212', 'a range of compact dates'],
    ['beloppet 1 912 121 212 kronor', 'a large amount with spaces'],
    ['121212-1212:-', 'an amount written with :-'],
    ['tel. 0121212121', 'a ten-digit phone number after tel.'],
    ['mobil 070-121 21 21', 'a mobile number with spaces'],
    ['version 19.12.12.1212', 'a version number'],
    ['§ 121212', 'six digits alone'],
  ])('does not take %s (%s) for a personnummer', (text) => {
    expect(findPersonalData(text).filter((f) => f.kind === 'personal_identity_number')).toEqual([]);
  });

  it('checks a written number on its own', () => {
    expect(isIdentityNumber('19121212-1212')).toBe(true);
    expect(isIdentityNumber('19121212-1213')).toBe(false);
    expect(isIdentityNumber('070-123 45 67')).toBe(false);
  });
});

describe('personal data: contact details for review', () => {
  it.each([
    ['070-123 45 67'],
    ['08-123 456 78'],
    ['031 12 34 56'],
    ['+46 70 123 45 67'],
    ['0701234567'],
  ])('finds the phone number %s, not blocking, and not as a personnummer', (phone) => {
    expect(findPersonalData(`Ring ${phone} vid frågor.`)).toEqual([expect.objectContaining({ kind: 'phone_number', text: phone, blocking: false })]);
  });

  it('finds an e-mail address and a street address with its postcode', () => {
    expect(kindsIn('Skriv till anna.svensson@example.se eller Storgatan 12 B, 831 30 Östersund.')).toEqual([
      ['email_address', 'anna.svensson@example.se'],
      ['street_address', 'Storgatan 12 B, 831 30 Östersund'],
    ]);
  });

  it('takes ten digits after "tel." for a phone number even when they form a valid personnummer', () => {
    // 0712121219 is 2007-12-12 with a valid check digit.
    expect(isIdentityNumber('0712121219')).toBe(true);
    expect(findPersonalData('Kontakt: tel. 0712121219')).toEqual([expect.objectContaining({ kind: 'phone_number', blocking: false })]);
    expect(findPersonalData('Barnet 0712121219 placeras')).toEqual([expect.objectContaining({ kind: 'personal_identity_number', blocking: true })]);
  });

  it('does not take a year or a § number for a phone number', () => {
    expect(kindsIn('Beslutet i § 12 år 2021 gäller från 1 januari.')).toEqual([]);
  });
});

describe('personal data: sensitive categories (GDPR art. 9 and 10)', () => {
  it.each([
    ['Hon har en psykisk sjukdom sedan 2019.', 'health'],
    ['Familjen får försörjningsstöd.', 'social_care'],
    ['Pojken placerades enligt LVU.', 'social_care'],
    ['Mannen är dömd för misshandel.', 'criminal_offence'],
    ['Uppgifter om etniskt ursprung lämnades.', 'ethnicity'],
  ])('flags "%s" as %s for review', (text, category) => {
    expect(findPersonalData(text).map((f) => f.category)).toContain(category);
  });

  it('does not flag ordinary board business', () => {
    expect(findPersonalData('Styrelsen fastställer budgeten för 2025 och godkänner verksamhetsplanen.')).toEqual([]);
  });
});
