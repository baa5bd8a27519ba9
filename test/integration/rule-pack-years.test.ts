// Years roll over by themselves: a year without a rule pack bills provisionally under another year's, every reply says so,
// closing such a month needs confirmation, and an admin loads a year's pack as data (HTTP and CLI).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRulePackFile } from '../../src/cli/rule-packs-command.js';
import { cliActor } from '../../src/cli/database.js';
import { MEDICARE_2026 } from '../../src/domain/billing/index.js';
import { AppError } from '../../src/errors.js';
import { saveRulePack } from '../../src/services/billing/rule-packs.js';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

/** A CY2027 Medicare pack for tests only: the 2026 rules under another id and year (not shipped). */
const TEST_2027 = {
  ...structuredClone(MEDICARE_2026),
  id: '2027-medicare-test',
  year: 2027,
  label: 'Test 2027',
};

const provisional2027 = {
  code: 'provisional_rule_pack',
  year: 2027,
  packId: '2026-medicare-v1',
  packYear: 2026,
};

/** The app's clock on a given day, so "now" moves into a year without a pack (the database keeps its own). */
const clockAt = (iso: string) => ({ now: () => new Date(iso) });

/** One consented CoCM episode (Medicare patient) and a care manager to log its minutes. */
async function episodeSetup(org: TestOrg, referredAt: string) {
  const [pcp, cm, billing] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['billing']),
  ]);
  const patientId = (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }))).body
    .id as string;
  const enrolled = await cm.post(`/api/patients/${patientId}/episodes`, {
    program: 'cocm',
    referredAt,
    billingPractitionerId: pcp.id,
    careManagerId: cm.id,
    diagnoses: ['F32.1'],
    primaryMeasure: 'phq-9',
    initiatingVisit: { date: referredAt.slice(0, 10), type: 'em', practitionerId: pcp.id },
    consent: {
      obtainedAt: referredAt,
      method: 'written',
      obtainedBy: cm.id,
      costSharingExplained: true,
      consultationExplained: true,
    },
  });
  if (enrolled.status !== 201) throw new Error(JSON.stringify(enrolled.body));
  const episodeId = enrolled.body.id as string;
  const contact = (occurredAt: string, minutes: number) =>
    cm.post(`/api/episodes/${episodeId}/contacts`, {
      occurredAt,
      minutes,
      staffId: cm.id,
      activity: 'follow_up',
      modality: 'phone',
    });
  return { cm, billing, episodeId, contact };
}

describe('on 5 January 2027 with packs only for 2025 and 2026', () => {
  it('contact logging, the registry and the month preview answer, each with the provisional warning', async () => {
    const org = await newTestOrg(clockAt('2027-01-05T17:00:00Z'));
    const t = await episodeSetup(org, '2026-12-01T15:00:00Z');

    const december = await t.contact('2026-12-10T15:00:00Z', 20);
    expect(december.status).toBe(201);
    expect(december.body.warnings).toEqual([]);
    const january = await t.contact('2027-01-04T15:00:00Z', 40);
    expect(january.status).toBe(201);
    expect(january.body.countsTowardProgram).toBe(true);
    expect(january.body.warnings).toEqual([expect.objectContaining(provisional2027)]);
    expect(january.body.warnings[0].message).toMatch(/2027.*2026-medicare-v1 \(2026\)/);

    const registry = await t.cm.get(`/api/registry?clinicId=${org.clinicId}&asOf=2027-01-05`);
    expect(registry.status).toBe(200);
    expect(registry.body.rows).toHaveLength(1);
    expect(registry.body.rows[0].minutesThisMonth).toBe(40);
    expect(registry.body.warnings).toEqual([expect.objectContaining(provisional2027)]);
    const inDecember = await t.cm.get(`/api/registry?clinicId=${org.clinicId}&asOf=2026-12-20`);
    expect(inDecember.body.warnings).toEqual([]);

    const preview = await t.billing.get(`/api/billing/months/2027-01/preview?clinicId=${org.clinicId}`);
    expect(preview.status).toBe(200);
    expect(preview.body.warnings).toEqual([expect.objectContaining(provisional2027)]);
    // 40 minutes in a subsequent month: 99493 from 31 under the 2026 rules (billing.md §2.1)
    expect(preview.body.totals).toEqual({ '99493': 1 });
    const decPreview = await t.billing.get(`/api/billing/months/2026-12/preview?clinicId=${org.clinicId}`);
    expect(decPreview.body.warnings).toEqual([]);
  });
});

describe('closing a provisionally priced month', () => {
  it('needs confirmProvisional: refused with the reason and nothing written, then closed with the warning', async () => {
    const org = await newTestOrg(clockAt('2027-02-02T17:00:00Z'));
    const t = await episodeSetup(org, '2026-12-01T15:00:00Z');
    expect((await t.contact('2027-01-12T15:00:00Z', 45)).status).toBe(201);
    const close = (body?: unknown) =>
      t.billing.request('POST', `/api/billing/months/2027-01/close?clinicId=${org.clinicId}`, body);

    for (const body of [undefined, {}, { confirmProvisional: false }]) {
      const refused = await close(body);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('RULE_VIOLATION');
      expect(refused.body.error.issues[0].field).toBe('confirmProvisional');
      expect(refused.body.error.message).toMatch(/2027.*2026-medicare-v1/);
    }
    const notClosed = await t.billing.get(`/api/billing/months/2027-01/claims?clinicId=${org.clinicId}`);
    expect(notClosed.status).toBe(422);
    const months = await org.db
      .selectFrom('billing_months')
      .select('month')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(months).toEqual([]);

    const confirmed = await close({ confirmProvisional: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ month: '2027-01', status: 'closed', claims: 1 });
    expect(confirmed.body.warnings).toEqual([expect.objectContaining(provisional2027)]);
    const claims = await t.billing.get(`/api/billing/months/2027-01/claims?clinicId=${org.clinicId}`);
    expect(claims.status).toBe(200);
    expect(claims.body.warnings).toEqual([expect.objectContaining(provisional2027)]);
    // 45 minutes in the episode's first service month: 99492 from 36 under the 2026 rules (billing.md §2.1)
    expect(claims.body.claims[0]).toMatchObject({ code: '99492', rulePackId: '2026-medicare-v1' });
    expect(claims.body.claims[0].reasons).toContain(confirmed.body.warnings[0].message);

    // Once the year's pack is loaded, the month closes again as final, without confirmation.
    expect((await org.admin.post('/api/billing/rule-packs', TEST_2027)).status).toBe(201);
    const final = await close();
    expect(final.status).toBe(200);
    expect(final.body.warnings).toEqual([]);
    const finalClaims = await t.billing.get(`/api/billing/months/2027-01/claims?clinicId=${org.clinicId}`);
    expect(finalClaims.body.warnings).toEqual([]);
    expect(finalClaims.body.claims[0].rulePackId).toBe('2027-medicare-test');
  });

  it('a year before every pack uses the earliest pack, provisionally, for logging, preview and close', async () => {
    const org = await newTestOrg();
    const t = await episodeSetup(org, '2024-10-01T15:00:00Z');
    const logged = await t.contact('2024-11-05T15:00:00Z', 40);
    expect(logged.status).toBe(201);
    const before = { code: 'provisional_rule_pack', year: 2024, packId: '2025-medicare-v1', packYear: 2025 };
    expect(logged.body.warnings).toEqual([expect.objectContaining(before)]);
    const preview = await t.billing.get(`/api/billing/months/2024-11/preview?clinicId=${org.clinicId}`);
    expect(preview.status).toBe(200);
    expect(preview.body.warnings).toEqual([expect.objectContaining(before)]);
    const path = `/api/billing/months/2024-11/close?clinicId=${org.clinicId}`;
    expect((await t.billing.post(path)).status).toBe(422);
    const closed = await t.billing.post(path, { confirmProvisional: true });
    expect(closed.status).toBe(200);
    expect(closed.body.warnings).toEqual([expect.objectContaining(before)]);
  });
});

describe('POST /api/billing/rule-packs loads a year’s pack as data', () => {
  const stored = (org: TestOrg) =>
    org.db
      .selectFrom('billing_pack_overrides')
      .select(['year', 'payer', 'kind'])
      .where('org_id', '=', org.orgId)
      .orderBy('year')
      .orderBy('payer')
      .execute();

  it('takes a whole Medicare pack for a new year, then a payer override on it', async () => {
    const org = await newTestOrg();
    const loaded = await org.admin.post('/api/billing/rule-packs', TEST_2027);
    expect(loaded.status).toBe(201);
    expect(loaded.body).toMatchObject({ id: '2027-medicare-test', year: 2027, payer: 'medicare' });
    const override = await org.admin.post('/api/billing/rule-packs', {
      year: 2027,
      payer: 'commercial',
      override: { unitCaps: { '99494': 2 } },
    });
    expect(override.status).toBe(201);
    expect(override.body).toMatchObject({ year: 2027, payer: 'commercial', unitCaps: { '99494': 2 } });
    const list = await org.admin.get('/api/billing/rule-packs');
    expect(list.body.packs.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([
        '2025-medicare-v1',
        '2026-medicare-v1',
        '2027-medicare-test',
        '2027-commercial-override',
      ]),
    );
    expect(await stored(org)).toEqual([
      { year: 2027, payer: 'commercial', kind: 'override' },
      { year: 2027, payer: 'medicare', kind: 'pack' },
    ]);
    const billing = await org.user(['billing']);
    expect((await billing.post('/api/billing/rule-packs', TEST_2027)).status).toBe(403);
  });

  it.each([
    [
      'a threshold above its own unit (rule-pack schema)',
      {
        ...TEST_2027,
        cocm: {
          ...TEST_2027.cocm,
          initial: { ...TEST_2027.cocm.initial, base: { code: '99492', unitMinutes: 70, fromMinutes: 90 } },
        },
      },
      'cocm.initial.base.fromMinutes',
    ],
    ['an unknown payer', { ...TEST_2027, payer: 'medicare_advantage' }, 'payer'],
    ['a year outside the schema', { ...TEST_2027, year: 1999 }, 'year'],
    ['notes not an array', { ...TEST_2027, notes: 'x' }, 'notes'],
    ['an id another pack has', { ...TEST_2027, id: '2026-medicare-v1' }, 'id'],
    [
      'an override whose notes is not an array',
      { year: 2026, payer: 'commercial', override: { notes: 7 } },
      'override.notes',
    ],
    [
      'an override whose notes is a string',
      { year: 2026, payer: 'commercial', override: { notes: 'abc' } },
      'override.notes',
    ],
    ['an override of Medicare', { year: 2026, payer: 'medicare', override: { unitCaps: {} } }, 'payer'],
    ['an override for a year with no Medicare pack', { year: 2029, payer: 'medicaid', override: {} }, 'year'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_name, body, field) => {
    const org = await newTestOrg();
    const res = await org.admin.post('/api/billing/rule-packs', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toContain(field);
    expect(await stored(org)).toEqual([]);
  });
});

describe('careloop rule-packs import', () => {
  const file = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'careloop-pack-')), 'pack.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('loads a valid file as the organization’s admin; a bad one names the field and stores nothing', async () => {
    const org = await newTestOrg();
    const actor = await cliActor(org.db, org.orgId);
    const pack = await saveRulePack({ db: org.db, actor, input: await readRulePackFile(file(TEST_2027)) });
    expect(pack).toMatchObject({ id: '2027-medicare-test', year: 2027 });

    const bad = readRulePackFile(
      file({ ...TEST_2027, year: 2028, counting: { ...TEST_2027.counting, countInpatientTime: 'no' } }),
    );
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(bad).rejects.toMatchObject({ issues: [{ field: 'counting.countInpatientTime' }] });
    await expect(readRulePackFile(file('{ not json'))).rejects.toMatchObject({ issues: [{ field: 'file' }] });
    const rows = await org.db
      .selectFrom('billing_pack_overrides')
      .select('year')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(rows).toEqual([{ year: 2027 }]);
  });

  it('exits non-zero with the field on standard error for an invalid file, before opening any database', () => {
    const bad = file({ ...TEST_2027, cocm: { ...TEST_2027.cocm, newEpisodeGapMonths: 0 } });
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'rule-packs', 'import', bad],
      {
        encoding: 'utf8',
        env: { ...process.env, CARELOOP_DATA_DIR: join(tmpdir(), 'careloop-never-opened'), DATABASE_URL: '' },
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cocm.newEpisodeGapMonths');
  });
});
