import { describe, expect, it } from 'vitest';
import { findDates, parseSigningTime, parseTimeRange, removeDates } from './dates.ts';

describe('findDates', () => {
  it.each([
    ['2020-05-07', '2020-05-07'],
    ['7 maj 2020', '2020-05-07'],
    ['måndag 21 oktober 2024', '2024-10-21'],
    ['Tisdagen den 3 dec. 2019', '2019-12-03'],
    ['7/5 2020', '2020-05-07'],
    ['7/5-2020', '2020-05-07'],
    ['07.05.2020', '2020-05-07'],
    ['Tid 22 april 2010, kl 09.00 -12.00', '2010-04-22'],
  ])('reads %s as %s', (text, iso) => {
    expect(findDates(text)[0]?.iso).toBe(iso);
  });

  it('rejects impossible dates', () => {
    expect(findDates('2021-02-30 och 31 april 2021')).toEqual([]);
  });

  it('does not read a case number as a date', () => {
    expect(findDates('Dnr KS 2018/124')).toEqual([]);
  });
});

describe('parseTimeRange', () => {
  it.each([
    ['09.00-12.00', '09:00', '12:00'],
    ['kl. 13:00–14:40', '13:00', '14:40'],
    ['09.00–ca 12.00', '09:00', '12:00'],
    ['13.00 - 16.30', '13:00', '16:30'],
    ['kl 13-16', '13:00', '16:00'],
    ['2020-05-07 09.00-12.00', '09:00', '12:00'],
    ['kl. 8.30–12.15, ajournering 10.00–10.20', '08:30', '12:15'],
    ['kl. 09.00-10.30 och 10.45-12.00', '09:00', '12:00'],
    ['kl. 13.00', '13:00', null],
    ['Stadshuset', null, null],
  ])('reads %s as %s–%s', (text, start, end) => {
    expect(parseTimeRange(text)).toEqual({ start, end });
  });
});

describe('removeDates', () => {
  it('leaves the place when the date and weekday are taken out', () => {
    expect(removeDates('Tisdag 21 oktober 2024, digitalt').replace(/[\s,]+/gu, ' ').trim()).toBe('digitalt');
  });
});

describe('parseSigningTime', () => {
  it('reads an e-signing stamp with its offset', () => {
    expect(parseSigningTime('(Jun 4, 2020 15:37 GMT+2)')).toBe('2020-06-04T15:37:00+02:00');
  });

  it('uses the Swedish offset of the day when the stamp has no zone', () => {
    expect(parseSigningTime('2020-01-15 09:05')).toBe('2020-01-15T09:05:00+01:00');
    expect(parseSigningTime('2020-07-15 09:05')).toBe('2020-07-15T09:05:00+02:00');
  });

  it('gives null without a time', () => {
    expect(parseSigningTime('Peder Björk')).toBeNull();
  });
});
