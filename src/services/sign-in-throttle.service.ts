/**
 * Sign-in throttling that slows a password guesser without locking the real user out. Failures are
 * counted in the database (storage/sign-in-failures.store.ts) under three keys:
 * - an account at one address: a few tries free, then an exponential pause (up to 15 minutes);
 * - an address over all accounts: a generous ceiling, then a pause, against one machine spraying;
 * - an account over all addresses: a pause that grows but is capped (at most one try per 30 seconds),
 *   so that many machines guessing one password are slowed while its owner waits half a minute at most.
 * A successful sign-in clears the account-at-address count.
 */
import { inTransaction, type Database } from '../storage/index.ts';
import { blockSignIns, countSignInFailure, deleteSignInFailures, findSignInFailures } from '../storage/sign-in-failures.store.ts';

/** How the pauses grow, per key kind. */
export interface ThrottlePolicy {
  /** Failures allowed before any pause. */
  free: number;
  /** The first pause; each further failure doubles it. */
  firstPauseMs: number;
  /** The longest pause. */
  maxPauseMs: number;
  /** A count whose last failure is older than this starts again. */
  forgetAfterMs: number;
}

export const SIGN_IN_POLICIES = {
  pair: { free: 3, firstPauseMs: 5_000, maxPauseMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 },
  address: { free: 100, firstPauseMs: 60_000, maxPauseMs: 15 * 60_000, forgetAfterMs: 3_600_000 },
  account: { free: 10, firstPauseMs: 1_000, maxPauseMs: 30_000, forgetAfterMs: 24 * 3_600_000 },
} as const satisfies Record<string, ThrottlePolicy>;

type KeyKind = keyof typeof SIGN_IN_POLICIES;

/** The pause after the `failures`-th failure: none while free, then doubling up to the cap. */
export function pauseAfter(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxPauseMs, policy.firstPauseMs * 2 ** Math.min(30, failures - policy.free));
}

function keysOf(input: { email: string; address: string }): Record<KeyKind, string> {
  const email = input.email.trim().toLowerCase();
  return { pair: `pair:${email}|${input.address}`, address: `address:${input.address}`, account: `account:${email}` };
}

/** Whether a sign-in may be tried now; when not, how many seconds to wait (for Retry-After). */
export async function checkSignIn(
  db: Database,
  input: { email: string; address: string; now?: Date },
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const now = input.now ?? new Date();
  const rows = await findSignInFailures(db, Object.values(keysOf(input)));
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  if (until <= now.getTime()) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
}

/** Counts a failed sign-in under every key and sets each key's pause. */
export async function recordSignInFailure(db: Database, input: { email: string; address: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const keys = keysOf(input);
  await inTransaction(db, async (tx) => {
    for (const kind of Object.keys(keys) as KeyKind[]) {
      const policy = SIGN_IN_POLICIES[kind];
      const failures = await countSignInFailure(tx, { key: keys[kind], now, forgetBefore: new Date(now.getTime() - policy.forgetAfterMs) });
      const pause = pauseAfter(policy, failures);
      await blockSignIns(tx, keys[kind], pause ? new Date(now.getTime() + pause) : null);
    }
  });
}

/** A successful sign-in forgives that account's failures at that address. */
export async function recordSignInSuccess(db: Database, input: { email: string; address: string }): Promise<void> {
  await deleteSignInFailures(db, keysOf(input).pair);
}
