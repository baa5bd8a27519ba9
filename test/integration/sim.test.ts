// `careloop sim` at a tiny size: the same seed writes the same organization (counts and totals), and
// every generated row passes the bulk import's checks.
import { describe, expect, it } from 'vitest';
import { recountMismatches } from '../../src/services/contacts/minute-rollups.js';
import { runScaleSim } from '../../src/sim/scale/run-scale-sim.js';
import { testDatabase } from '../support/db.js';

describe('careloop sim', () => {
  it('is deterministic by seed', async () => {
    const { db, pgPool } = await testDatabase();
    const target = { db, pgPool };
    // A fixed "today" in a year the billing rule packs cover, so runs on any day compare.
    const options = { patients: 300, clinics: 2, months: 8, seed: 42, now: new Date('2026-09-15T16:00:00Z') };
    const first = await runScaleSim(target, options);
    const second = await runScaleSim(target, options);
    expect(second.orgId).not.toBe(first.orgId);
    expect(second.totals).toEqual(first.totals);
    expect(second.tally).toEqual(first.tally);
    expect(first.tally).toMatchObject({ rejected: 0, failedBatches: 0 });
    expect(first.totals).toMatchObject({
      patients: 300,
      screenings: expect.any(Number),
      contacts: first.tally.contacts,
    });
    expect(first.totals.contacts).toBeGreaterThan(0);
    expect(first.totals.loggedMinutes).toBeGreaterThan(first.totals.contacts);
    expect(await recountMismatches(db, first.orgId)).toEqual([]);

    const other = await runScaleSim(target, { ...options, seed: 43 });
    expect(other.totals).not.toEqual(first.totals);
    // Three small organizations on in-memory PGlite take a few seconds each.
  }, 120_000);
});
