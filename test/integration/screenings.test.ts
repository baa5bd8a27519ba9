// Screenings over HTTP: scoring and triage end to end, the worklist, rule changes, and refusals.
import { describe, expect, it } from 'vitest';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

async function withPatient(org: TestOrg, overrides: Record<string, unknown> = {}) {
  const res = await org.admin.post('/api/patients', patientBody(org.clinicId, overrides));
  return res.body.id as string;
}

const now = () => new Date().toISOString();

describe('screenings and triage', () => {
  it('scores a PHQ-9 of 18 and puts a warm handoff due within 72 hours on the worklist', async () => {
    const org = await newTestOrg();
    const ma = await org.user(['medical_assistant']);
    const patientId = await withPatient(org);
    const administeredAt = '2026-11-02T15:00:00Z';
    const res = await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [2, 2, 2, 2, 2, 2, 3, 3, 0],
      administeredAt,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      instrument: 'phq-9',
      total: 18,
      severity: 'moderately_severe',
      positive: true,
      flags: [],
    });
    expect(res.body.triage.disposition).toBe('warm_handoff');
    expect(res.body.triage.dueBy).toBe('2026-11-05T15:00:00.000Z');
    expect(res.body.triage.reasons.length).toBeGreaterThan(0);

    const worklist = await ma.get(`/api/worklist?clinicId=${org.clinicId}`);
    expect(worklist.body.items).toHaveLength(1);
    expect(worklist.body.items[0]).toMatchObject({
      disposition: 'warm_handoff',
      patient: { id: patientId },
      overdue: true,
    });
  });

  it('raises suicidal_ideation and a same-day safety protocol when item 9 > 0, even with a low total', async () => {
    const org = await newTestOrg({ timeZone: 'America/Los_Angeles' });
    const ma = await org.user(['medical_assistant']);
    const patientId = await withPatient(org);
    const res = await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 1],
      administeredAt: '2026-10-31T23:30:00-07:00',
    });
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(1);
    expect(res.body.flags).toContain('suicidal_ideation');
    expect(res.body.triage.disposition).toBe('safety_protocol');
    // Same day = the end of Oct 31 in the clinic's zone (Los Angeles, UTC−7 in October).
    expect(new Date(res.body.triage.dueBy).getTime()).toBe(new Date('2026-11-01T06:59:59.999Z').getTime());
  });

  it.each([
    ['too few PHQ-9 answers', { instrument: 'phq-9', answers: [1, 1, 1] }, 'answers'],
    [
      'an out-of-range answer (4 on a 0–3 item)',
      { instrument: 'phq-9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 4] },
      'answers.8',
    ],
    ['a non-integer answer', { instrument: 'gad-7', answers: [0, 1.5, 0, 0, 0, 0, 0] }, 'answers.1'],
    ['an unknown instrument', { instrument: 'phq-10', answers: [0] }, 'instrument'],
    [
      'a malformed administeredAt',
      { instrument: 'phq-2', answers: [0, 0], administeredAt: '31/10/2026' },
      'administeredAt',
    ],
    [
      'a future administeredAt',
      { instrument: 'phq-2', answers: [0, 0], administeredAt: '2999-01-01T00:00:00Z' },
      'administeredAt',
    ],
  ])('refuses %s with 400 naming the field and writes nothing', async (_name, body, field) => {
    const org = await newTestOrg();
    const ma = await org.user(['medical_assistant']);
    const patientId = await withPatient(org);
    const res = await ma.post(`/api/patients/${patientId}/screenings`, { administeredAt: now(), ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toContain(field);
    const list = await ma.get(`/api/patients/${patientId}/screenings`);
    expect(list.body.screenings).toEqual([]);
  });

  it('answers 404 for an unknown patient and for another clinic’s patient', async () => {
    const org = await newTestOrg();
    const clinicB = await org.addClinic();
    const inB = (await org.admin.post('/api/patients', patientBody(clinicB))).body.id;
    const ma = await org.user(['medical_assistant']);
    const body = { instrument: 'phq-2', answers: [1, 1], administeredAt: now() };
    expect(
      (await ma.post('/api/patients/00000000-0000-4000-8000-000000000000/screenings', body)).status,
    ).toBe(404);
    expect((await ma.post(`/api/patients/${inB}/screenings`, body)).status).toBe(404);
    expect((await ma.get(`/api/worklist?clinicId=${clinicB}`)).status).toBe(404);
  });

  it('keeps screening scores from front desk and billing staff', async () => {
    const org = await newTestOrg();
    const patientId = await withPatient(org);
    for (const role of ['front_desk', 'billing'] as const) {
      const user = await org.user([role]);
      expect((await user.get(`/api/patients/${patientId}/screenings`)).status).toBe(403);
    }
  });

  it('marks a worklist item done once, and it leaves the open list', async () => {
    const org = await newTestOrg();
    const pcp = await org.user(['pcp']);
    const patientId = await withPatient(org);
    const res = await pcp.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-2',
      answers: [2, 2],
      administeredAt: now(),
    });
    expect(res.body.triage.disposition).toBe('administer_full_instrument');
    const itemId = res.body.triage.itemId;
    expect((await pcp.post(`/api/worklist/${itemId}/done`, { note: 'PHQ-9 given' })).status).toBe(200);
    expect((await pcp.post(`/api/worklist/${itemId}/done`, { note: 'again' })).status).toBe(409);
    expect((await pcp.get(`/api/worklist?clinicId=${org.clinicId}`)).body.items).toEqual([]);
    const done = await pcp.get(`/api/worklist?clinicId=${org.clinicId}&status=done`);
    expect(done.body.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
  });

  it('lets an admin change a band, and the next screening follows the new rule', async () => {
    const org = await newTestOrg();
    const ma = await org.user(['medical_assistant']);
    const patientId = await withPatient(org);
    const current = await org.admin.get(`/api/clinics/${org.clinicId}/triage-rules`);
    expect(current.body.version).toBe(0);
    const rules = structuredClone(current.body.rules);
    const band = rules.triage.phq9.bands.find((b: { min: number }) => b.min === 10);
    band.due = { days: 7 };
    const saved = await org.admin.put(`/api/clinics/${org.clinicId}/triage-rules`, { version: 0, rules });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    const stale = await org.admin.put(`/api/clinics/${org.clinicId}/triage-rules`, { version: 0, rules });
    expect(stale.status).toBe(409);

    const res = await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [2, 2, 2, 2, 2, 0, 0, 0, 0],
      administeredAt: '2026-11-02T15:00:00Z',
    });
    expect(res.body.triage.disposition).toBe('offer_bh');
    // "Within 7 days" runs to the end of the 7th local day (New York, UTC−5 in November).
    expect(res.body.triage.dueBy).toBe('2026-11-10T04:59:59.999Z');
  });

  it.each([
    [2, 400, 0, 'a registry threshold that would drop a positive item 9’s safety flag is refused'],
    [0, 200, 1, 'a stricter registry threshold (any answered item 9) is saved'],
  ])('registry rules, PHQ-9 item 9 at least %i → %i (%s)', async (threshold, status, version) => {
    const org = await newTestOrg();
    const current = await org.admin.get(`/api/clinics/${org.clinicId}/registry-rules`);
    const rules = structuredClone(current.body.rules);
    rules.safety.phq9Item9AtLeast = threshold;
    const res = await org.admin.put(`/api/clinics/${org.clinicId}/registry-rules`, { version: 0, rules });
    expect(res.status).toBe(status);
    if (status === 400) {
      expect(res.body.error.issues).toEqual([
        { field: 'rules.safety.phq9Item9AtLeast', reason: expect.stringMatching(/^must be at most 1/) },
      ]);
    }
    expect((await org.admin.get(`/api/clinics/${org.clinicId}/registry-rules`)).body.version).toBe(version);
  });

  it('refuses an invalid rule set with the field path and keeps the old one', async () => {
    const org = await newTestOrg();
    const current = await org.admin.get(`/api/clinics/${org.clinicId}/triage-rules`);
    const rules = structuredClone(current.body.rules);
    rules.triage.phq9.bands[1].min = 3; // overlaps the first band
    const res = await org.admin.put(`/api/clinics/${org.clinicId}/triage-rules`, { version: 0, rules });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].field).toMatch(/^rules\.triage\.phq9/);
    expect((await org.admin.get(`/api/clinics/${org.clinicId}/triage-rules`)).body.version).toBe(0);
    const cm = await org.user(['care_manager']);
    expect(
      (await cm.put(`/api/clinics/${org.clinicId}/triage-rules`, { version: 0, rules: current.body.rules }))
        .status,
    ).toBe(403);
  });
});
