// Clinics over HTTP: an admin sets name, time zone and the billing identity (group NPI, EIN, address).
import { describe, expect, it } from 'vitest';
import { newTestOrg } from '../support/api.js';

const IDENTITY = {
  billingNpi: '1234567893',
  taxId: '12-3456789',
  address: { line1: '100 Main St', city: 'Albany', state: 'ny', postalCode: '122071001' },
};

const clinicOf = async (org: Awaited<ReturnType<typeof newTestOrg>>) =>
  (await org.admin.get('/api/clinics')).body.clinics.find((c: { id: string }) => c.id === org.clinicId);

describe('clinic billing identity', () => {
  it('is set by an admin, stored normalised, returned by GET /api/clinics, audited, and cleared with null', async () => {
    const org = await newTestOrg();
    expect(await clinicOf(org)).toEqual({
      id: org.clinicId,
      name: 'Test clinic',
      timezone: 'America/New_York',
      billingNpi: null,
      taxId: null,
      address: null,
      allowNonBehavioralDiagnosis: false,
    });
    const res = await org.admin.patch(`/api/clinics/${org.clinicId}`, { name: 'Albany Family', ...IDENTITY });
    expect(res.status).toBe(200);
    const expected = {
      id: org.clinicId,
      name: 'Albany Family',
      timezone: 'America/New_York',
      billingNpi: '1234567893',
      taxId: '123456789',
      address: { line1: '100 Main St', line2: null, city: 'Albany', state: 'NY', postalCode: '12207-1001' },
      allowNonBehavioralDiagnosis: false,
    };
    expect(res.body).toEqual(expected);
    expect(await clinicOf(org)).toEqual(expected);

    const audit = await org.admin.get('/api/audit?action=clinic.update');
    expect(audit.body.events).toHaveLength(1);
    expect(audit.body.events[0]).toMatchObject({
      entityId: org.clinicId,
      details: { fields: 'name,billingNpi,taxId,address' },
    });

    const cleared = await org.admin.patch(`/api/clinics/${org.clinicId}`, { taxId: null, address: null });
    expect(cleared.body).toMatchObject({ billingNpi: '1234567893', taxId: null, address: null });
  });

  it.each([
    [
      'NPI check digit (Luhn)',
      { billingNpi: '1234567890' },
      'billingNpi',
      'is not a valid NPI: the check digit (Luhn) does not match',
    ],
    ['NPI length', { billingNpi: '12345' }, 'billingNpi', 'must be a 10-digit NPI'],
    ['EIN format', { taxId: '12-34567' }, 'taxId', 'must be a 9-digit EIN, e.g. 12-3456789'],
    [
      'USPS state',
      { address: { ...IDENTITY.address, state: 'XX' } },
      'address.state',
      'must be a 2-letter USPS state code such as NY',
    ],
    [
      'ZIP or ZIP+4',
      { address: { ...IDENTITY.address, postalCode: '1220' } },
      'address.postalCode',
      'must be a ZIP code: 5 digits or ZIP+4 (12345-6789)',
    ],
    [
      'a complete address',
      { address: { line1: '100 Main St' } },
      'address.city',
      'Invalid input: expected string, received undefined',
    ],
    [
      'IANA time zone',
      { timezone: 'Mars/Olympus' },
      'timezone',
      'must be an IANA time zone such as America/New_York',
    ],
    ['a non-blank name', { name: '  ' }, 'name', 'is required'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_rule, body, field, reason) => {
    const org = await newTestOrg();
    const before = await clinicOf(org);
    // A valid field alongside: nothing at all is written when any field fails.
    const res = await org.admin.patch(`/api/clinics/${org.clinicId}`, { name: 'Renamed', ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.issues).toContainEqual({ field, reason });
    expect(await clinicOf(org)).toEqual(before);
    expect((await org.admin.get('/api/audit?action=clinic.update')).body.events).toHaveLength(0);
  });

  it('refuses an empty change, a malformed id, another organization’s clinic, and non-admins', async () => {
    const org = await newTestOrg();
    const other = await newTestOrg();
    const empty = await org.admin.patch(`/api/clinics/${org.clinicId}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0].reason).toBe('nothing to change');
    expect((await org.admin.patch('/api/clinics/nope', IDENTITY)).status).toBe(400);
    const foreign = await org.admin.patch(`/api/clinics/${other.clinicId}`, IDENTITY);
    expect(foreign.status).toBe(404);
    const billing = await org.user(['billing']);
    expect((await billing.patch(`/api/clinics/${org.clinicId}`, IDENTITY)).status).toBe(403);
    expect((await clinicOf(other)).billingNpi).toBeNull();
  });

  it('keeps the time zone once contacts exist: their billing months were cut in it', async () => {
    const org = await newTestOrg();
    expect(
      (await org.admin.patch(`/api/clinics/${org.clinicId}`, { timezone: 'America/Chicago' })).status,
    ).toBe(200);
    const [pcp, cm] = await Promise.all([org.user(['pcp']), org.user(['care_manager'])]);
    const patient = await org.admin.post('/api/patients', {
      clinicId: org.clinicId,
      mrn: 'TZ-1',
      givenName: 'Tess',
      familyName: 'Zone',
      birthDate: '1970-01-01',
      sex: 'female',
    });
    const episode = await cm.post(`/api/patients/${patient.body.id}/episodes`, {
      program: 'cocm',
      referredAt: '2026-10-01T14:00:00Z',
      billingPractitionerId: pcp.id,
      careManagerId: cm.id,
      diagnoses: ['F32.1'],
      primaryMeasure: 'phq-9',
    });
    expect(episode.status).toBe(201);
    const contact = await cm.post(`/api/episodes/${episode.body.id}/contacts`, {
      occurredAt: '2026-10-05T15:00:00Z',
      minutes: 20,
      staffId: cm.id,
      activity: 'follow_up',
      modality: 'phone',
    });
    expect(contact.status).toBe(201);
    const moved = await org.admin.patch(`/api/clinics/${org.clinicId}`, { timezone: 'America/Denver' });
    expect(moved.status).toBe(422);
    expect(moved.body.error.issues[0].field).toBe('timezone');
    // Naming the zone it already has, or changing other fields, is fine.
    expect(
      (await org.admin.patch(`/api/clinics/${org.clinicId}`, { timezone: 'America/Chicago', ...IDENTITY }))
        .status,
    ).toBe(200);
  });

  it('accepts the billing identity when the clinic is added', async () => {
    const org = await newTestOrg();
    const res = await org.admin.post('/api/clinics', {
      name: 'Troy',
      timezone: 'America/New_York',
      ...IDENTITY,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      taxId: '123456789',
      address: { state: 'NY', postalCode: '12207-1001' },
    });
  });

  it('documents PATCH /api/clinics/{id} with its roles in OpenAPI', async () => {
    const org = await newTestOrg();
    const doc = await org.anonymous.get('/api/openapi.json');
    const op = doc.body.paths['/api/clinics/{id}'].patch;
    expect(op['x-roles']).toEqual(['admin']);
    expect(Object.keys(op.requestBody.content['application/json'].schema.properties)).toEqual([
      'name',
      'timezone',
      'billingNpi',
      'taxId',
      'address',
      'allowNonBehavioralDiagnosis',
    ]);
  });
});
