// The CoCM registry over HTTP: episodes and consent, contacts and corrections, flags, case review loop.
import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../src/domain/calendar/index.js';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

const fields = (body: any): string[] => body.error.issues.map((i: { field: string }) => i.field);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const localDay = (iso: string, timeZone = 'America/New_York') =>
  new Date(iso).toLocaleDateString('en-CA', { timeZone });
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function team(org: TestOrg) {
  const [pcp, cm, psych, ma] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['psychiatric_consultant']),
    org.user(['medical_assistant']),
  ]);
  const patientId = (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }))).body
    .id as string;
  const enroll = (overrides: Record<string, unknown> = {}) =>
    cm.post(`/api/patients/${patientId}/episodes`, {
      program: 'cocm',
      referredAt: daysAgo(100),
      billingPractitionerId: pcp.id,
      careManagerId: cm.id,
      psychiatricConsultantId: psych.id,
      diagnoses: ['f32.1'],
      primaryMeasure: 'phq-9',
      ...overrides,
    });
  return { pcp, cm, psych, ma, patientId, enroll };
}

describe('episodes of care', () => {
  it('opens a referred episode, then consent makes it active', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    const res = await t.enroll();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'referred',
      diagnoses: ['F32.1'],
      pcpId: t.pcp.id,
      consent: null,
    });
    const consent = await t.cm.post(`/api/episodes/${res.body.id}/consent`, {
      obtainedAt: daysAgo(95),
      method: 'verbal',
      obtainedBy: t.cm.id,
      // A complete consent (billing.md §1): an incomplete one may be documented again.
      costSharingExplained: true,
      consultationExplained: true,
    });
    expect(consent.status).toBe(200);
    expect(consent.body.status).toBe('active');
    expect(
      (
        await t.cm.post(`/api/episodes/${res.body.id}/consent`, {
          obtainedAt: daysAgo(90),
          method: 'written',
          obtainedBy: t.cm.id,
        })
      ).status,
    ).toBe(409);
  });

  it.each([
    ['a malformed ICD-10-CM code', { diagnoses: ['F3'] }, 'diagnoses.0', 400],
    ['no diagnosis', { diagnoses: [] }, 'diagnoses', 400],
    [
      'consent dated in the future',
      {
        consent: {
          obtainedAt: '2999-01-01T00:00:00Z',
          method: 'verbal',
          obtainedBy: '00000000-0000-4000-8000-000000000000',
        },
      },
      'consent.obtainedAt',
      400,
    ],
    ['an unknown program', { program: 'ccm' }, 'program', 400],
    ['a care manager who is not one', { careManagerId: 'pcp' }, 'careManagerId', 400],
  ])('refuses %s, naming the field', async (_name, override: Record<string, unknown>, field, status) => {
    const org = await newTestOrg();
    const t = await team(org);
    const body = override.careManagerId === 'pcp' ? { careManagerId: t.pcp.id } : override;
    const res = await t.enroll(body);
    expect(res.status).toBe(status);
    expect(fields(res.body)).toContain(field);
    expect((await t.cm.get(`/api/patients/${t.patientId}/episodes`)).body.episodes).toEqual([]);
  });

  it('allows one open episode per program: a second is 409 CONFLICT', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    expect((await t.enroll()).status).toBe(201);
    const second = await t.enroll();
    expect(second.status).toBe(409);
    expect(fields(second.body)).toEqual(['program']);
    expect((await t.enroll({ program: 'general_bhi' })).status).toBe(201);
  });

  it.each([
    ['referred → active without consent', 'referred', { status: 'active' }, 'consent'],
    ['active → referred', 'active', { status: 'referred' }, 'status'],
    ['discharge without a reason', 'active', { status: 'discharged' }, 'dischargeReason'],
  ])('refuses the move %s with 422 naming the rule', async (_name, start, patch, field) => {
    const org = await newTestOrg();
    const t = await team(org);
    const consent =
      start === 'active'
        ? { consent: { obtainedAt: daysAgo(90), method: 'written', obtainedBy: t.cm.id } }
        : {};
    const episode = (await t.enroll(consent)).body;
    const res = await t.cm.patch(`/api/episodes/${episode.id}`, patch);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('RULE_VIOLATION');
    expect(fields(res.body)).toEqual([field]);
    expect((await t.cm.get(`/api/episodes/${episode.id}`)).body.status).toBe(start);
  });

  it('moves active ⇄ relapse prevention → discharged, and discharged is final', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    const episode = (
      await t.enroll({ consent: { obtainedAt: daysAgo(90), method: 'written', obtainedBy: t.cm.id } })
    ).body;
    expect(
      (await t.cm.patch(`/api/episodes/${episode.id}`, { status: 'relapse_prevention' })).body.status,
    ).toBe('relapse_prevention');
    expect((await t.cm.patch(`/api/episodes/${episode.id}`, { status: 'active' })).body.status).toBe(
      'active',
    );
    const discharged = await t.cm.patch(`/api/episodes/${episode.id}`, {
      status: 'discharged',
      dischargeReason: 'completed',
    });
    expect(discharged.body).toMatchObject({ status: 'discharged', dischargeReason: 'completed' });
    expect((await t.cm.patch(`/api/episodes/${episode.id}`, { status: 'active' })).status).toBe(422);
    // A new episode may open once the old one is discharged.
    expect((await t.enroll()).status).toBe(201);
  });
});

describe('contacts and minutes', () => {
  async function activeEpisode(org: TestOrg) {
    const t = await team(org);
    const episode = (
      await t.enroll({ consent: { obtainedAt: daysAgo(99), method: 'written', obtainedBy: t.cm.id } })
    ).body;
    const log = (body: Record<string, unknown>, headers?: Record<string, string>) =>
      t.cm.post(
        `/api/episodes/${episode.id}/contacts`,
        {
          occurredAt: daysAgo(1),
          minutes: 20,
          staffId: t.cm.id,
          activity: 'follow_up',
          modality: 'phone',
          ...body,
        },
        headers,
      );
    return { ...t, episode, log };
  }

  it('counts care-manager minutes and says why; the consultant’s minutes do not count by default', async () => {
    const org = await newTestOrg();
    const e = await activeEpisode(org);
    const cm = await e.log({});
    expect(cm.status).toBe(201);
    expect(cm.body).toMatchObject({ countsTowardProgram: true, minutes: 20 });
    expect(cm.body.reason).toMatch(/count/);
    const psych = await e.log({ staffId: e.psych.id, activity: 'case_review', modality: 'none' });
    expect(psych.status).toBe(201);
    expect(psych.body.countsTowardProgram).toBe(false);
    expect(psych.body.reason).toMatch(/not counted/);
  });

  it.each([
    ['0 minutes', { minutes: 0 }, 'minutes'],
    ['481 minutes', { minutes: 481 }, 'minutes'],
    ['fractional minutes', { minutes: 12.5 }, 'minutes'],
    ['a contact in the future', { occurredAt: '2999-01-01T10:00:00Z' }, 'occurredAt'],
    ['a contact before the referral', { occurredAt: daysAgo(200) }, 'occurredAt'],
    ['care-manager minutes from a medical assistant', { staffId: 'ma' }, 'staffId'],
  ])(
    'refuses %s with 422 naming the field, and records nothing',
    async (_name, override: Record<string, unknown>, field) => {
      const org = await newTestOrg();
      const e = await activeEpisode(org);
      const res = await e.log(override.staffId === 'ma' ? { staffId: e.ma.id } : override);
      expect(res.status).toBe(422);
      expect(fields(res.body)).toContain(field);
      expect((await e.cm.get(`/api/episodes/${e.episode.id}/contacts`)).body.contacts).toEqual([]);
    },
  );

  it('records one contact per Idempotency-Key; reusing a key for another contact is 409', async () => {
    const org = await newTestOrg();
    const e = await activeEpisode(org);
    const occurredAt = daysAgo(2);
    const first = await e.log({ occurredAt }, { 'idempotency-key': 'k-1' });
    const retry = await e.log({ occurredAt }, { 'idempotency-key': 'k-1' });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const misuse = await e.log({ occurredAt, minutes: 45 }, { 'idempotency-key': 'k-1' });
    expect(misuse.status).toBe(409);
    const list = await e.cm.get(`/api/episodes/${e.episode.id}/contacts`);
    expect(list.body.contacts).toHaveLength(1);
  });

  it('corrects by reversal and replacement: history kept, month total corrected', async () => {
    const org = await newTestOrg();
    const e = await activeEpisode(org);
    const at = daysAgo(1);
    const original = (await e.log({ occurredAt: at, minutes: 40 })).body;
    const corrected = await e.cm.post(`/api/contacts/${original.id}/corrections`, {
      reason: 'typed 40 instead of 14',
      replacement: {
        occurredAt: at,
        minutes: 14,
        staffId: e.cm.id,
        activity: 'follow_up',
        modality: 'phone',
      },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.reversal).toMatchObject({
      kind: 'reversal',
      minutes: -40,
      amendsContactId: original.id,
    });
    expect(corrected.body.replacement).toMatchObject({
      kind: 'entry',
      minutes: 14,
      amendsContactId: original.id,
    });
    expect((await e.cm.post(`/api/contacts/${original.id}/corrections`, { reason: 'again' })).status).toBe(
      409,
    );
    const list = await e.cm.get(`/api/episodes/${e.episode.id}/contacts`);
    expect(list.body.contacts).toHaveLength(3);
    expect(list.body.contacts.find((c: { id: string }) => c.id === original.id).reversed).toBe(true);
    const month = localDay(at).slice(0, 7);
    expect(list.body.months.find((m: { month: string }) => m.month === month).countedMinutes).toBe(14);
  });

  it('keeps every minute when many clients log at once and retry with the same keys', async () => {
    const org = await newTestOrg();
    const e = await activeEpisode(org);
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const requests = Array.from({ length: 24 }, (_, i) => ({
      key: `burst-${i % 12}`,
      minutes: (i % 12) + 1,
    }));
    const replies = await Promise.all(
      requests.map((r) => e.log({ occurredAt: at, minutes: r.minutes }, { 'idempotency-key': r.key })),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    const list = await e.cm.get(`/api/episodes/${e.episode.id}/contacts`);
    expect(list.body.contacts).toHaveLength(12);
    const expected = Array.from({ length: 12 }, (_, i) => i + 1).reduce((a, b) => a + b, 0);
    expect(
      list.body.months.find((m: { month: string }) => m.month === localDay(at).slice(0, 7)).countedMinutes,
    ).toBe(expected);
  });
});

describe('registry view and flags', () => {
  it('shows the episode with outcomes and flags with reasons; asOf moves the contact boundary 30 → 31 days', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    const referredAt = daysAgo(120);
    const episode = (
      await t.enroll({
        referredAt,
        consent: { obtainedAt: referredAt, method: 'written', obtainedBy: t.cm.id },
      })
    ).body;
    const phq9 = (answers: number[], at: string) =>
      t.ma.post(`/api/patients/${t.patientId}/screenings`, {
        instrument: 'phq-9',
        answers,
        administeredAt: at,
      });
    await phq9([2, 2, 2, 2, 2, 2, 2, 2, 0], daysAgo(118)); // 16
    await phq9([2, 2, 2, 2, 2, 2, 0, 0, 0], daysAgo(40)); // 12
    const contactAt = daysAgo(40);
    await t.cm.post(`/api/episodes/${episode.id}/contacts`, {
      occurredAt: contactAt,
      minutes: 30,
      staffId: t.cm.id,
      activity: 'initial_assessment',
      modality: 'in_person',
    });
    const contactDay = localDay(contactAt);

    const on30 = await t.cm.get(`/api/registry?clinicId=${org.clinicId}&asOf=${plusDays(contactDay, 30)}`);
    expect(on30.status).toBe(200);
    const row30 = on30.body.rows[0];
    expect(row30).toMatchObject({
      episodeId: episode.id,
      status: 'active',
      baselineScore: 16,
      latestScore: 12,
      percentChange: 25,
    });
    expect(row30.flags.map((f: { code: string }) => f.code)).not.toContain('no_recent_contact');
    expect(row30.flags.map((f: { code: string }) => f.code)).toContain('not_improving');
    expect(row30.flags.find((f: { code: string }) => f.code === 'not_improving').reason).toMatch(/16 → 12/);

    const on31 = await t.cm.get(
      `/api/registry?clinicId=${org.clinicId}&asOf=${plusDays(contactDay, 31)}&flag=no_recent_contact`,
    );
    expect(on31.body.rows.map((r: { episodeId: string }) => r.episodeId)).toEqual([episode.id]);
    expect(
      on31.body.rows[0].flags.find((f: { code: string }) => f.code === 'no_recent_contact').reason,
    ).toMatch(/31 days/);
  });

  it('counts a contact on the clinic day it happened: 23:30 in New York belongs to that asOf day, not the next', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    const episode = (
      await t.enroll({ consent: { obtainedAt: daysAgo(99), method: 'written', obtainedBy: t.cm.id } })
    ).body;
    const day = localDay(daysAgo(20));
    // 23:30 on `day` in the clinic's zone is already the next day in UTC.
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const lateEvening = new Date(new TZDate(y, m - 1, d, 23, 30, 'America/New_York').getTime()).toISOString();
    expect(lateEvening.slice(0, 10)).toBe(plusDays(day, 1));
    const logged = await t.cm.post(`/api/episodes/${episode.id}/contacts`, {
      occurredAt: lateEvening,
      minutes: 20,
      staffId: t.cm.id,
      activity: 'follow_up',
      modality: 'phone',
    });
    expect(logged.status).toBe(201);
    const rowAsOf = async (asOf: string) =>
      (await t.cm.get(`/api/registry?clinicId=${org.clinicId}&asOf=${asOf}`)).body.rows[0];

    expect(await rowAsOf(day)).toMatchObject({ contactCount: 1, lastContactAt: lateEvening });
    expect(await rowAsOf(plusDays(day, -1))).toMatchObject({ contactCount: 0, lastContactAt: null });
  });

  it('flags safety risk from PHQ-9 item 9 and sorts it first', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    const calm = (
      await t.enroll({ consent: { obtainedAt: daysAgo(99), method: 'written', obtainedBy: t.cm.id } })
    ).body;
    const other = (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: t.pcp.id }))).body
      .id;
    const risky = (
      await t.cm.post(`/api/patients/${other}/episodes`, {
        program: 'cocm',
        referredAt: daysAgo(10),
        billingPractitionerId: t.pcp.id,
        careManagerId: t.cm.id,
        diagnoses: ['F33.1'],
        primaryMeasure: 'phq-9',
        consent: { obtainedAt: daysAgo(9), method: 'verbal', obtainedBy: t.cm.id },
      })
    ).body;
    await t.ma.post(`/api/patients/${other}/screenings`, {
      instrument: 'phq-9',
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
      administeredAt: daysAgo(1),
    });
    const registry = await t.cm.get(`/api/registry?careManagerId=${t.cm.id}`);
    expect(registry.body.rows.map((r: { episodeId: string }) => r.episodeId)).toEqual([risky.id, calm.id]);
    expect(registry.body.rows[0].flags[0].code).toBe('safety_risk');
  });

  it('is closed to front desk, billing and medical assistants', async () => {
    const org = await newTestOrg();
    for (const role of ['front_desk', 'billing', 'medical_assistant'] as const) {
      const user = await org.user([role]);
      expect((await user.get('/api/registry')).status).toBe(403);
    }
  });

  it('reports caseloads per care manager against capacity', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    await t.enroll({ consent: { obtainedAt: daysAgo(99), method: 'written', obtainedBy: t.cm.id } });
    const res = await t.cm.get(`/api/caseloads?clinicId=${org.clinicId}`);
    expect(res.status).toBe(200);
    expect(res.body.caseloads).toEqual([
      expect.objectContaining({ careManagerId: t.cm.id, count: 1, capacity: 80, overCapacity: false }),
    ]);
  });
});

describe('psychiatric case review and the loop back to the PCP', () => {
  it('lists new enrollees for review, records recommendations, and the PCP acknowledges them', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    const episode = (
      await t.enroll({
        referredAt: daysAgo(20),
        consent: { obtainedAt: daysAgo(20), method: 'verbal', obtainedBy: t.cm.id },
      })
    ).body;
    const queue = await t.psych.get('/api/case-reviews/queue');
    expect(queue.body.items.map((i: any) => [i.episode.episodeId, i.priority])).toEqual([
      [episode.id, 'new_enrollee'],
    ]);

    const review = await t.psych.post(`/api/episodes/${episode.id}/case-reviews`, {
      reviewedAt: daysAgo(10),
      consultantId: t.psych.id,
      minutes: 15,
      notes: 'Partial response; titrate.',
      recommendations: [{ kind: 'medication_change', text: 'Increase sertraline to 100 mg daily.' }],
    });
    expect(review.status).toBe(201);
    const recId = review.body.recommendations[0].id;
    expect(review.body.recommendations[0].pcpId).toBe(t.pcp.id);
    expect((await t.psych.get('/api/case-reviews/queue')).body.items).toEqual([]);

    // Not acknowledged within 7 days → flagged in the registry.
    const later = plusDays(localDay(new Date().toISOString()), 8);
    const flagged = await t.cm.get(`/api/registry?asOf=${later}&flag=recommendation_unacknowledged`);
    expect(flagged.body.rows.map((r: { episodeId: string }) => r.episodeId)).toEqual([episode.id]);

    const inbox = await t.pcp.get('/api/recommendations');
    expect(inbox.body.recommendations.map((r: { id: string }) => r.id)).toEqual([recId]);
    expect((await t.cm.post(`/api/recommendations/${recId}/acknowledge`)).status).toBe(403);
    const ack = await t.pcp.post(`/api/recommendations/${recId}/acknowledge`);
    expect(ack.status).toBe(200);
    expect((await t.pcp.post(`/api/recommendations/${recId}/acknowledge`)).status).toBe(409);
    expect((await t.pcp.get('/api/recommendations')).body.recommendations).toEqual([]);
    const detail = await t.pcp.get(`/api/episodes/${episode.id}`);
    expect(detail.body.caseReviews[0].recommendations[0].acknowledgedAt).not.toBeNull();
    expect(detail.body.caseReviews[0].notes).toBeNull();
  });

  it('keeps BH progress notes from the PCP but shares the risk summary', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    const episode = (await t.enroll()).body;
    expect(
      (
        await t.cm.post(`/api/episodes/${episode.id}/notes`, {
          kind: 'bh_progress_note',
          body: 'Session content.',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.cm.post(`/api/episodes/${episode.id}/notes`, {
          kind: 'risk_summary',
          body: 'Low risk; plan in place.',
        })
      ).status,
    ).toBe(201);
    const pcpView = await t.pcp.get(`/api/episodes/${episode.id}/notes`);
    expect(pcpView.body.notes.map((n: { kind: string }) => n.kind)).toEqual(['risk_summary']);
    const cmView = await t.cm.get(`/api/episodes/${episode.id}/notes`);
    expect(cmView.body.notes.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'bh_progress_note',
      'risk_summary',
    ]);
    expect(
      (await t.pcp.post(`/api/episodes/${episode.id}/notes`, { kind: 'risk_summary', body: 'x' })).status,
    ).toBe(403);
  });

  it('tracks medications with change dates', async () => {
    const org = await newTestOrg();
    const t = await team(org);
    const episode = (await t.enroll()).body;
    const started = await t.pcp.post(`/api/episodes/${episode.id}/medications`, {
      name: 'Sertraline',
      dose: '50 mg daily',
      startedOn: '2026-09-01',
    });
    expect(started.status).toBe(201);
    const stopped = await t.pcp.post(`/api/medications/${started.body.id}/stop`, { stoppedOn: '2026-08-01' });
    expect(stopped.status).toBe(400);
    expect(fields(stopped.body)).toEqual(['stoppedOn']);
    expect(
      (
        await t.pcp.post(`/api/medications/${started.body.id}/stop`, {
          stoppedOn: '2026-10-01',
          note: 'switched',
        })
      ).status,
    ).toBe(200);
    const detail = await t.psych.get(`/api/episodes/${episode.id}`);
    expect(detail.body.medications[0]).toMatchObject({
      name: 'Sertraline',
      startedOn: '2026-09-01',
      stoppedOn: '2026-10-01',
    });
  });
});

// Between them the two zones' dates differ from UTC's at every hour, so UTC's "today" would fail one.
describe.each(['Pacific/Kiritimati', 'Pacific/Honolulu'])('"today" is the clinic’s day in %s', (timeZone) => {
  it('a birth date and a medication start on the clinic’s today are taken, its tomorrow refused', async () => {
    const org = await newTestOrg({ timeZone });
    const today = dayOf(new Date(), timeZone);
    const tomorrow = addDays(today, 1);
    const born = await org.admin.post('/api/patients', patientBody(org.clinicId, { birthDate: today }));
    expect(born.status).toBe(201);
    const unborn = await org.admin.post(
      '/api/patients',
      patientBody(org.clinicId, { mrn: 'TOMORROW-1', birthDate: tomorrow }),
    );
    expect(unborn.status).toBe(400);
    expect(unborn.body.error.issues).toEqual([
      { field: 'birthDate', reason: expect.stringContaining(today) },
    ]);

    const t = await team(org);
    const episode = (await t.enroll({ referredAt: new Date(Date.now() - 86_400_000).toISOString() })).body;
    const future = await t.pcp.post(`/api/episodes/${episode.id}/medications`, {
      name: 'Sertraline',
      startedOn: tomorrow,
    });
    expect(future.status).toBe(400);
    expect(fields(future.body)).toEqual(['startedOn']);
    const started = await t.pcp.post(`/api/episodes/${episode.id}/medications`, {
      name: 'Sertraline',
      startedOn: today,
    });
    expect(started.status).toBe(201);
    const early = await t.pcp.post(`/api/medications/${started.body.id}/stop`, { stoppedOn: tomorrow });
    expect(fields(early.body)).toEqual(['stoppedOn']);
    expect((await t.pcp.post(`/api/medications/${started.body.id}/stop`, { stoppedOn: today })).status).toBe(
      200,
    );
  });
});

describe('minute rollups', () => {
  it('equal a recount of the contact log after logging, retries and corrections', async () => {
    const { recountMismatches } = await import('../../src/services/contacts/minute-rollups.js');
    const org = await newTestOrg();
    const t = await team(org);
    const episode = (
      await t.enroll({ consent: { obtainedAt: daysAgo(99), method: 'written', obtainedBy: t.cm.id } })
    ).body;
    const log = (minutes: number, at: string, key?: string) =>
      t.cm.post(
        `/api/episodes/${episode.id}/contacts`,
        { occurredAt: at, minutes, staffId: t.cm.id, activity: 'follow_up', modality: 'phone' },
        key ? { 'idempotency-key': key } : {},
      );
    const first = (await log(25, daysAgo(40))).body;
    await log(30, daysAgo(3), 'r-1');
    await log(30, daysAgo(3), 'r-1');
    await t.psych.post(`/api/episodes/${episode.id}/case-reviews`, {
      reviewedAt: daysAgo(2),
      consultantId: t.psych.id,
      minutes: 20,
    });
    await t.cm.post(`/api/contacts/${first.id}/corrections`, {
      reason: 'wrong day',
      replacement: {
        occurredAt: daysAgo(35),
        minutes: 15,
        staffId: t.cm.id,
        activity: 'follow_up',
        modality: 'phone',
      },
    });
    expect(await recountMismatches(org.db, org.orgId)).toEqual([]);
    const rows = await org.db
      .selectFrom('episode_month_minutes')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .execute();
    expect(rows.reduce((sum, r) => sum + r.counted_minutes, 0)).toBe(45);
    expect(rows.reduce((sum, r) => sum + r.logged_minutes, 0)).toBe(65);
  });
});
