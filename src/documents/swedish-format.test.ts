import { describe, expect, it } from 'vitest';
import {
  formatDateInWords,
  formatParagraphList,
  formatParagraphRange,
  formatSigningTime,
  formatTimeSpan,
} from './swedish-format.ts';
import { formatParagraphSelection } from './extract-content.ts';

describe('Swedish formatting', () => {
  it.each([
    ['2020-05-07', 'torsdag 7 maj 2020'],
    ['2024-10-21', 'måndag 21 oktober 2024'],
    ['2025-01-01', 'onsdag 1 januari 2025'],
  ])('writes %s in words as %s', (date, words) => {
    expect(formatDateInWords(date)).toBe(words);
  });

  it('writes meeting times with a full stop and an en dash', () => {
    expect(formatTimeSpan('09:00', '12:00')).toBe('kl. 09.00–12.00');
    expect(formatTimeSpan('13:30', null)).toBe('kl. 13.30');
    expect(formatTimeSpan(null, null)).toBeNull();
  });

  it.each([
    ['10-12', '§§ 10–12'],
    ['18, 19, 26', '§§ 18, 19, 26'],
    ['22', '§ 22'],
    ['15-19, 21', '§§ 15–19, 21'],
  ])('prints the limited attendance %s as %s', (paragraphs, printed) => {
    expect(formatParagraphList(paragraphs)).toBe(printed);
  });

  it('prints a range of one § without the double sign', () => {
    expect(formatParagraphRange(12, 20)).toBe('§§ 12–20');
    expect(formatParagraphRange(7, 7)).toBe('§ 7');
  });

  it('collapses consecutive §§ of an extract into ranges', () => {
    expect(formatParagraphSelection([12, 13, 14, 16])).toBe('§§ 12–14, 16');
    expect(formatParagraphSelection([7])).toBe('§ 7');
  });

  it('keeps the signer’s offset when printing a signing time', () => {
    expect(formatSigningTime('2020-06-04T15:37:00+02:00')).toBe('2020-06-04 kl. 15.37 (UTC+02:00)');
    expect(formatSigningTime('2020-06-04T13:37:05Z')).toBe('2020-06-04 kl. 13.37.05 (UTC)');
  });
});
