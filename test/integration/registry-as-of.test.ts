// The registry as of a past day shows that day: no later referrals, statuses of then, minutes up to then.
import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { newTestOrg, patientBody } from '../support/api.js';

const NY = 'America/New_York';
const localDay = (at: Date) => at.toLocaleDateString('en-CA', { timeZone: NY });
/** Noon (or another hour) in New York on a clinic day, as an ISO instant. */
const nyAt = (day: string, hour = 12, minute = 0) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, minute, NY).getTime()).toISOString();
};
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The 10th of last month in New York: a past day with later days of its month also in the past. */
function pastDay(): string {
  const today = localDay(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return `${last}-10`;
}

describe('registry as of a past day', () => {
  it('leaves out later referrals, enrollments, minutes, reviews and discharges', async () => {
    const org = await newTestOrg({ timeZone: NY });
    const [pcp, cm, psych] = await Promise.all([
      org.user(['pcp']),
      org.user(['care_manager']),
      org.user(['psychiatric_consultant']),
    ]);
    const newPatient = async () =>
      (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }))).body.id as string;
    const asOf = pastDay();
    const enroll = async (referredAt: string, consentAt: string | null) => {
      const res = await cm.post(`/api/patients/${await newPatient()}/episodes`, {
        program: 'cocm',
        referredAt,
        billingPractitionerId: pcp.id,
        careManagerId: cm.id,
        psychiatricConsultantId: psych.id,
        diagnoses: ['F32.1'],
        primaryMeasure: 'phq-9',
        ...(consentAt ? { consent: { obtainedAt: consentAt, method: 'verbal', obtainedBy: cm.id } } : {}),
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const contact = async (episodeId: string, occurredAt: string, minutes: number) =>
      expect(
        (
          await cm.post(`/api/episodes/${episodeId}/contacts`, {
            occurredAt,
            minutes,
            staffId: cm.id,
            activity: 'follow_up',
            modality: 'phone',
          })
        ).status,
      ).toBe(201);

    // Active since two months before the day; discharged today; reviewed four days after the day.
    const earlier = await enroll(nyAt(plusDays(asOf, -60)), nyAt(plusDays(asOf, -60)));
    await contact(earlier, nyAt(plusDays(asOf, -2)), 20);
    await contact(earlier, nyAt(asOf, 23, 30), 7); // 23:30 in New York still belongs to the day
    await contact(earlier, nyAt(plusDays(asOf, 5)), 40);
    expect(
      (
        await psych.post(`/api/episodes/${earlier}/case-reviews`, {
          reviewedAt: nyAt(plusDays(asOf, 4)),
          consultantId: psych.id,
          minutes: 10,
          recommendations: [],
        })
      ).status,
    ).toBe(201);
    expect(
      (await cm.patch(`/api/episodes/${earlier}`, { status: 'discharged', dischargeReason: 'completed' }))
        .status,
    ).toBe(200);
    // Referred before the day, consent (enrollment) only two days after it.
    const enrolledLater = await enroll(nyAt(plusDays(asOf, -3)), nyAt(plusDays(asOf, 2)));
    // Referred at 00:30 New York time the day after: absent as of the day.
    const referredLater = await enroll(nyAt(plusDays(asOf, 1), 0, 30), nyAt(plusDays(asOf, 1), 1));

    const rows = async (query: string) => {
      const res = await cm.get(`/api/registry?clinicId=${org.clinicId}&${query}`);
      expect(res.status).toBe(200);
      return res.body.rows as any[];
    };
    const then = await rows(`asOf=${asOf}`);
    expect(then.map((r) => r.episodeId).sort()).toEqual([earlier, enrolledLater].sort());
    const thenEarlier = then.find((r) => r.episodeId === earlier);
    expect(thenEarlier).toMatchObject({
      status: 'active',
      minutesThisMonth: 27,
      contactCount: 2,
      lastContactAt: nyAt(asOf, 23, 30),
      lastCaseReviewAt: null,
    });
    expect(thenEarlier.flags.map((f: any) => f.code)).toContain('needs_case_review');
    const thenLater = then.find((r) => r.episodeId === enrolledLater);
    expect(thenLater).toMatchObject({ status: 'referred', enrolledAt: null, weeksInTreatment: null });
    expect(JSON.stringify(thenLater.flags)).not.toMatch(/New enrollee/);

    // Status filters match the status of that day.
    expect((await rows(`asOf=${asOf}&status=active`)).map((r) => r.episodeId)).toEqual([earlier]);
    expect(await rows(`asOf=${asOf}&status=discharged`)).toEqual([]);
    expect((await rows(`asOf=${asOf}&status=referred`)).map((r) => r.episodeId)).toEqual([enrolledLater]);

    // Five days later the later minutes, the review and the new referral have happened.
    const after = await rows(`asOf=${plusDays(asOf, 5)}`);
    expect(after.map((r) => r.episodeId).sort()).toEqual([earlier, enrolledLater, referredLater].sort());
    expect(after.find((r) => r.episodeId === earlier)).toMatchObject({
      minutesThisMonth: 67,
      contactCount: 3,
      lastCaseReviewAt: nyAt(plusDays(asOf, 4)),
    });
    expect(after.find((r) => r.episodeId === enrolledLater)).toMatchObject({ status: 'active' });

    // Today the discharged episode has left the open registry.
    expect((await rows('status=open')).map((r) => r.episodeId)).not.toContain(earlier);
    expect((await rows('status=discharged')).map((r) => r.episodeId)).toEqual([earlier]);
  });
});
