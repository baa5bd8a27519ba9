// Operations figures over HTTP, hand-computed: screen to first BH contact, triage reach, contact and review rates, yield.
import { describe, expect, it } from 'vitest';
import { newTestOrg, type TestOrg } from '../support/api.js';

const NOW = new Date('2026-04-10T16:00:00Z');

async function seed(org: TestOrg) {
  const [pcp, cm, psych] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['psychiatric_consultant']),
  ]);
  const patient = async (i: number) =>
    (
      await org.db
        .insertInto('patients')
        .values({
          org_id: org.orgId,
          clinic_id: org.clinicId,
          mrn: `OPS-${i}-${org.orgId.slice(0, 8)}`,
          given_name: 'Op',
          family_name: `Eration${i}`,
          birth_date: '1970-01-01',
          sex: 'male',
          pcp_id: pcp.id,
          payer: 'medicare',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const screen = async (patientId: string, at: string, positive: boolean, dueBy?: string) => {
    const s = await org.db
      .insertInto('screenings')
      .values({
        org_id: org.orgId,
        clinic_id: org.clinicId,
        patient_id: patientId,
        instrument: 'phq-9',
        answers: JSON.stringify([]),
        administered_at: at,
        total: positive ? 14 : 3,
        severity: null,
        positive,
        flags: [],
        reasons: JSON.stringify([]),
        item9: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (dueBy)
      await org.db
        .insertInto('triage_items')
        .values({
          org_id: org.orgId,
          clinic_id: org.clinicId,
          patient_id: patientId,
          screening_id: s.id,
          disposition: 'bh_referral',
          reasons: JSON.stringify([]),
          rules_fired: [],
          due_by: dueBy,
        })
        .execute();
  };
  const episode = async (patientId: string, enrolledAt: string, dischargedAt: string | null = null) =>
    (
      await org.db
        .insertInto('episodes')
        .values({
          org_id: org.orgId,
          clinic_id: org.clinicId,
          patient_id: patientId,
          program: 'cocm',
          status: dischargedAt ? 'discharged' : 'active',
          referred_at: enrolledAt,
          enrolled_at: enrolledAt,
          discharged_at: dischargedAt,
          discharge_reason: dischargedAt ? 'completed' : null,
          billing_practitioner_id: pcp.id,
          care_manager_id: cm.id,
          pcp_id: pcp.id,
          diagnoses: ['F32.1'],
          primary_measure: 'phq-9',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const contact = async (
    episodeId: string,
    patientId: string,
    at: string,
    staff: { id: string; role: string },
    amends?: string,
  ) =>
    (
      await org.db
        .insertInto('contacts')
        .values({
          org_id: org.orgId,
          episode_id: episodeId,
          clinic_id: org.clinicId,
          patient_id: patientId,
          kind: amends ? 'reversal' : 'entry',
          amends_contact_id: amends ?? null,
          occurred_at: at,
          minutes: amends ? -20 : 20,
          staff_id: staff.id,
          staff_role: staff.role,
          activity: 'follow_up',
          modality: 'phone',
          billed_separately: false,
          counts_toward_program: true,
          count_reason: 'test',
          created_by: staff.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const review = (episodeId: string, patientId: string, at: string) =>
    org.db
      .insertInto('case_reviews')
      .values({
        org_id: org.orgId,
        episode_id: episodeId,
        clinic_id: org.clinicId,
        patient_id: patientId,
        reviewed_at: at,
        consultant_id: psych.id,
        minutes: 5,
        created_by: psych.id,
      })
      .execute();
  const CM = { id: cm.id, role: 'care_manager' };

  // P1: positive 03-02, due 03-05, reached by the care manager 03-04 (2 days); reviewed 04-01.
  const p1 = await patient(1);
  await screen(p1, '2026-03-02T15:00:00Z', true, '2026-03-05T15:00:00Z');
  const e1 = await episode(p1, '2026-03-04T14:00:00Z');
  await contact(e1, p1, '2026-03-04T15:00:00Z', CM);
  await review(e1, p1, '2026-04-01T15:00:00Z');
  await org.db
    .insertInto('episode_month_minutes')
    .values({
      org_id: org.orgId,
      episode_id: e1,
      month: '2026-03',
      staff_role: 'care_manager',
      credential: '',
      counted_minutes: 40,
      logged_minutes: 50,
    })
    .execute();
  // P2: positive 03-10, due 03-12, first reached 03-20 (10 days, late); discharged 03-25.
  const p2 = await patient(2);
  await screen(p2, '2026-03-10T15:00:00Z', true, '2026-03-12T15:00:00Z');
  const e2 = await episode(p2, '2026-02-10T15:00:00Z', '2026-03-25T15:00:00Z');
  await contact(e2, p2, '2026-03-20T15:00:00Z', CM);
  // P3: positive 03-15, only a PCP contact and a reversed care-manager contact; reviewed 03-13 (28 days before).
  const p3 = await patient(3);
  await screen(p3, '2026-03-15T15:00:00Z', true);
  const e3 = await episode(p3, '2026-03-16T14:00:00Z');
  await contact(e3, p3, '2026-03-16T15:00:00Z', { id: pcp.id, role: 'pcp' });
  await contact(e3, p3, '2026-03-17T15:00:00Z', CM, await contact(e3, p3, '2026-03-17T15:00:00Z', CM));
  await review(e3, p3, '2026-03-13T15:00:00Z');
  // P4: a negative screen, and a positive one outside the period.
  const p4 = await patient(4);
  await screen(p4, '2026-03-20T15:00:00Z', false);
  await screen(p4, '2026-04-02T15:00:00Z', true);
  return { cm };
}

describe('operations figures', () => {
  it('answers the hand-computed figures for March', async () => {
    const org = await newTestOrg({ timeZone: 'America/New_York', now: () => NOW });
    await seed(org);
    const res = await org.admin.get(`/api/outcomes/operations?from=2026-03-01&to=2026-03-31`);
    expect(res.status).toBe(200);
    // P1 2 days, P2 10 days, P3 none (a PCP's and a reversed contact do not count): median 6, p90 2 + 0.9 × 8.
    expect(res.body.screenToContact).toMatchObject({ screens: 3, contacted: 2, medianDays: 6 });
    expect(res.body.screenToContact.p90Days).toBeCloseTo(9.2, 6);
    expect(res.body.reachedByDue).toEqual({ numerator: 1, denominator: 2 });
    // March patient-months: P1, P2 (discharged 03-25), P3; contacts: P1 and P2 one each.
    expect(res.body.contacts).toEqual({
      patientMonths: 3,
      monthsWithContact: 2,
      contacts: 2,
      byMonth: [{ month: '2026-03', patientMonths: 3, monthsWithContact: 2, contacts: 2 }],
    });
    // Caseload today (04-10): P1 and P3; P1 reviewed 9 days ago, P3 28 days ago (outside the last 28 days).
    expect(res.body.psychiatricReview).toEqual({
      recent: { numerator: 1, denominator: 2 },
      sinceEnrollment: { numerator: 2, denominator: 2 },
      recentDays: 28,
    });
    expect(res.body.billing).toMatchObject({ patientMonths: 3, minutesLogged: 50, minutesCounted: 40 });
  });

  it('refuses a period that ends before it starts, naming the field; a care manager may not read it', async () => {
    const org = await newTestOrg();
    const bad = await org.admin.get('/api/outcomes/operations?from=2026-03-31&to=2026-03-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.field)).toEqual(['to']);
    const cm = await org.user(['care_manager']);
    expect((await cm.get('/api/outcomes/operations?from=2026-03-01&to=2026-03-31')).status).toBe(403);
  });
});
