/**
 * Who was present and who decided at each § of the minutes, read from the attendance list as written:
 * a limited presence ("§§ 10–12"), serving substitutes, jäv. And how a name written elsewhere in the
 * minutes (a reservation, a vote, a signature) is matched to the attendance list.
 */
import type { Attendee, Minutes } from '../minutes.ts';

/** The §§ a limited presence names ('10-12', '15–19, 21', '§ 18'), or null when it cannot be read. */
export function paragraphsOf(text: string): Set<number> | null {
  const numbers = new Set<number>();
  const parts = text.replace(/§/g, ' ').split(/[,;]|\boch\b|\band\b/);
  for (const part of parts) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const range = /^(\d{1,4})\s*[-–—]\s*(\d{1,4})$/.exec(trimmed);
    const single = /^(\d{1,4})$/.exec(trimmed);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from || to - from > 500) return null;
      for (let n = from; n <= to; n += 1) numbers.add(n);
    } else if (single) {
      numbers.add(Number(single[1]));
    } else {
      return null;
    }
  }
  return numbers.size > 0 ? numbers : null;
}

/** A name compared: lower case, without a party in brackets, titles or punctuation. */
function nameTokens(name: string): string[] {
  return name
    .toLocaleLowerCase('sv')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/**
 * Whether two written names are the same person: the same words, or every word of the shorter (two words
 * or more) among the longer's ('Fredrik Ölmerud' and 'Fredrik Kjellman Ölmerud'), or 'Lövgren, Erik'.
 * A single word never matches a full name: 'Andersson' could be anyone.
 */
export function isSameName(a: string, b: string): boolean {
  const left = nameTokens(a);
  const right = nameTokens(b);
  if (left.length === 0 || right.length === 0) return false;
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  if (shorter.length === longer.length) return [...shorter].sort().join(' ') === [...longer].sort().join(' ');
  return shorter.length >= 2 && shorter.every((t) => longer.includes(t));
}

/** Roles that decide unless the list says otherwise. */
const decidingRoles = new Set<Attendee['role']>(['chair', 'vice-chair', 'member']);

/** Beslutande: whether the attendee decides, as the list states it or as the role implies. */
export function isVotingAttendee(attendee: Attendee): boolean {
  if (attendee.voting !== null) return attendee.voting;
  if (decidingRoles.has(attendee.role)) return true;
  return attendee.role === 'substitute' && Boolean(attendee.servingFor);
}

/** The attendance list of one meeting, asked about one § at a time. */
export class AttendanceAt {
  private readonly presence: (Set<number> | null)[];

  private readonly remoteCounts: boolean;

  constructor(
    private readonly minutes: Minutes,
    options: { remoteCounts?: boolean } = {},
  ) {
    this.remoteCounts = options.remoteCounts ?? true;
    this.presence = minutes.attendees.map((a) => (a.paragraphs ? paragraphsOf(a.paragraphs) : null));
  }

  /** Whether the attendee at `index` was in the room (or connected) at § `paragraph`. */
  isPresentAt(index: number, paragraph: number | null): boolean {
    const limited = this.presence[index];
    // A limitation that cannot be read is taken as present throughout: no finding rests on a guess.
    if (!limited || paragraph === null) return true;
    return limited.has(paragraph);
  }

  /** The attendees who decide at § `paragraph`: present, voting, and not disqualified (jäv) there. */
  votingAt(paragraph: number | null, disqualified: readonly string[] = []): Attendee[] {
    return this.minutes.attendees.filter(
      (a, index) =>
        this.isPresentAt(index, paragraph) &&
        isVotingAttendee(a) &&
        (this.remoteCounts || !a.remote) &&
        !disqualified.some((d) => isSameName(d, a.name)),
    );
  }

  /** The attendee a written name refers to, or null when none or several match. */
  find(name: string): { attendee: Attendee; index: number } | null {
    const matches = this.candidates(name);
    return matches.length === 1 ? (matches[0] ?? null) : null;
  }

  /** Every attendee a written name could refer to. */
  candidates(name: string): { attendee: Attendee; index: number }[] {
    let matches = this.minutes.attendees.flatMap((attendee, index) => (isSameName(name, attendee.name) ? [{ attendee, index }] : []));
    const tokens = nameTokens(name);
    // A surname alone ('Andersson (M)') names the one attendee who has it, and nobody when two do.
    if (matches.length === 0 && tokens.length === 1) {
      matches = this.minutes.attendees.flatMap((attendee, index) => (nameTokens(attendee.name).includes(tokens[0] ?? '') ? [{ attendee, index }] : []));
    }
    return matches;
  }

  /** Whether a written name is someone on the list, whoever they are. */
  isListed(name: string): boolean {
    const tokens = nameTokens(name);
    return this.minutes.attendees.some((a) => isSameName(name, a.name) || (tokens.length === 1 && nameTokens(a.name).includes(tokens[0] ?? '')));
  }

  /**
   * The most who decided at any one §: a floor for the body's number of seats when the minutes do not
   * say it (those absent throughout are not listed), so a § below half of it was certainly not quorate.
   */
  largestVotingCount(): number {
    const numbers = this.minutes.items.map((i) => i.number).filter((n): n is number => n !== null);
    const counts = (numbers.length > 0 ? numbers : [null]).map((n) => this.votingAt(n).length);
    return Math.max(0, ...counts);
  }
}
