// The registry CSV carries exactly the JSON registry's filtered rows, for the same readers, safe to open.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REGISTRY_CSV_COLUMNS } from '../../src/services/registry/registry-csv.js';
import { newTestOrg, patientBody } from '../support/api.js';

describe('GET /api/registry.csv', () => {
  async function registryWithPatients() {
    const org = await newTestOrg();
    const [pcp, cm, psych] = await Promise.all([
      org.user(['pcp']),
      org.user(['care_manager']),
      org.user(['psychiatric_consultant']),
    ]);
    const names = ['Ana', 'Ben', 'Cleo'];
    for (const [i, givenName] of names.entries()) {
      const familyName = i === 2 ? '=HYPERLINK("http://x")' : 'Patient';
      const patient = await org.admin.post(
        '/api/patients',
        patientBody(org.clinicId, { pcpId: pcp.id, givenName, familyName }),
      );
      expect(patient.status).toBe(201);
      const consentAt = new Date(Date.now() - (i + 1) * 7 * 86_400_000).toISOString();
      const episode = await cm.post(`/api/patients/${patient.body.id}/episodes`, {
        program: 'cocm',
        referredAt: consentAt,
        billingPractitionerId: pcp.id,
        careManagerId: cm.id,
        psychiatricConsultantId: psych.id,
        diagnoses: ['F32.1'],
        primaryMeasure: 'phq-9',
        consent: { obtainedAt: consentAt, method: 'verbal', obtainedBy: cm.id },
      });
      expect(episode.status).toBe(201);
    }
    return { org, cm };
  }

  it('has one row per JSON registry row of the same filter, in the same order', async () => {
    const { org, cm } = await registryWithPatients();
    const filter = `clinicId=${org.clinicId}&careManagerId=${cm.id}&status=active`;
    const json = await cm.get(`/api/registry?${filter}&limit=2`);
    expect(json.status).toBe(200);
    const csv = await cm.get(`/api/registry.csv?${filter}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const asOf = json.body.rows[0].asOf as string;
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="registry-${org.clinicId}-${asOf}.csv"`,
    );
    const rows: Record<string, string>[] = parse(csv.body, { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([...REGISTRY_CSV_COLUMNS]);
    // The JSON pages (limit=2 of 3); the CSV carries the whole filtered view.
    expect(json.body.total).toBe(3);
    expect(rows).toHaveLength(json.body.total);
    const all = (await cm.get(`/api/registry?${filter}`)).body.rows as any[];
    expect(rows.map((r) => [r.mrn, r.status, r.enrolled, r.weeks_in_treatment, r.contacts])).toEqual(
      all.map((r) => [
        r.patient.mrn,
        r.status,
        r.enrolledAt,
        String(r.weeksInTreatment ?? ''),
        String(r.contactCount),
      ]),
    );
    expect(rows.map((r) => r.flags)).toEqual(
      all.map((r) => r.flags.map((f: any) => `${f.code}: ${f.reason}`).join('; ')),
    );
  });

  it('neutralizes a patient name that a spreadsheet would run as a formula', async () => {
    const { org, cm } = await registryWithPatients();
    const rows: Record<string, string>[] = parse(
      (await cm.get(`/api/registry.csv?clinicId=${org.clinicId}`)).body,
      { columns: true },
    );
    const names = rows.map((r) => r.patient_name);
    expect(names).toContain(`'=HYPERLINK("http://x"), Cleo`);
    expect(names.filter((n) => n?.startsWith('='))).toEqual([]);
  });

  it('answers 403 to a role without registry access, and audits the read by ids', async () => {
    const { org, cm } = await registryWithPatients();
    const billing = await org.user(['billing']);
    expect((await billing.get(`/api/registry.csv?clinicId=${org.clinicId}`)).status).toBe(403);
    expect((await cm.get(`/api/registry.csv?clinicId=${org.clinicId}`)).status).toBe(200);
    const audit = await org.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'registry.read')
      .execute();
    expect(audit).toHaveLength(1);
    expect((audit[0]!.details as { count: number }).count).toBe(3);
  });
});
