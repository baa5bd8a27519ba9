// Consent as CMS asks, withdrawal, re-consent after a practitioner change, the initiating visit, inpatient
// contacts and the practitioner of the month, over HTTP (billing.md §1, §9a).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse837p } from '../../src/services/billing/exports/claims-837p.js';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

const MONTH = '2026-10';
const EXPLAINED = { costSharingExplained: true, consultationExplained: true };

async function setup(org: TestOrg) {
  const [pcp, pcp2, cm, billing] = await Promise.all([
    org.user(['pcp']),
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['billing']),
  ]);
  await org.db
    .updateTable('users')
    .set({ npi: '1234567893', given_name: 'Alma', family_name: 'de la Cruz' })
    .where('id', '=', pcp.id)
    .execute();
  await org.db
    .updateTable('users')
    .set({ npi: '1245319599', given_name: 'Ike', family_name: 'Obi' })
    .where('id', '=', pcp2.id)
    .execute();
  await org.admin.patch(`/api/clinics/${org.clinicId}`, {
    billingNpi: '1245319599',
    taxId: '12-3456789',
    address: { line1: '100 Main St', city: 'Albany', state: 'NY', postalCode: '12207' },
  });
  // Exports carry the practice's charges, so the month's codes need a price.
  const priced = await billing.put('/api/billing/charge-schedule', {
    entries: ['99492', '99493', '99494', 'G2214'].map((code) => ({ code, clinicId: null, price: 150 })),
  });
  if (priced.status !== 200) throw new Error(JSON.stringify(priced.body));
  const patient = async () =>
    (
      await org.admin.post(
        '/api/patients',
        patientBody(org.clinicId, {
          pcpId: pcp.id,
          address: { line1: '5 Elm Ln', city: 'Troy', state: 'NY', postalCode: '12180' },
        }),
      )
    ).body.id as string;
  const enroll = async (overrides: Record<string, unknown> = {}) => {
    const res = await cm.post(`/api/patients/${await patient()}/episodes`, {
      program: 'cocm',
      referredAt: '2026-10-01T14:00:00Z',
      billingPractitionerId: pcp.id,
      careManagerId: cm.id,
      diagnoses: ['F32.1'],
      primaryMeasure: 'phq-9',
      initiatingVisit: { date: '2026-09-15', type: 'awv', practitionerId: pcp.id },
      consent: { obtainedAt: '2026-10-02T15:00:00Z', method: 'verbal', obtainedBy: cm.id, ...EXPLAINED },
      ...overrides,
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body.id as string;
  };
  const contact = (episodeId: string, occurredAt: string, minutes: number, extra: object = {}) =>
    cm.post(`/api/episodes/${episodeId}/contacts`, {
      occurredAt,
      minutes,
      staffId: cm.id,
      activity: 'follow_up',
      modality: 'phone',
      ...extra,
    });
  const preview = async (month = MONTH) =>
    (await billing.get(`/api/billing/months/${month}/preview?clinicId=${org.clinicId}`)).body;
  const close = async (month = MONTH) => {
    const res = await billing.post(`/api/billing/months/${month}/close?clinicId=${org.clinicId}`);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  };
  const claims = async (month = MONTH) =>
    (await billing.get(`/api/billing/months/${month}/claims?clinicId=${org.clinicId}`)).body;
  return { pcp, pcp2, cm, billing, enroll, contact, preview, close, claims };
}

const skipReason = (body: any, episodeId: string): string =>
  body.episodes.find((e: any) => e.episodeId === episodeId)?.skipped?.reason ?? '';

describe('consent records what the patient was told (billing.md §1)', () => {
  it.each([
    [{}, ['cost sharing', 'consultation with specialists']],
    [{ costSharingExplained: true }, ['consultation with specialists']],
    [{ consultationExplained: true }, ['cost sharing']],
  ])('a consent with %j saves, and the month is skipped naming %j', async (told, missing) => {
    const org = await newTestOrg();
    const s = await setup(org);
    const episodeId = await s.enroll({
      consent: { obtainedAt: '2026-10-02T15:00:00Z', method: 'written', obtainedBy: s.cm.id, ...told },
    });
    const episode = await s.cm.get(`/api/episodes/${episodeId}`);
    expect(episode.body.episode?.status ?? episode.body.status).toBe('active');
    await s.contact(episodeId, '2026-10-05T15:00:00Z', 40);
    const reason = skipReason(await s.preview(), episodeId);
    for (const element of missing) expect(reason).toContain(element);
    expect(reason).toContain('billing.md §1');
    if (missing.length === 1)
      expect(reason).not.toContain(missing[0] === 'cost sharing' ? 'consultation' : 'cost sharing');
  });
});

describe('withdrawal (billing.md §1)', () => {
  it('stops minutes counting from its time, is audited, and skips later months until consent again', async () => {
    const org = await newTestOrg();
    const s = await setup(org);
    const episodeId = await s.enroll();
    await s.contact(episodeId, '2026-10-05T15:00:00Z', 40);
    await s.contact(episodeId, '2026-10-20T15:00:00Z', 50); // 90 min would be 99492 + 99494
    const early = await s.cm.post(`/api/episodes/${episodeId}/consent/withdraw`, {
      withdrawnAt: '2026-09-01T15:00:00Z',
      recordedBy: s.cm.id,
    });
    expect(early.status).toBe(400);
    expect(early.body.error.issues[0].field).toBe('withdrawnAt');
    const res = await s.cm.post(`/api/episodes/${episodeId}/consent/withdraw`, {
      withdrawnAt: '2026-10-15T15:00:00Z',
      recordedBy: s.cm.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.consent).toMatchObject({
      withdrawnAt: '2026-10-15T15:00:00.000Z',
      withdrawalRecordedBy: s.cm.id,
    });
    const again = await s.cm.post(`/api/episodes/${episodeId}/consent/withdraw`, {
      withdrawnAt: '2026-10-16T15:00:00Z',
      recordedBy: s.cm.id,
    });
    expect(again.status).toBe(409);

    await s.close();
    const october = await s.claims();
    expect(october.claims.map((c: any) => [c.code, c.minutes])).toEqual([['99492', 40]]);
    const november = await s.preview('2026-11');
    expect(skipReason(november, episodeId)).toContain('consent withdrawn 2026-10-15, before 2026-11 began');

    const audit = await org.admin.get('/api/audit?action=episode.consent_withdraw');
    expect(audit.body.events).toHaveLength(1);
    expect(JSON.stringify(audit.body.events[0].details ?? {})).not.toMatch(/Patient|Test/);

    // A new consent must come after the withdrawal; then later months bill again.
    const backdated = await s.cm.post(`/api/episodes/${episodeId}/consent`, {
      obtainedAt: '2026-10-10T15:00:00Z',
      method: 'verbal',
      obtainedBy: s.cm.id,
      ...EXPLAINED,
    });
    expect(backdated.status).toBe(422);
    const renewed = await s.cm.post(`/api/episodes/${episodeId}/consent`, {
      obtainedAt: '2026-11-02T15:00:00Z',
      method: 'verbal',
      obtainedBy: s.cm.id,
      ...EXPLAINED,
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.consent.withdrawnAt).toBeNull();
    await s.contact(episodeId, '2026-11-05T15:00:00Z', 40);
    const after = await s.preview('2026-11');
    expect(after.episodes.find((e: any) => e.episodeId === episodeId).lines.map((l: any) => l.code)).toEqual([
      '99493',
    ]);
    // October, re-closed, still stops at the withdrawal.
    await s.close();
    expect((await s.claims()).claims.map((c: any) => [c.code, c.minutes])).toEqual([['99492', 40]]);
  });
});

describe('a new billing practitioner (billing.md §1, claims of the month)', () => {
  it('keeps closed months with their practitioner and asks for consent again before billing the next', async () => {
    const org = await newTestOrg();
    const s = await setup(org);
    const episodeId = await s.enroll();
    await s.contact(episodeId, '2026-10-05T15:00:00Z', 40);
    await s.close();
    expect((await s.claims()).claims.map((c: any) => c.billingPractitionerId)).toEqual([s.pcp.id]);

    // A consent already on file refuses a second one while the practitioner is unchanged.
    const twice = await s.cm.post(`/api/episodes/${episodeId}/consent`, {
      obtainedAt: '2026-10-03T15:00:00Z',
      method: 'verbal',
      obtainedBy: s.cm.id,
      ...EXPLAINED,
    });
    expect(twice.status).toBe(409);

    const changed = await s.cm.patch(`/api/episodes/${episodeId}`, { billingPractitionerId: s.pcp2.id });
    expect(changed.status).toBe(200);
    // Re-closing October keeps October's practitioner, in the claims and in the 837P's 2310B.
    await s.close();
    expect((await s.claims()).claims.map((c: any) => c.billingPractitionerId)).toEqual([s.pcp.id]);
    const edi = await s.billing.get(`/api/billing/months/${MONTH}/claims.837p?clinicId=${org.clinicId}`);
    expect(edi.status).toBe(200);
    expect(parse837p(edi.body).renderingProviders.map((p) => p.id)).toEqual(['1234567893']);

    // This month (the change happened now): skipped until the patient consents again.
    const thisMonth = new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' }).slice(0, 7);
    await s.contact(episodeId, new Date().toISOString(), 40);
    expect(skipReason(await s.preview(thisMonth), episodeId)).toMatch(
      /the billing practitioner changed on \d{4}-\d{2}-\d{2} and the consent on file \(2026-10-02\) predates it/,
    );
    const renewed = await s.cm.post(`/api/episodes/${episodeId}/consent`, {
      obtainedAt: new Date().toISOString(),
      method: 'written',
      obtainedBy: s.cm.id,
      ...EXPLAINED,
    });
    expect(renewed.status).toBe(200);
    const consented = skipReason(await s.preview(thisMonth), episodeId);
    expect(consented).not.toContain('predates');
    // The new practitioner has not seen the patient: the episode's initiating visit was with the first one.
    expect(consented).toContain('was with another practitioner');
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
    await s.cm.patch(`/api/episodes/${episodeId}`, {
      initiatingVisit: { date: today, type: 'em', practitionerId: s.pcp2.id },
    });
    const after = await s.preview(thisMonth);
    expect(skipReason(after, episodeId)).toBe('');
    expect(after.episodes.find((e: any) => e.episodeId === episodeId).lines.map((l: any) => l.code)).toEqual([
      '99493',
    ]);
  });
});

describe('the initiating visit (billing.md §1)', () => {
  it('skips a month without one, and the CSV carries the recorded date, not the referral', async () => {
    const org = await newTestOrg();
    const s = await setup(org);
    const episodeId = await s.enroll({ initiatingVisit: undefined });
    await s.contact(episodeId, '2026-10-05T15:00:00Z', 40);
    expect(skipReason(await s.preview(), episodeId)).toContain('no initiating visit recorded');

    const other = await s.cm.patch(`/api/episodes/${episodeId}`, {
      initiatingVisit: { date: '2026-09-15', type: 'em', practitionerId: s.pcp2.id },
    });
    expect(other.status).toBe(200);
    expect(skipReason(await s.preview(), episodeId)).toContain('was with another practitioner');

    const bad = await s.cm.patch(`/api/episodes/${episodeId}`, {
      initiatingVisit: { date: '2026-09-15', type: 'xray', practitionerId: s.cm.id },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.field)).toContain('initiatingVisit.type');

    const set = await s.cm.patch(`/api/episodes/${episodeId}`, {
      initiatingVisit: { date: '2026-09-15', type: 'ippe', practitionerId: s.pcp.id },
    });
    expect(set.body.initiatingVisit).toEqual({ date: '2026-09-15', type: 'ippe', practitionerId: s.pcp.id });
    await s.close();
    const csv = await s.billing.get(`/api/billing/months/${MONTH}/claims.csv?clinicId=${org.clinicId}`);
    const rows: Record<string, string>[] = parse(csv.body, { columns: true });
    expect(rows.map((r) => [r.code, r.initiating_visit_date, r.consent_date])).toEqual([
      ['99492', '2026-09-15', '2026-10-02'],
    ]);
  });
});

describe('inpatient or observation contacts (billing.md §1)', () => {
  it('records the mark and does not count the minutes', async () => {
    const org = await newTestOrg();
    const s = await setup(org);
    const episodeId = await s.enroll();
    await s.contact(episodeId, '2026-10-05T15:00:00Z', 20);
    const inpatient = await s.contact(episodeId, '2026-10-06T15:00:00Z', 30, { duringInpatientStay: true });
    expect(inpatient.status).toBe(201);
    expect(inpatient.body).toMatchObject({ duringInpatientStay: true, countsTowardProgram: false });
    expect(inpatient.body.reason).toContain('inpatient or in observation');
    const episode = (await s.preview()).episodes.find((e: any) => e.episodeId === episodeId);
    expect(episode.countedMinutes).toBe(20);
    expect(episode.lines.map((l: any) => l.code)).toEqual(['G2214']);
  });
});

describe('the 837P bills as the clinic group with a rendering provider (billing.md §9a)', () => {
  it('writes NM1*85*2 with the group NPI and 2310B NM1*82*1 from structured names', async () => {
    const org = await newTestOrg();
    const s = await setup(org);
    await s.contact(await s.enroll(), '2026-10-05T15:00:00Z', 40);
    await s.close();
    const res = await s.billing.get(`/api/billing/months/${MONTH}/claims.837p?clinicId=${org.clinicId}`);
    expect(res.status).toBe(200);
    const parsed = parse837p(res.body);
    expect(parsed.billingProviders.map((p) => [p.entityType, p.lastName, p.id])).toEqual([
      ['2', 'TEST CLINIC', '1245319599'],
    ]);
    // The display name ("pcp 1") is never split: the structured family and given names are used.
    expect(parsed.renderingProviders.map((p) => [p.entityType, p.lastName, p.firstName, p.id])).toEqual([
      ['1', 'DE LA CRUZ', 'ALMA', '1234567893'],
    ]);
    // 2310B sits in the claim, after HI and before the first service line.
    expect(res.body).toMatch(/~HI\*[^~]*~NM1\*82\*1\*DE LA CRUZ\*ALMA\*\*\*\*XX\*1234567893~LX\*1~/);
  });

  it('refuses the 837P while the billing practitioner has no structured name', async () => {
    const org = await newTestOrg();
    const s = await setup(org);
    await s.contact(await s.enroll(), '2026-10-05T15:00:00Z', 40);
    await s.close();
    await org.db.updateTable('users').set({ family_name: null }).where('id', '=', s.pcp.id).execute();
    const res = await s.billing.get(`/api/billing/months/${MONTH}/claims.837p?clinicId=${org.clinicId}`);
    expect(res.status).toBe(422);
    expect(res.body.error.issues.map((i: any) => i.field)).toEqual([
      `billingPractitioners.${s.pcp.id}.familyName`,
    ]);
  });
});
