// Documented behavioral health services over HTTP: codes with reasons, validation by field, and no CoCM minutes for a coded service.
import { describe, expect, it } from 'vitest';
import type { Credential } from '../../src/domain/billing/vocabulary.js';
import type { Role } from '../../src/services/actor.js';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

const MONTH = '2026-10';

async function staff(org: TestOrg, roles: Role[], credential: Credential | null) {
  const user = await org.user(roles);
  await org.db.updateTable('users').set({ credential }).where('id', '=', user.id).execute();
  return user;
}

async function cocmPatient(org: TestOrg, careManager: { id: string; post: TestOrg['admin']['post'] }) {
  const pcp = await staff(org, ['pcp'], 'md');
  const patient = await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }));
  const episode = await careManager.post(`/api/patients/${patient.body.id}/episodes`, {
    program: 'cocm',
    referredAt: '2026-10-01T14:00:00Z',
    billingPractitionerId: pcp.id,
    careManagerId: careManager.id,
    diagnoses: ['F32.1'],
    primaryMeasure: 'phq-9',
  });
  expect(episode.status).toBe(201);
  return { patientId: patient.body.id as string, episodeId: episode.body.id as string };
}

const psychotherapy = (clinicianId: string, minutes = 40) => ({
  serviceDate: '2026-10-14',
  clinicianId,
  kind: 'psychotherapy',
  minutes,
  primaryDiagnosis: 'f32.1',
});

const now = () => new Date('2026-11-02T15:00:00Z');

describe('documented BH services', () => {
  it('a care manager documents 40 minutes of psychotherapy: 90834, billed separately, and no CoCM minutes for it (billing.md §1, other-codes.md §1)', async () => {
    const org = await newTestOrg({ now });
    const cm = await staff(org, ['care_manager'], 'lcsw');
    const billing = await org.user(['billing']);
    const { patientId, episodeId } = await cocmPatient(org, cm);

    const res = await cm.post(`/api/patients/${patientId}/bh-services`, psychotherapy(cm.id));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'psychotherapy',
      primaryDiagnosis: 'F32.1',
      credential: 'lcsw',
      billedSeparately: true,
      lines: [{ code: '90834', units: 1, minutes: 40 }],
      notBilled: [],
    });
    expect(res.body.lines[0].reasons[0]).toMatch(/38–52 band \(other-codes\.md §1\)/);
    expect(res.body.contactId).toEqual(expect.any(String));

    const contacts = await cm.get(`/api/episodes/${episodeId}/contacts`);
    const logged = contacts.body.contacts ?? contacts.body;
    expect(logged).toEqual([
      expect.objectContaining({ minutes: 40, billedSeparately: true, countsTowardProgram: false }),
    ]);

    const preview = await billing.get(`/api/billing/months/${MONTH}/preview?clinicId=${org.clinicId}`);
    expect(preview.status).toBe(200);
    const episode = preview.body.episodes.find((e: { episodeId: string }) => e.episodeId === episodeId);
    expect(episode?.countedMinutes ?? 0).toBe(0);

    const listed = await billing.get(`/api/bh-services?clinicId=${org.clinicId}&month=${MONTH}`);
    expect(listed.status).toBe(200);
    expect(
      listed.body.services.map((s: { lines: { code: string }[] }) => s.lines.map((l) => l.code)),
    ).toEqual([['90834']]);
  });

  it('a behavioral health clinician documents HBAI for a patient with no episode: units, no minute-log entry (other-codes.md §2)', async () => {
    const org = await newTestOrg({ now });
    const bhc = await staff(org, ['bh_clinician'], 'psychologist');
    const patient = await org.admin.post('/api/patients', patientBody(org.clinicId));
    const res = await bhc.post(`/api/patients/${patient.body.id}/bh-services`, {
      serviceDate: '2026-10-20',
      clinicianId: bhc.id,
      kind: 'hbai_individual',
      minutes: 45,
      primaryDiagnosis: 'E11.65',
    });
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l: { code: string; units: number }) => [l.code, l.units])).toEqual([
      ['96158', 1],
      ['96159', 1],
    ]);
    expect(res.body.contactId).toBeNull();
  });

  it('HBAI and psychotherapy the same day: the list bills the predominant one only (other-codes.md §2)', async () => {
    const org = await newTestOrg({ now });
    const bhc = await staff(org, ['bh_clinician'], 'psychologist');
    const patient = await org.admin.post('/api/patients', patientBody(org.clinicId));
    const path = `/api/patients/${patient.body.id}/bh-services`;
    await bhc.post(path, { ...psychotherapy(bhc.id, 20) });
    await bhc.post(path, {
      ...psychotherapy(bhc.id, 45),
      kind: 'hbai_individual',
      primaryDiagnosis: 'E11.65',
    });
    const listed = await bhc.get(`/api/bh-services?clinicId=${org.clinicId}&month=${MONTH}`);
    expect(
      listed.body.services.map((s: { kind: string; lines: { code: string }[]; notBilled: string[] }) => [
        s.kind,
        s.lines.map((l) => l.code),
        s.notBilled.length,
      ]),
    ).toEqual([
      ['psychotherapy', [], 1],
      ['hbai_individual', ['96158', '96159'], 0],
    ]);
  });

  it.each([
    [{ kind: 'group_psychotherapy' }, 'groupSize', 'a group service needs the number of patients'],
    [{ groupSize: 4 }, 'groupSize', 'only group services have a group size'],
    [{ primaryDiagnosis: 'depression' }, 'primaryDiagnosis', "'depression' is not an ICD-10-CM code"],
    [{ serviceDate: '2026-11-03' }, 'serviceDate', 'cannot be after today'],
    [{ minutes: 0 }, 'minutes', 'must be at least 1 minute'],
    [{ kind: 'massage' }, 'kind', ''],
  ])('bad input %j answers 400 naming %s and saves nothing', async (change, field, reason) => {
    const org = await newTestOrg({ now });
    const bhc = await staff(org, ['bh_clinician'], 'lcsw');
    const patient = await org.admin.post('/api/patients', patientBody(org.clinicId));
    const res = await bhc.post(`/api/patients/${patient.body.id}/bh-services`, {
      ...psychotherapy(bhc.id),
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      expect.objectContaining({ field, reason: expect.stringContaining(reason) }),
    ]);
    const rows = await org.db
      .selectFrom('bh_services')
      .select('id')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('a clinician of another role is refused by field, and front desk by role (403)', async () => {
    const org = await newTestOrg({ now });
    const bhc = await staff(org, ['bh_clinician'], 'lcsw');
    const desk = await org.user(['front_desk']);
    const patient = await org.admin.post('/api/patients', patientBody(org.clinicId));
    const path = `/api/patients/${patient.body.id}/bh-services`;
    const wrongClinician = await bhc.post(path, psychotherapy(desk.id));
    expect(wrongClinician.status).toBe(400);
    expect(wrongClinician.body.error.issues[0].field).toBe('clinicianId');
    expect((await desk.post(path, psychotherapy(bhc.id))).status).toBe(403);
    expect((await desk.get(`/api/bh-services?clinicId=${org.clinicId}&month=${MONTH}`)).status).toBe(403);
  });
});
