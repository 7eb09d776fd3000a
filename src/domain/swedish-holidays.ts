/**
 * The Swedish days that stop a legal time limit: the public holidays of lag (1989:253) om allmänna helgdagar
 * and the three eves that lag (1930:173) om beräkning av lagstadgad tid adds. Wraps `date-holidays`, keeping
 * only what the two laws name, so observance days (Vasaloppet, Luciadagen) and half days (trettondagsafton,
 * valborgsmässoafton, allhelgonaafton) never count.
 */
import { createRequire } from 'node:module';
import type HolidaysType from 'date-holidays';

/** Allmän helgdag (lag 1989:253) or one of the eves of lag 1930:173 (midsommarafton, julafton, nyårsafton). */
export interface SwedishHoliday {
  /** The day, YYYY-MM-DD. */
  on: string;
  /** The Swedish name as the calendar gives it, e.g. 'alla helgons dag'. */
  name: string;
  /** 'public_holiday' (allmän helgdag, lag 1989:253) or 'eve' (lag 1930:173). */
  kind: 'public_holiday' | 'eve';
}

// Lag 1930:173: only these eves are treated as holidays for a time limit. `date-holidays` types them 'bank'.
const EVES_THAT_COUNT = new Set(['midsommarafton', 'julafton', 'nyårsafton']);

// Lag 1989:253 before SFS 2004:1320: annandag pingst was an allmän helgdag until 2004 and nationaldagen
// became one from 2005. `date-holidays` has nationaldagen from 2005 but lists annandag pingst only as an
// observance, so older years are corrected here.
const LAST_YEAR_OF_WHIT_MONDAY = 2004;
const WHIT_MONDAY_RULE = 'easter 50';

// Loaded on first use, not at import: its calendar data takes a third of a second to load, which every
// command (even `protokoll --help`) would otherwise pay because so much imports the legal dates.
let calendar: HolidaysType | undefined;
function swedishCalendar(): HolidaysType {
  calendar ??= new (createRequire(import.meta.url)('date-holidays') as typeof HolidaysType)('SE');
  return calendar;
}
const holidaysByYear = new Map<number, ReadonlyMap<string, SwedishHoliday>>();

/** The holidays of lag 1989:253 and the eves of lag 1930:173 in one year, in date order. */
export function swedishHolidaysOf(year: number): readonly SwedishHoliday[] {
  return [...holidayMapOf(year).values()];
}

/** The holiday or counting eve on this day (YYYY-MM-DD), or undefined for an ordinary day. */
export function swedishHolidayOn(date: string): SwedishHoliday | undefined {
  return holidayMapOf(Number(date.slice(0, 4))).get(date);
}

function holidayMapOf(year: number): ReadonlyMap<string, SwedishHoliday> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  const found = new Map<string, SwedishHoliday>();
  for (const holiday of swedishCalendar().getHolidays(year, 'sv')) {
    const on = holiday.date.slice(0, 10);
    const name = holiday.name;
    const isOldWhitMonday = holiday.rule === WHIT_MONDAY_RULE && year <= LAST_YEAR_OF_WHIT_MONDAY;
    if (holiday.type === 'public' || isOldWhitMonday) {
      found.set(on, { on, name, kind: 'public_holiday' });
    } else if (holiday.type === 'bank' && EVES_THAT_COUNT.has(name) && !found.has(on)) {
      found.set(on, { on, name, kind: 'eve' });
    }
  }
  const sorted = new Map([...found.entries()].sort(([a], [b]) => a.localeCompare(b)));
  holidaysByYear.set(year, sorted);
  return sorted;
}
