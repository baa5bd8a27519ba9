// Patients over HTTP: registration, validation with field paths, MRN conflicts, clinic isolation, audit.
import { describe, expect, it } from 'vitest';
import { importPatients } from '../../src/services/patients/import-patients.js';
import { newTestOrg, patientBody } from '../support/api.js';

const HOME = { line1: '5 Elm Ln', line2: 'Apt 3', city: 'Troy', state: 'ny', postalCode: '12180-0001' };

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
    ['address with an unknown state', { address: { ...HOME, state: 'QQ' } }, 'address.state'],
    ['address with a malformed ZIP', { address: { ...HOME, postalCode: '1218' } }, 'address.postalCode'],
    ['address without a city', { address: { ...HOME, city: undefined } }, 'address.city'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_name, override, field) => {
    const org = await newTestOrg();
    const res = await org.admin.post('/api/patients', patientBody(org.clinicId, override));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(fields(res.body)).toContain(field);
    const list = await org.admin.get(`/api/patients?clinicId=${org.clinicId}`);
    expect(list.body.patients).toEqual([]);
  });

  it('keeps an optional home address (for the 837P subscriber loop), normalised', async () => {
    const org = await newTestOrg();
    const withAddress = await org.admin.post('/api/patients', patientBody(org.clinicId, { address: HOME }));
    expect(withAddress.status).toBe(201);
    const stored = { ...HOME, state: 'NY' };
    expect(withAddress.body.address).toEqual(stored);
    expect((await org.admin.get(`/api/patients/${withAddress.body.id}`)).body.address).toEqual(stored);
    const without = await org.admin.post('/api/patients', patientBody(org.clinicId));
    expect(without.body.address).toBeNull();
  });

  it('changes an address with PATCH (audited by id), and refuses a bad one or another clinic’s patient', async () => {
    const org = await newTestOrg();
    const fd = await org.user(['front_desk']);
    const p = await fd.post('/api/patients', patientBody(org.clinicId, { givenName: 'Addie' }));
    const set = await fd.patch(`/api/patients/${p.body.id}`, { address: HOME });
    expect(set.status).toBe(200);
    expect(set.body.address).toEqual({ ...HOME, state: 'NY' });
    const bad = await fd.patch(`/api/patients/${p.body.id}`, { address: { ...HOME, postalCode: 'x' } });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['address.postalCode']);
    expect((await fd.patch(`/api/patients/${p.body.id}`, {})).status).toBe(400);
    const cleared = await fd.patch(`/api/patients/${p.body.id}`, { address: null });
    expect(cleared.body.address).toBeNull();
    const audit = await org.admin.get(`/api/audit?patientId=${p.body.id}&action=patient.update`);
    expect(audit.body.events).toHaveLength(2);
    expect(JSON.stringify(audit.body)).not.toMatch(/Addie|Elm/);
    const otherClinic = await org.addClinic();
    const stranger = await org.user(['front_desk'], [otherClinic]);
    expect((await stranger.patch(`/api/patients/${p.body.id}`, { address: HOME })).status).toBe(404);
    const billing = await org.user(['billing']);
    expect((await billing.patch(`/api/patients/${p.body.id}`, { address: HOME })).status).toBe(403);
  });

  it('imports addresses from CSV columns, and reports a bad one by row and field', async () => {
    const org = await newTestOrg();
    const admin = await org.db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    const actor = {
      orgId: org.orgId,
      userId: admin.id,
      roles: ['admin' as const],
      clinicIds: [org.clinicId],
    };
    const row = (mrn: string, extra: Record<string, string> = {}) => ({
      mrn,
      givenName: 'Csv',
      familyName: 'Row',
      birthDate: '1960-02-03',
      sex: 'male',
      ...extra,
    });
    const address = {
      addressLine1: '9 Oak St',
      addressLine2: '',
      city: 'Troy',
      state: 'NY',
      postalCode: '12180',
    };
    const bad = await importPatients({
      db: org.db,
      now: new Date(),
      actor,
      clinicId: org.clinicId,
      records: [row('CSV-1', address), row('CSV-2', { ...address, state: 'New York' })],
      skipInvalid: false,
    });
    expect(bad).toEqual({
      imported: 0,
      rejected: [
        {
          row: 3,
          issues: [{ field: 'address.state', reason: 'must be a 2-letter USPS state code such as NY' }],
        },
      ],
    });
    const good = await importPatients({
      db: org.db,
      now: new Date(),
      actor,
      clinicId: org.clinicId,
      records: [row('CSV-1', address), row('CSV-2')],
      skipInvalid: false,
    });
    expect(good.imported).toBe(2);
    const list = await org.admin.get(`/api/patients?clinicId=${org.clinicId}&q=csv`);
    const byMrn = Object.fromEntries(list.body.patients.map((p: any) => [p.mrn, p.address]));
    expect(byMrn).toEqual({
      'CSV-1': { line1: '9 Oak St', line2: null, city: 'Troy', state: 'NY', postalCode: '12180' },
      'CSV-2': null,
    });
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
