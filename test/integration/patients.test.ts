// Patients over HTTP: registration, validation with field paths, MRN conflicts, clinic isolation, audit.
import { describe, expect, it } from 'vitest';
import { newTestOrg, patientBody } from '../support/api.js';

const fields = (body: { error: { issues: { field: string }[] } }) => body.error.issues.map((i) => i.field);

describe('patients', () => {
  it('registers a patient and reads it back', async () => {
    const org = await newTestOrg();
    const fd = await org.user(['front_desk']);
    const created = await fd.post(
      '/api/patients',
      patientBody(org.clinicId, { mrn: 'A-100', coverage: { payer: 'medicaid', memberId: 'X1' } }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      mrn: 'A-100',
      clinicId: org.clinicId,
      coverage: { payer: 'medicaid', memberId: 'X1' },
    });
    const read = await fd.get(`/api/patients/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.mrn).toBe('A-100');
    const found = await fd.get(`/api/patients?clinicId=${org.clinicId}&q=a-10`);
    expect(found.body.patients.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
  });

  it.each([
    ['missing family name', { familyName: undefined }, 'familyName'],
    ['malformed birth date', { birthDate: '1970-13-40' }, 'birthDate'],
    ['birth date in the future', { birthDate: '2999-01-01' }, 'birthDate'],
    ['unknown sex value', { sex: 'f' }, 'sex'],
    ['unknown payer', { coverage: { payer: 'acme' } }, 'coverage.payer'],
    ['clinic id that is not a UUID', { clinicId: 'nope' }, 'clinicId'],
    ['PCP id that is not a UUID', { pcpId: 'x' }, 'pcpId'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_name, override, field) => {
    const org = await newTestOrg();
    const res = await org.admin.post('/api/patients', patientBody(org.clinicId, override));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(fields(res.body)).toContain(field);
    const list = await org.admin.get(`/api/patients?clinicId=${org.clinicId}`);
    expect(list.body.patients).toEqual([]);
  });

  it('refuses a PCP who is not a PCP', async () => {
    const org = await newTestOrg();
    const cm = await org.user(['care_manager']);
    const res = await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: cm.id }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field: 'pcpId', reason: 'this staff member is not a PCP' }]);
  });

  it('answers 409 CONFLICT on a duplicate MRN in the same clinic, but allows it in another clinic', async () => {
    const org = await newTestOrg();
    const other = await org.addClinic();
    expect((await org.admin.post('/api/patients', patientBody(org.clinicId, { mrn: 'DUP-1' }))).status).toBe(
      201,
    );
    const dup = await org.admin.post('/api/patients', patientBody(org.clinicId, { mrn: 'DUP-1' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'CONFLICT', issues: [{ field: 'mrn' }] });
    expect((await org.admin.post('/api/patients', patientBody(other, { mrn: 'DUP-1' }))).status).toBe(201);
  });

  it('refuses malformed JSON, a non-JSON body and an oversized body with clear 4xx', async () => {
    const org = await newTestOrg();
    const bad = await org.admin.request('POST', '/api/patients', '{"mrn": ', {
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ field: 'body' }] });
    const text = await org.admin.request('POST', '/api/patients', 'mrn=1', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const huge = await org.admin.post(
      '/api/patients',
      patientBody(org.clinicId, { givenName: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('keeps clinics apart: a user of clinic A cannot see or write clinic B patients', async () => {
    const org = await newTestOrg();
    const clinicB = await org.addClinic();
    const inB = await org.admin.post('/api/patients', patientBody(clinicB));
    const cmA = await org.user(['care_manager'], [org.clinicId]);
    const read = await cmA.get(`/api/patients/${inB.body.id}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('NOT_FOUND');
    const list = await cmA.get('/api/patients');
    expect(list.body.patients).toEqual([]);
    const listB = await cmA.get(`/api/patients?clinicId=${clinicB}`);
    expect(listB.status).toBe(404);
    const write = await cmA.post('/api/patients', patientBody(clinicB));
    expect(write.status).toBe(404);
    expect(fields(write.body)).toEqual(['clinicId']);
  });

  it('keeps organizations apart: another organization’s admin gets 404', async () => {
    const orgA = await newTestOrg();
    const orgB = await newTestOrg();
    const p = await orgA.admin.post('/api/patients', patientBody(orgA.clinicId));
    expect((await orgB.admin.get(`/api/patients/${p.body.id}`)).status).toBe(404);
  });

  it('refuses roles that may not register patients', async () => {
    const org = await newTestOrg();
    const billing = await org.user(['billing']);
    const res = await billing.post('/api/patients', patientBody(org.clinicId));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('audits every read and write of patient data with ids only', async () => {
    const org = await newTestOrg();
    const p = await org.admin.post('/api/patients', patientBody(org.clinicId, { givenName: 'Zelda' }));
    await org.admin.get(`/api/patients/${p.body.id}`);
    const audit = await org.admin.get(`/api/audit?patientId=${p.body.id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.events.map((e: { action: string }) => e.action)).toEqual([
      'patient.read',
      'patient.create',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain('Zelda');
    const cm = await org.user(['care_manager']);
    expect((await cm.get('/api/audit')).status).toBe(403);
  });
});
