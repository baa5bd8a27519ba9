// Relapse, unreachable and overdue-review signals over HTTP: registry filters, reasons, the consultant's queue.
import { describe, expect, it } from 'vitest';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

const NY = 'America/New_York';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const localDay = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: NY });
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const codes = (row: any): string[] => row.flags.map((f: { code: string }) => f.code);
const reason = (row: any, code: string): string | undefined =>
  row.flags.find((f: { code: string }) => f.code === code)?.reason;

async function activeEpisode(org: TestOrg, enrolledDaysAgo: number) {
  const [pcp, cm, psych, ma] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['psychiatric_consultant']),
    org.user(['medical_assistant']),
  ]);
  const patientId = (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }))).body
    .id as string;
  const at = daysAgo(enrolledDaysAgo);
  const episode = await cm.post(`/api/patients/${patientId}/episodes`, {
    program: 'cocm',
    referredAt: at,
    billingPractitionerId: pcp.id,
    careManagerId: cm.id,
    psychiatricConsultantId: psych.id,
    diagnoses: ['F32.1'],
    primaryMeasure: 'phq-9',
    consent: { obtainedAt: at, method: 'verbal', obtainedBy: cm.id },
  });
  expect(episode.status).toBe(201);
  const id = episode.body.id as string;
  const contact = (body: Record<string, unknown>) =>
    cm.post(`/api/episodes/${id}/contacts`, { minutes: 10, staffId: cm.id, modality: 'phone', ...body });
  const phq9 = async (answers: number[], administeredAt: string) =>
    expect(
      (
        await ma.post(`/api/patients/${patientId}/screenings`, {
          instrument: 'phq-9',
          answers,
          administeredAt,
        })
      ).status,
    ).toBe(201);
  const review = async (reviewedAt: string) =>
    expect(
      (
        await psych.post(`/api/episodes/${id}/case-reviews`, {
          reviewedAt,
          consultantId: psych.id,
          minutes: 10,
          recommendations: [],
        })
      ).status,
    ).toBe(201);
  const row = async (query = '') => {
    const res = await cm.get(`/api/registry?clinicId=${org.clinicId}${query}`);
    expect(res.status).toBe(200);
    return res.body.rows.find((r: { episodeId: string }) => r.episodeId === id);
  };
  return { id, cm, psych, contact, phq9, review, row };
}

describe('unreachable', () => {
  it('counts outreach attempts since the last completed contact; a reached outreach ends it', async () => {
    const org = await newTestOrg({ timeZone: NY });
    const t = await activeEpisode(org, 70);
    await t.review(daysAgo(60));
    expect((await t.contact({ occurredAt: daysAgo(69), activity: 'initial_assessment' })).status).toBe(201);
    expect((await t.contact({ occurredAt: daysAgo(50), activity: 'follow_up' })).status).toBe(201);
    const attempts = [daysAgo(40), daysAgo(30), daysAgo(20)];
    const logged = await t.contact({ occurredAt: attempts[0], activity: 'outreach' });
    expect(logged.body).toMatchObject({ activity: 'outreach', reached: false });
    await t.contact({ occurredAt: attempts[1], activity: 'outreach', reached: false });
    await t.contact({ occurredAt: attempts[2], activity: 'outreach', modality: 'none' }); // a letter

    const flagged = await t.row('&flag=unreachable');
    expect(flagged).toBeDefined();
    const why = reason(flagged, 'unreachable')!;
    expect(why).toContain(
      `3 outreach attempts without reaching the patient (${attempts.map(localDay).join(', ')}`,
    );
    expect(why).toContain(`no completed contact since ${localDay(daysAgo(50))}`);
    // Unreachable ranks above the plain contact gap that comes with it.
    expect(codes(flagged).indexOf('unreachable')).toBeLessThan(codes(flagged).indexOf('no_recent_contact'));
    // As of the day before the third attempt, two attempts are not enough.
    expect(codes(await t.row(`&asOf=${plusDays(localDay(attempts[2]!), -1)}`))).not.toContain('unreachable');

    const reachedAt = daysAgo(5);
    const reached = await t.contact({ occurredAt: reachedAt, activity: 'outreach', reached: true });
    expect(reached.body.reached).toBe(true);
    const after = await t.row();
    expect(codes(after)).not.toContain('unreachable');
    expect(after.lastContactAt).toBe(reachedAt);
  });

  it.each([
    ['reached on an activity other than outreach', { activity: 'follow_up', reached: true }],
    [
      'reached outreach without the patient (modality none)',
      { activity: 'outreach', modality: 'none', reached: true },
    ],
  ])('refuses %s with 400 naming the field, and records nothing', async (_rule, body) => {
    const org = await newTestOrg({ timeZone: NY });
    const t = await activeEpisode(org, 30);
    const res = await t.contact({ occurredAt: daysAgo(1), ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['reached']);
    expect((await t.cm.get(`/api/episodes/${t.id}/contacts`)).body.contacts).toEqual([]);
  });

  it('documents reached in the OpenAPI contact body', async () => {
    const org = await newTestOrg();
    const doc = (await org.anonymous.get('/api/openapi.json')).body;
    const body = doc.paths['/api/episodes/{id}/contacts'].post.requestBody.content['application/json'].schema;
    expect(body.properties.reached).toMatchObject({ type: 'boolean' });
    expect(body.properties.reached.description).toMatch(/Outreach only/);
  });
});

describe('relapse', () => {
  it('flags a rise in relapse prevention and sends the patient to the consultant', async () => {
    const org = await newTestOrg({ timeZone: NY });
    const t = await activeEpisode(org, 200);
    await t.phq9([2, 2, 2, 2, 2, 2, 2, 2, 0], daysAgo(199)); // 16
    await t.phq9([1, 1, 1, 0, 0, 0, 0, 0, 0], daysAgo(100)); // 3
    await t.review(daysAgo(150));
    expect((await t.cm.patch(`/api/episodes/${t.id}`, { status: 'relapse_prevention' })).status).toBe(200);
    expect(codes(await t.row())).not.toContain('relapse');
    await t.phq9([2, 2, 2, 2, 2, 1, 0, 0, 0], new Date().toISOString()); // 11

    const flagged = await t.row('&flag=relapse');
    expect(flagged.status).toBe('relapse_prevention');
    expect(reason(flagged, 'relapse')).toMatch(
      /^PHQ-9 11 on .*, in relapse prevention since .*: ≥ 10 again; response lost/,
    );
    expect(reason(flagged, 'needs_case_review')).toMatch(/^Relapse \(PHQ-9 11/);
    const queue = await t.psych.get(`/api/case-reviews/queue?clinicId=${org.clinicId}`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: any) => [i.episode.episodeId, i.priority])).toEqual([[t.id, 'relapse']]);
  });
});

describe('review_overdue', () => {
  it('flags an active patient not discussed for more than 4 weeks, as the clinic sets it', async () => {
    const org = await newTestOrg({ timeZone: NY });
    const t = await activeEpisode(org, 100);
    const reviewedAt = daysAgo(40);
    await t.review(reviewedAt);
    const reviewDay = localDay(reviewedAt);

    expect(codes(await t.row(`&asOf=${plusDays(reviewDay, 28)}`))).not.toContain('review_overdue');
    const late = await t.row(`&asOf=${plusDays(reviewDay, 29)}&flag=review_overdue`);
    expect(reason(late, 'review_overdue')).toBe(
      `Not discussed at case review since ${reviewDay}: 29 days (> 4 weeks)`,
    );
    const queue = await t.psych.get(`/api/case-reviews/queue?clinicId=${org.clinicId}`);
    expect(queue.body.items.map((i: any) => [i.episode.episodeId, i.priority])).toEqual([
      [t.id, 'review_overdue'],
    ]);

    // A clinic that reviews every 8 weeks.
    const current = (await org.admin.get(`/api/clinics/${org.clinicId}/registry-rules`)).body;
    const saved = await org.admin.put(`/api/clinics/${org.clinicId}/registry-rules`, {
      version: current.version,
      rules: { ...current.rules, reviewOverdueWeeks: 8 },
    });
    expect(saved.status).toBe(200);
    expect(codes(await t.row())).not.toContain('review_overdue');
  });
});
