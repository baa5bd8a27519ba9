// Slows password guessing with exponential back-off per email and per client address, kept in the
// database: an attempt is admitted and counted in one locked transaction, so parallel requests and
// other server processes see every attempt. A back-off is a wait, never a lock: after it, one more try.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';

export interface ThrottlePolicy {
  /** Attempts allowed in a row before the first wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
  /** A key with no attempt for this long starts over. */
  forgetMs: number;
}

const DEFAULT_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  baseMs: 30_000,
  maxMs: 15 * 60_000,
  forgetMs: 24 * 3_600_000,
};

const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

export class LoginThrottle {
  constructor(private readonly policy: ThrottlePolicy = DEFAULT_POLICY) {}

  /** The wait after `failures` failures in a row: none before the free ones are used, then doubling to the cap. */
  waitAfter(failures: number): number {
    const over = failures - this.policy.freeFailures;
    return over < 0 ? 0 : Math.min(this.policy.baseMs * 2 ** over, this.policy.maxMs);
  }

  /**
   * Admits one attempt for all `keys`, counting it as a failure until `succeeded` says otherwise, or
   * returns the milliseconds to wait (and counts nothing).
   */
  async admit(db: Db, keys: readonly string[], now: Date): Promise<number> {
    const hashes = [...new Set(keys.map(keyHash))].sort();
    return db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sign_in_throttle')
        .values(hashes.map((key_hash) => ({ key_hash, failures: 0, blocked_until: null, updated_at: now })))
        .onConflict((oc) => oc.column('key_hash').doNothing())
        .execute();
      const rows = await trx
        .selectFrom('sign_in_throttle')
        .selectAll()
        .where('key_hash', 'in', hashes)
        .orderBy('key_hash')
        .forUpdate()
        .execute();
      const wait = Math.max(0, ...rows.map((r) => (r.blocked_until?.getTime() ?? 0) - now.getTime()));
      if (wait > 0) return wait;
      for (const row of rows) {
        const stale = now.getTime() - row.updated_at.getTime() > this.policy.forgetMs;
        const failures = (stale ? 0 : row.failures) + 1;
        const next = this.waitAfter(failures);
        await trx
          .updateTable('sign_in_throttle')
          .set({ failures, blocked_until: next > 0 ? new Date(now.getTime() + next) : null, updated_at: now })
          .where('key_hash', '=', row.key_hash)
          .execute();
      }
      return 0;
    });
  }

  /**
   * The admitted attempt was right: the account starts over, and each address gets its attempt back (an
   * address is not cleared by one good sign-in, or guessing could be interleaved with one's own account).
   */
  async succeeded(db: Db, account: string, addresses: readonly string[]): Promise<void> {
    await db.deleteFrom('sign_in_throttle').where('key_hash', '=', keyHash(account)).execute();
    if (addresses.length === 0) return;
    const failures = sql<number>`greatest(failures - 1, 0)`;
    await db
      .updateTable('sign_in_throttle')
      .set({
        failures,
        blocked_until: sql`case when failures - 1 >= ${this.policy.freeFailures} then blocked_until end`,
      })
      .where('key_hash', 'in', addresses.map(keyHash))
      .execute();
  }
}
