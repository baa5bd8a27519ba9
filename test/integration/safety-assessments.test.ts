// The suicide-risk loop over HTTP: safety_protocol item → assessment → pathway tasks → safety plan, audited and versioned.
import { describe, expect, it } from 'vitest';
import { seedSafetyAssessments } from '../../src/sim/safety-assessments.js';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function positiveItem9(org: TestOrg, pcpId?: string) {
  const ma = await org.user(['medical_assistant']);
  const patient = await org.admin.post('/api/patients', patientBody(org.clinicId, pcpId ? { pcpId } : {}));
  const screening = await ma.post(`/api/patients/${patient.body.id}/screenings`, {
    instrument: 'phq-9',
    answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
    administeredAt: hoursFromNow(-1),
  });
  expect(screening.body.triage.disposition).toBe('safety_protocol');
  return { ma, patientId: patient.body.id as string, screening: screening.body };
}

function moderate(screeningId: string, staffId: string, overrides: Record<string, unknown> = {}) {
  const at = hoursFromNow(-0.5);
  return {
    assessedAt: at,
    trigger: { kind: 'screening', screeningId },
    ideation: { type: 'passive', mostRecentOn: at.slice(0, 10) },
    plan: { present: false },
    intent: { present: false },
    means: { access: ['medications'], actions: ['lethal_means_counseling'] },
    behaviour: { pastAttempts: false, preparatoryActs: false, selfHarm: false },
    riskFactors: { items: ['hopelessness'] },
    protectiveFactors: { items: ['social_support'] },
    homicidalIdeation: false,
    riskLevel: 'moderate',
    disposition: 'urgent_bh_follow_up',
    rationale: 'Passive ideation without plan or intent; supportive family.',
    notified: { parties: [{ party: 'pcp', at }] },
    followUp: { at: hoursFromNow(48), staffId },
    ...overrides,
  };
}

const plan = {
  warningSigns: ['Not sleeping'],
  internalCoping: ['Walk outside'],
  distractions: { people: [], places: ['Library'] },
  helpContacts: [{ name: 'Sister' }],
  professionals: [],
  safeEnvironment: ['Medications kept by spouse'],
};

describe('suicide-risk assessment loop', () => {
  it('closes the safety_protocol item only by an assessment, plans the moderate tasks, and a plan meets its task', async () => {
    const org = await newTestOrg();
    const cm = await org.user(['care_manager']);
    const pcp = await org.user(['pcp']);
    const { patientId, screening } = await positiveItem9(org, pcp.id);
    const itemId = screening.triage.itemId as string;

    // suicide-risk.md §1 EP 3: a tick on the worklist does not close a positive screen.
    const tick = await pcp.post(`/api/worklist/${itemId}/done`, { note: 'Talked with the patient.' });
    expect(tick.status).toBe(422);
    expect(tick.body.error.issues[0].field).toBe('disposition');

    const res = await cm.post(`/api/patients/${patientId}/safety-assessments`, moderate(screening.id, cm.id));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ riskLevel: 'moderate', version: 1, resolvedItemIds: [itemId] });
    const byCode = Object.fromEntries(
      res.body.tasks.map((t: { code: string; status: string }) => [t.code, t.status]),
    );
    expect(byCode).toEqual({
      safety_plan: 'open',
      bh_follow_up: 'open',
      pcp_informed: 'done',
      collateral_contact: 'open',
    });
    const open = await pcp.get(`/api/worklist?clinicId=${org.clinicId}`);
    expect(open.body.items).toEqual([]);

    const saved = await cm.post(`/api/patients/${patientId}/safety-plans`, {
      ...plan,
      assessmentId: res.body.id,
    });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toBe(1);
    expect(saved.body.crisisContacts.map((c: { phone: string }) => c.phone)).toEqual(['988', '911']);

    // The PCP sees level, plan and follow-up (shared even when BH progress notes are not).
    const picture = await pcp.get(`/api/patients/${patientId}/safety`);
    expect(picture.status).toBe(200);
    expect(picture.body.status.level).toBe('moderate');
    expect(picture.body.plan.version).toBe(1);
    expect(picture.body.tasks.find((t: { code: string }) => t.code === 'safety_plan').status).toBe('done');

    const audit = await org.admin.get(`/api/audit?patientId=${patientId}`);
    const actions = audit.body.events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['safety_assessment.create', 'safety_plan.create', 'safety.read']),
    );
    expect(JSON.stringify(audit.body.events)).not.toContain('Passive ideation');
  });

  it('refuses an incomplete assessment with 400 naming each missing element, and writes nothing', async () => {
    const org = await newTestOrg();
    const cm = await org.user(['care_manager']);
    const { patientId, screening } = await positiveItem9(org);
    const body = moderate(screening.id, cm.id) as Record<string, unknown>;
    delete body.rationale;
    delete body.intent;
    body.followUp = null;
    const res = await cm.post(`/api/patients/${patientId}/safety-assessments`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.issues.map((i: { field: string }) => i.field).sort();
    expect(fields).toEqual(['intent', 'rationale']);

    const noFollowUp = await cm.post(
      `/api/patients/${patientId}/safety-assessments`,
      moderate(screening.id, cm.id, { followUp: null }),
    );
    expect(noFollowUp.status).toBe(400);
    expect(noFollowUp.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['followUp']);

    const late = await cm.post(
      `/api/patients/${patientId}/safety-assessments`,
      moderate(screening.id, cm.id, { followUp: { at: hoursFromNow(24 * 10), staffId: cm.id } }),
    );
    expect(late.status).toBe(400);
    expect(late.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['followUp.at']);

    const safety = await cm.get(`/api/patients/${patientId}/safety`);
    expect(safety.body.assessments).toEqual([]);
    const worklist = await cm.get(`/api/worklist?clinicId=${org.clinicId}`);
    expect(worklist.body.items).toHaveLength(1);
  });

  it('corrects by adding a version, and a high-risk ED transfer needs no follow-up', async () => {
    const org = await newTestOrg();
    const cm = await org.user(['care_manager']);
    const consultant = await org.user(['psychiatric_consultant']);
    const { patientId, screening } = await positiveItem9(org);
    const first = await cm.post(
      `/api/patients/${patientId}/safety-assessments`,
      moderate(screening.id, cm.id),
    );
    const high = moderate(screening.id, cm.id, {
      riskLevel: 'high',
      disposition: 'ed_transfer',
      followUp: null,
    });
    const corrected = await cm.post(`/api/safety-assessments/${first.body.id}/versions`, {
      reason: 'Intent disclosed after the first interview',
      assessment: high,
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({
      id: first.body.id,
      version: 2,
      riskLevel: 'high',
      followUpAt: null,
    });
    const codes = corrected.body.tasks.map((t: { code: string }) => t.code).sort();
    expect(codes).toEqual(['ed_evaluation', 'hold_paperwork', 'pcp_informed']);

    const versions = await cm.get(`/api/safety-assessments/${first.body.id}`);
    expect(
      versions.body.versions.map((v: { version: number; riskLevel: string }) => [v.version, v.riskLevel]),
    ).toEqual([
      [2, 'high'],
      [1, 'moderate'],
    ]);

    // suicide-risk.md §3: who completes hold paperwork is named in policy (pcp or consultant by default).
    const hold = corrected.body.tasks.find((t: { code: string }) => t.code === 'hold_paperwork');
    expect((await cm.post(`/api/safety-tasks/${hold.id}/done`, {})).status).toBe(403);
    expect((await consultant.post(`/api/safety-tasks/${hold.id}/done`, {})).status).toBe(200);
    expect((await consultant.post(`/api/safety-tasks/${hold.id}/done`, {})).status).toBe(409);
  });

  it('keeps another clinic’s patients out, and the medical assistant may read but not assess', async () => {
    const org = await newTestOrg();
    const { ma, patientId, screening } = await positiveItem9(org);
    const other = await org.addClinic();
    const outsider = await org.user(['care_manager'], [other]);
    expect((await outsider.get(`/api/patients/${patientId}/safety`)).status).toBe(404);
    expect(
      (await ma.post(`/api/patients/${patientId}/safety-assessments`, moderate(screening.id, ma.id))).status,
    ).toBe(403);
    expect((await ma.get(`/api/patients/${patientId}/safety`)).status).toBe(200);
  });
});

describe('demo suicide-risk assessments', () => {
  it('seeds one assessment per level, a safety plan and one overdue follow-up', async () => {
    const org = await newTestOrg();
    const consultant = await org.user(['psychiatric_consultant']);
    const patients = [];
    for (let i = 0; i < 4; i++) {
      const res = await org.admin.post('/api/patients', patientBody(org.clinicId, { mrn: `SIM-${i}` }));
      patients.push({ id: res.body.id as string, clinicId: org.clinicId, pcpId: consultant.id });
    }
    const now = new Date();
    const count = await seedSafetyAssessments(org.db, {
      orgId: org.orgId,
      now,
      staff: { psychiatrist: consultant.id },
      patients,
    });
    expect(count).toBe(4);
    const levels = await org.db
      .selectFrom('safety_assessments')
      .select('risk_level')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(levels.map((l) => l.risk_level).sort()).toEqual(['high', 'low', 'low', 'moderate']);
    const overdue = await consultant.get(`/api/patients/${patients[3]!.id}/safety`);
    expect(overdue.body.status.followUpOverdue).toMatch(/^Follow-up after the low-risk assessment/);
    const planned = await consultant.get(`/api/patients/${patients[1]!.id}/safety`);
    expect(planned.body.plan.version).toBe(1);
  });
});
