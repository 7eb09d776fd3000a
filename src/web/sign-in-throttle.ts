/**
 * Limits sign-in attempts so that passwords cannot be guessed at speed: per address and per email, a
 * number of failures within a window. Kept in memory: one server process, and a restart forgives.
 */
export interface ThrottleLimits {
  windowMs: number;
  /** Failed attempts allowed per IP address in the window. */
  perAddress: number;
  /** Failed attempts allowed per email in the window. */
  perEmail: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { windowMs: 15 * 60_000, perAddress: 30, perEmail: 5 };

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Whether another attempt may be tried now. */
  allows(address: string, email: string): boolean {
    return this.recent(`ip:${address}`).length < this.limits.perAddress && this.recent(`email:${email.toLowerCase()}`).length < this.limits.perEmail;
  }

  recordFailure(address: string, email: string): void {
    for (const key of [`ip:${address}`, `email:${email.toLowerCase()}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  recordSuccess(email: string): void {
    this.failures.delete(`email:${email.toLowerCase()}`);
  }
}
