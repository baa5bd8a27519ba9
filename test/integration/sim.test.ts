// `careloop sim` at a tiny size: the same seed writes the same organization (counts and totals), and
// every generated row passes the bulk import's checks.
import { describe, expect, it } from 'vitest';
import { isValidNpi } from '../../src/domain/billing/identifiers.js';
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
    // Every clinic and patient has the billing identity an 837P needs (2010AA, 2010BA).
    const clinics = await db
      .selectFrom('clinics')
      .select(['billing_npi', 'tax_id', 'address_line1', 'state', 'postal_code'])
      .where('org_id', '=', first.orgId)
      .execute();
    expect(clinics).toHaveLength(2);
    for (const c of clinics) {
      expect(isValidNpi(c.billing_npi ?? '')).toBe(true);
      expect(c).toMatchObject({
        tax_id: expect.stringMatching(/^\d{9}$/),
        postal_code: expect.stringMatching(/^\d{5}-\d{4}$/),
      });
    }
    const pcpNpis = await db
      .selectFrom('users')
      .select('npi')
      .where('org_id', '=', first.orgId)
      .where('npi', 'is not', null)
      .execute();
    expect(pcpNpis.length).toBeGreaterThan(0);
    expect(pcpNpis.every((u) => isValidNpi(u.npi!))).toBe(true);
    const homeless = await db
      .selectFrom('patients')
      .select('id')
      .where('org_id', '=', first.orgId)
      .where('address_line1', 'is', null)
      .execute();
    expect(homeless).toEqual([]);

    const other = await runScaleSim(target, { ...options, seed: 43 });
    expect(other.totals).not.toEqual(first.totals);
    // Three small organizations on in-memory PGlite take a few seconds each.
  }, 120_000);
});
