// Slows password guessing: after repeated failures for one email or one address, refuse for a while.
export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: ThrottleOptions = {
      maxFailures: 5,
      windowMs: 15 * 60_000,
      lockMs: 15 * 60_000,
    },
  ) {}

  /** Milliseconds until any of the keys may try again; 0 when none is locked. */
  retryAfterMs(keys: string[], now = Date.now()): number {
    return Math.max(0, ...keys.map((k) => (this.entries.get(k)?.lockedUntil ?? 0) - now));
  }

  recordFailure(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const entry = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
      entry.failures = [...entry.failures.filter((t) => now - t < this.options.windowMs), now];
      if (entry.failures.length >= this.options.maxFailures) {
        entry.lockedUntil = now + this.options.lockMs;
        entry.failures = [];
      }
      this.entries.set(key, entry);
    }
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}
