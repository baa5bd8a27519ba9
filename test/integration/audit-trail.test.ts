// The audit trail misses nothing a user was shown or refused: idempotent replays, refused attempts, the
// server's own request id; and every patient route of the OpenAPI document audits its reads.
import { describe, expect, it } from 'vitest';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

async function auditRows(org: TestOrg, action: string) {
  return org.db
    .selectFrom('audit_events')
    .select(['actor_id', 'entity_id', 'patient_id', 'request_id', 'client_request_id', 'details'])
    .where('org_id', '=', org.orgId)
    .where('action', '=', action)
    .execute();
}

async function enrolled(org: TestOrg) {
  const [pcp, cm, psych] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['psychiatric_consultant']),
  ]);
  const patientId = (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }))).body
    .id as string;
  const referredAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const episode = await cm.post(`/api/patients/${patientId}/episodes`, {
    program: 'cocm',
    referredAt,
    billingPractitionerId: pcp.id,
    careManagerId: cm.id,
    psychiatricConsultantId: psych.id,
    diagnoses: ['F32.1'],
    primaryMeasure: 'phq-9',
    consent: { obtainedAt: referredAt, method: 'verbal', obtainedBy: cm.id },
  });
  expect(episode.status).toBe(201);
  return { pcp, cm, psych, patientId, episodeId: episode.body.id as string };
}

describe('audit trail', () => {
  it('records an idempotent replay, which shows the contact and its note again', async () => {
    const org = await newTestOrg();
    const t = await enrolled(org);
    const body = {
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      minutes: 20,
      staffId: t.cm.id,
      activity: 'follow_up',
      modality: 'phone',
      note: 'Talked through sleep.',
    };
    const key = { 'idempotency-key': 'retry-1' };
    const first = await t.cm.post(`/api/episodes/${t.episodeId}/contacts`, body, key);
    const again = await t.cm.post(`/api/episodes/${t.episodeId}/contacts`, body, key);
    expect(again.body.id).toBe(first.body.id);
    expect(await auditRows(org, 'contact.replay')).toEqual([
      expect.objectContaining({ actor_id: t.cm.id, entity_id: first.body.id, patient_id: t.patientId }),
    ]);
  });

  it('records refused attempts on patient resources: a role refusal (403) and another clinic’s record (404)', async () => {
    const org = await newTestOrg();
    const t = await enrolled(org);
    const billing = await org.user(['billing']);
    const elsewhere = await org.user(['care_manager'], [await org.addClinic()]);
    expect((await billing.post(`/api/episodes/${t.episodeId}/notes`, {})).status).toBe(403);
    expect((await elsewhere.get(`/api/patients/${t.patientId}`)).status).toBe(404);
    expect((await org.anonymous.get(`/api/patients/${t.patientId}`)).status).toBe(401);
    const denied = await auditRows(org, 'access.denied');
    expect(denied.map((d) => [d.actor_id, d.entity_id, d.details])).toEqual([
      [billing.id, t.episodeId, { status: 403, method: 'POST', route: '/api/episodes/:id/notes' }],
      [elsewhere.id, t.patientId, { status: 404, method: 'GET', route: '/api/patients/:id' }],
    ]);
  });

  it('keeps its own request id; the client’s X-Request-Id goes to a separate, length-limited field', async () => {
    const org = await newTestOrg();
    const t = await enrolled(org);
    const read = await org.admin.request('GET', `/api/patients/${t.patientId}`, undefined, {
      'x-request-id': 'forged-by-client',
    });
    const tooLong = await org.admin.request('GET', `/api/patients/${t.patientId}`, undefined, {
      'x-request-id': 'x'.repeat(65),
    });
    const rows = await auditRows(org, 'patient.read');
    expect(rows.map((r) => [r.request_id, r.client_request_id])).toEqual([
      [read.headers.get('x-request-id'), 'forged-by-client'],
      [tooLong.headers.get('x-request-id'), null],
    ]);
    expect(read.headers.get('x-request-id')).not.toBe('forged-by-client');
    expect(read.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('audits a read on every patient and episode route of the OpenAPI document', async () => {
    const org = await newTestOrg();
    const t = await enrolled(org);
    const doc = (await org.anonymous.get('/api/openapi.json')).body;
    const ids: Record<string, string> = {
      patients: t.patientId,
      episodes: t.episodeId,
      Patient: t.patientId,
    };
    const routes = Object.entries<Record<string, unknown>>(doc.paths)
      .filter(([path, ops]) => 'get' in ops && /\/(patients|episodes|fhir\/Patient)\/\{id\}/.test(path))
      .map(([path]) => path);
    expect(routes.length).toBeGreaterThanOrEqual(6);
    const client = await org.user(['care_manager']);
    for (const route of routes) {
      const resource = route.split('/{id}')[0]!.split('/').pop()!;
      const before = (
        await org.db.selectFrom('audit_events').select('id').where('org_id', '=', org.orgId).execute()
      ).length;
      const res = await client.get(route.replace('{id}', ids[resource]!));
      expect(res.status, route).toBe(200);
      const after = (
        await org.db.selectFrom('audit_events').select('id').where('org_id', '=', org.orgId).execute()
      ).length;
      expect(after, `${route} wrote no audit row`).toBeGreaterThan(before);
    }
  });
});
