// The demo organization: a CoCM registry with every episode status and flag, the same from the same seed.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { EPISODE_STATUSES } from '../../src/domain/registry/episode-status.js';
import { isValidNpi } from '../../src/domain/billing/identifiers.js';
import { FLAG_CODES } from '../../src/domain/registry/flags.js';
import { createApp } from '../../src/http/app.js';
import { LoginThrottle } from '../../src/services/auth/login-throttle.js';
import { parse837p } from '../../src/services/billing/exports/claims-837p.js';
import { readRegistry, registryQuery, type RegistryRow } from '../../src/services/registry/registry-view.js';
import { DEMO_PASSWORD, seedDemo, type DemoResult } from '../../src/sim/demo.js';
import { Client } from '../support/api.js';
import { testDatabase } from '../support/db.js';

// After the 15th of the month: minutes_at_risk looks at a month's minutes only past mid-month.
const NOW = new Date('2026-10-20T18:30:00Z');
const AS_OF = '2026-10-20';
const SEED = 1;
// A few caseload episodes per care manager keep the suite fast; `npm start` adds DEMO_CASELOAD.
const CASELOAD = 4;

async function registryRows(demo: DemoResult): Promise<RegistryRow[]> {
  const { db } = await testDatabase();
  const actor = {
    orgId: demo.orgId,
    userId: demo.staff.admin!,
    roles: ['admin' as const],
    clinicIds: demo.clinicIds,
  };
  const rows: RegistryRow[] = [];
  for (const status of EPISODE_STATUSES) {
    const query = registryQuery.parse({ status, asOf: AS_OF, limit: 5000 });
    rows.push(...(await readRegistry({ db, actor, now: new Date(), query })).rows);
  }
  return rows;
}

const countBy = (values: readonly string[]): Record<string, number> =>
  values.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});

/** What a registry user sees of each episode, independent of generated ids. */
const fingerprint = (rows: readonly RegistryRow[]) =>
  rows
    .map((r) => ({
      mrn: r.patient.mrn,
      status: r.status,
      flags: r.flags.map((f) => f.code),
      referredAt: r.referredAt,
      baseline: r.baselineScore,
      latest: r.latestScore,
      contacts: r.contactCount,
      lastContactAt: r.lastContactAt,
      minutesThisMonth: r.minutesThisMonth,
      lastCaseReviewAt: r.lastCaseReviewAt,
    }))
    .sort((a, b) => a.mrn.localeCompare(b.mrn));

describe('the demo organization', () => {
  const suffix = randomUUID().slice(0, 8);
  let demo: DemoResult;
  let again: DemoResult;
  let rows: RegistryRow[];

  beforeAll(async () => {
    const { db } = await testDatabase();
    demo = await seedDemo(db, { seed: SEED, now: NOW, suffix: `${suffix}a`, caseload: CASELOAD });
    again = await seedDemo(db, { seed: SEED, now: NOW, suffix: `${suffix}b`, caseload: CASELOAD });
    rows = await registryRows(demo);
    // Two whole demo organizations, each with its caseloads: more than the default hook time on a busy machine.
  }, 300_000);

  it('has episodes in every status, discharged for several reasons', async () => {
    const byStatus = countBy(rows.map((r) => r.status));
    for (const status of EPISODE_STATUSES) expect(byStatus[status], status).toBeGreaterThan(0);
    const { db } = await testDatabase();
    const reasons = await db
      .selectFrom('episodes')
      .select('discharge_reason')
      .distinct()
      .where('org_id', '=', demo.orgId)
      .where('status', '=', 'discharged')
      .execute();
    expect(reasons.map((r) => r.discharge_reason)).toContain('completed');
    expect(reasons.length).toBeGreaterThanOrEqual(3);
  });

  it('shows every registry flag on at least one open episode', () => {
    const open = rows.filter((r) => r.status !== 'discharged');
    const byFlag = countBy(open.flatMap((r) => r.flags.map((f) => f.code)));
    for (const code of FLAG_CODES) expect(byFlag[code] ?? 0, code).toBeGreaterThan(0);
  });

  it('enrolls a quarter to a third of the patients who screened positive, with billable months', async () => {
    const { db } = await testDatabase();
    const positive = await db
      .selectFrom('screenings')
      .select(sql<number>`count(distinct patient_id)::int`.as('patients'))
      .where('org_id', '=', demo.orgId)
      .where('instrument', 'in', ['phq-9', 'gad-7'])
      .where('positive', '=', true)
      .executeTakeFirstOrThrow();
    const share = demo.episodeCount / positive.patients;
    expect(share).toBeGreaterThanOrEqual(0.2);
    // The caseload's panel refers a quarter of positive screens per visit, about a third of patients over a year.
    expect(share).toBeLessThanOrEqual(0.35);
    // 99493 from 31 minutes in a subsequent month: docs/domain/billing.md §2.1.
    expect(rows.some((r) => r.minutesThisMonth >= 31)).toBe(true);
  });

  it('builds the same registry from the same seed and day', async () => {
    const { orgId: _a, clinicIds: _b, staff: _c, adminEmail: _d, ...counts } = demo;
    const { orgId: _e, clinicIds: _f, staff: _g, adminEmail: _h, ...countsAgain } = again;
    expect(countsAgain).toEqual(counts);
    expect(fingerprint(await registryRows(again))).toEqual(fingerprint(rows));
  });

  it('adds the caseload to every care manager, with a year of contacts', async () => {
    const open = rows.filter((r) => r.status !== 'discharged');
    const careManagers = Object.entries(demo.staff).filter(([key]) => /^cm2?\./.test(key));
    expect(careManagers).toHaveLength(4);
    const perCareManager = countBy(open.map((r) => r.careManagerId ?? ''));
    for (const [key, id] of careManagers)
      expect(perCareManager[id] ?? 0, key).toBeGreaterThanOrEqual(CASELOAD);
    const { db } = await testDatabase();
    const first = await db
      .selectFrom('contacts')
      .select(sql<Date>`min(occurred_at)`.as('at'))
      .where('org_id', '=', demo.orgId)
      .executeTakeFirstOrThrow();
    expect(NOW.getTime() - new Date(first.at).getTime()).toBeGreaterThan(300 * 86_400_000);
  });

  it('lets a demo care manager sign in and read their clinic’s registry', async () => {
    const { db } = await testDatabase();
    const app = createApp({
      db,
      logger: pino({ level: 'silent' }),
      throttle: new LoginThrottle(),
      sessionHours: 1,
    });
    const login = await new Client(app).post('/api/auth/login', {
      email: `cm.riverside+${suffix}a@demo.careloop.test`,
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    const res = await new Client(app, login.body.token).get(`/api/registry?asOf=${AS_OF}`);
    expect(res.status).toBe(200);
    expect(res.body.rows.length).toBeGreaterThan(0);
    expect(new Set(res.body.rows.map((r: RegistryRow) => r.clinicId))).toEqual(new Set([demo.clinicIds[0]]));
  });

  it('closes last month and exports a complete 837P: clinic, practitioners and patients have billing identities', async () => {
    const { db } = await testDatabase();
    const app = createApp({
      db,
      logger: pino({ level: 'silent' }),
      throttle: new LoginThrottle(),
      sessionHours: 1,
    });
    const login = await new Client(app).post('/api/auth/login', {
      email: `billing+${suffix}a@demo.careloop.test`,
      password: DEMO_PASSWORD,
    });
    const billing = new Client(app, login.body.token);
    for (const clinicId of demo.clinicIds) {
      const closed = await billing.post(`/api/billing/months/2026-09/close?clinicId=${clinicId}`);
      expect(closed.status).toBe(200);
      expect(closed.body.claims).toBeGreaterThan(0);
      const res = await billing.get(`/api/billing/months/2026-09/claims.837p?clinicId=${clinicId}`);
      expect(res.status).toBe(200);
      const parsed = parse837p(res.body);
      expect(parsed.claims).toBeGreaterThan(0);
      for (const provider of parsed.billingProviders) {
        expect(isValidNpi(provider.id)).toBe(true);
        expect(provider.street).not.toBeNull();
        expect(provider.cityStateZip?.[2]).toMatch(/^\d{9}$/);
        expect(provider.refs.EI).toMatch(/^\d{9}$/);
      }
      for (const subscriber of parsed.subscribers) {
        expect(subscriber.street).not.toBeNull();
        expect(subscriber.cityStateZip?.[2]).toMatch(/^\d{5}$/);
      }
    }
  });

  it('refuses a demo dated in the future', async () => {
    const { db } = await testDatabase();
    const later = new Date(Date.now() + 30 * 86_400_000);
    await expect(seedDemo(db, { seed: SEED, now: later, suffix: `${suffix}c` })).rejects.toThrow(RangeError);
  });
});
