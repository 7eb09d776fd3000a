/** What the legal checks know besides the minutes themselves. */
import type { RuleProfile } from '../rule-profile.ts';

export interface CheckContext {
  /** Today in Sweden; without it nothing is judged against the calendar. */
  today?: string | null;
  /** The time in Sweden (HH:MM), for a meeting that starts later today. */
  time?: string | null;
  /** The body's rule profile, after its own choices; by default the KL profile for a protocol, none for notes. */
  profile?: RuleProfile;
  /** Ledamöter: the body's number of seats. Unknown: the most who decided at any § is taken as a floor. */
  seats?: number | null;
  /** Whether members taking part remotely count (KL 5:16, 6:24); unknown: they count. */
  remoteParticipationAllowed?: boolean | null;
  /** The kallelse: when it went out (null: not sent), and whether one is required for this step. */
  kallelse?: { sentOn: string | null; required: boolean } | null;
  /** The §§ of the body's earlier minutes in the same year, to find a number used twice or a break. */
  earlierNumbersInYear?: readonly number[] | null;
}
