import { describe, expect, it } from 'vitest';
import { swedishHolidayOn, swedishHolidaysOf } from './swedish-holidays.ts';

// An independent reading of lag 1989:253 and lag 1930:173, to check what `date-holidays` gives us.
function easterSunday(year: number): Date {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function plus(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function saturdayBetween(year: number, month: number, firstDay: number): Date {
  for (let day = firstDay; day < firstDay + 7; day++) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCDay() === 6) return date;
  }
  throw new Error('unreachable');
}

function expectedDays(year: number): string[] {
  const easter = easterSunday(year);
  const midsummerDay = saturdayBetween(year, 6, 20);
  const days = [
    `${year}-01-01`, // nyårsdagen
    `${year}-01-06`, // trettondedag jul
    iso(plus(easter, -2)), // långfredagen
    iso(easter), // påskdagen
    iso(plus(easter, 1)), // annandag påsk
    `${year}-05-01`,
    iso(plus(easter, 39)), // Kristi himmelsfärdsdag
    iso(plus(easter, 49)), // pingstdagen (always a Sunday)
    iso(plus(midsummerDay, -1)), // midsommarafton (lag 1930:173)
    iso(midsummerDay), // midsommardagen
    iso(saturdayBetween(year, 10, 31)), // alla helgons dag
    `${year}-12-24`, // julafton (lag 1930:173)
    `${year}-12-25`,
    `${year}-12-26`,
    `${year}-12-31`, // nyårsafton (lag 1930:173)
  ];
  if (year >= 2005) days.push(`${year}-06-06`); // nationaldagen, SFS 2004:1320
  else days.push(iso(plus(easter, 50))); // annandag pingst until 2004
  // In 2008 Kristi himmelsfärdsdag fell on första maj: one day, listed once.
  return [...new Set(days)].sort();
}

describe('swedishHolidaysOf', () => {
  const years = Array.from({ length: 2045 - 1995 + 1 }, (_, index) => 1995 + index);

  it.each(years)('gives exactly the days of lag 1989:253 and lag 1930:173 in %i', (year) => {
    expect(swedishHolidaysOf(year).map((holiday) => holiday.on)).toEqual(expectedDays(year));
  });

  it('marks the three eves as eves and the rest as public holidays', () => {
    const eves = swedishHolidaysOf(2024)
      .filter((holiday) => holiday.kind === 'eve')
      .map((holiday) => holiday.name);
    expect(eves).toEqual(['midsommarafton', 'julafton', 'nyårsafton']);
  });
});

describe('swedishHolidayOn', () => {
  it.each([
    ['2020-10-31', 'alla helgons dag'],
    ['2024-03-29', 'långfredagen'],
    ['2025-05-29', 'Kristi himmelsfärdsdag'],
    ['2024-06-21', 'midsommarafton'],
    ['2024-12-31', 'nyårsafton'],
    ['2004-05-31', 'annandag pingst'],
  ])('finds %s as %s', (date, name) => {
    expect(swedishHolidayOn(date)?.name).toBe(name);
  });

  it.each([
    ['2024-01-05', 'trettondagsafton is a half day, not a holiday'],
    ['2024-04-30', 'valborgsmässoafton is a half day'],
    ['2024-03-30', 'påskafton is not named by either law'],
    ['2024-05-20', 'annandag pingst stopped being a holiday in 2005'],
    ['2024-11-01', 'allhelgonaafton is a half day'],
    ['2024-12-13', 'Luciadagen is an observance'],
    ['2004-06-06', 'nationaldagen became a holiday in 2005'],
  ])('does not count %s: %s', (date) => {
    expect(swedishHolidayOn(date)).toBeUndefined();
  });
});
