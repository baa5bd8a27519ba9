// A CoCM/BHI episode needs a behavioral diagnosis unless its clinic allows otherwise (billing.md §1);
// diagnoses and the care team stay editable after enrolment, audited, under the same rule.
import { describe, expect, it } from 'vitest';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

async function setUp() {
  const org = await newTestOrg();
  const pcp = await org.user(['pcp']);
  const cm = await org.user(['care_manager']);
  const patient = await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }));
  expect(patient.status).toBe(201);
  const enroll = (diagnoses: string[]) =>
    cm.post(`/api/patients/${patient.body.id}/episodes`, {
      program: 'cocm',
      referredAt: '2026-10-01T14:00:00Z',
      billingPractitionerId: pcp.id,
      careManagerId: cm.id,
      diagnoses,
      primaryMeasure: 'phq-9',
    });
  return { org, pcp, cm, enroll };
}

async function episodeRow(org: TestOrg, id: string) {
  return org.db.selectFrom('episodes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('behavioral diagnosis on enrolment and edit (billing.md §1)', () => {
  it('refuses E11.9 alone with a 400 on diagnoses and opens nothing; an F-code enrolls', async () => {
    const { org, enroll } = await setUp();
    const refused = await enroll(['E11.9']);
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([
      { field: 'diagnoses', reason: expect.stringMatching(/needs a behavioral diagnosis/) },
    ]);
    expect(
      await org.db.selectFrom('episodes').select('id').where('org_id', '=', org.orgId).execute(),
    ).toEqual([]);
    expect((await enroll(['E11.9', 'F32.1'])).status).toBe(201);
  });

  it('enrolls E11.9 alone once an admin allows it for the clinic; other roles may not change that', async () => {
    const { org, cm, enroll } = await setUp();
    expect(
      (await cm.patch(`/api/clinics/${org.clinicId}`, { allowNonBehavioralDiagnosis: true })).status,
    ).toBe(403);
    const changed = await org.admin.patch(`/api/clinics/${org.clinicId}`, {
      allowNonBehavioralDiagnosis: true,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.allowNonBehavioralDiagnosis).toBe(true);
    const episode = await enroll(['E11.9']);
    expect(episode.status).toBe(201);
    expect(episode.body.diagnoses).toEqual(['E11.9']);
  });

  it('edits diagnoses and the care team after enrolment, audited, under the same rule', async () => {
    const { org, pcp, cm, enroll } = await setUp();
    const episode = await enroll(['F32.1']);
    const id = episode.body.id as string;
    const consultant = await org.user(['psychiatric_consultant']);
    const cm2 = await org.user(['care_manager']);
    const pcp2 = await org.user(['pcp']);

    const refused = await cm.patch(`/api/episodes/${id}`, { diagnoses: ['E11.9'], careManagerId: cm2.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].field).toBe('diagnoses');
    const unchanged = await episodeRow(org, id);
    expect([unchanged.diagnoses, unchanged.care_manager_id]).toEqual([['F32.1'], cm.id]);

    const edited = await cm.patch(`/api/episodes/${id}`, {
      diagnoses: ['f411', 'E11.9'],
      careManagerId: cm2.id,
      psychiatricConsultantId: consultant.id,
      pcpId: pcp2.id,
    });
    expect(edited.status).toBe(200);
    const row = await episodeRow(org, id);
    expect(row.diagnoses).toEqual(['F41.1', 'E11.9']);
    expect([row.care_manager_id, row.psychiatric_consultant_id, row.pcp_id]).toEqual([
      cm2.id,
      consultant.id,
      pcp2.id,
    ]);
    expect(row.pcp_id).not.toBe(pcp.id);

    const audit = await org.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', id)
      .where('action', '=', 'episode.update')
      .execute();
    expect(audit).toHaveLength(1);
    // Ids only: no diagnosis codes in the audit payload.
    expect(JSON.stringify(audit[0])).not.toMatch(/F41|E11/);
  });
});
