// General BHI over HTTP: who may log minutes (the pack's rule) and 99484 vs G0323 by who bills (billing.md §1, §3).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/cli/database.js';
import type { Credential } from '../../src/domain/billing/vocabulary.js';
import type { Role } from '../../src/services/actor.js';
import { importRows } from '../../src/services/bulk/import-rows.js';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';
import { testDatabase } from '../support/db.js';

const MONTH = '2026-10';

async function staffMember(org: TestOrg, roles: Role[], credential: Credential | null, npi?: string) {
  const user = await org.user(roles);
  await org.db
    .updateTable('users')
    .set({ credential, ...(npi ? { npi } : {}) })
    .where('id', '=', user.id)
    .execute();
  return user;
}

/** A general BHI episode billed by `practitioner`, consented and diagnosed, referred on 1 October. */
async function generalBhiEpisode(
  org: TestOrg,
  practitioner: { id: string },
  careManager: { id: string; post: TestOrg['admin']['post'] },
) {
  const patient = await org.admin.post(
    '/api/patients',
    patientBody(org.clinicId, { pcpId: practitioner.id }),
  );
  const episode = await careManager.post(`/api/patients/${patient.body.id}/episodes`, {
    program: 'general_bhi',
    referredAt: '2026-10-01T14:00:00Z',
    billingPractitionerId: practitioner.id,
    careManagerId: careManager.id,
    diagnoses: ['F41.1'],
    primaryMeasure: 'gad-7',
    initiatingVisit: { date: '2026-10-01', type: 'em', practitionerId: practitioner.id },
    consent: {
      obtainedAt: '2026-10-02T15:00:00Z',
      method: 'verbal',
      obtainedBy: careManager.id,
      costSharingExplained: true,
      consultationExplained: true,
    },
  });
  expect(episode.status).toBe(201);
  return episode.body.id as string;
}

const contact = (staffId: string, occurredAt: string, minutes: number, activity = 'follow_up') => ({
  occurredAt,
  minutes,
  staffId,
  activity,
  modality: 'phone',
});

async function closedClaims(org: TestOrg) {
  const billing = await org.user(['billing']);
  const closed = await billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`);
  expect(closed.status).toBe(200);
  const claims = await billing.get(`/api/billing/months/${MONTH}/claims?clinicId=${org.clinicId}`);
  return claims.body as { claims: any[]; skipped: any[] };
}

describe('general BHI: 99484 or G0323 by who bills (billing.md §3)', () => {
  it('an LCSW (22 min) and an RN (12 min) incident to the PCP bill 99484 on 34 minutes under the PCP', async () => {
    const org = await newTestOrg();
    const pcp = await staffMember(org, ['pcp'], 'md', '1234567893');
    const lcsw = await staffMember(org, ['care_manager'], 'lcsw');
    const rn = await staffMember(org, ['care_manager'], 'rn');
    const episode = await generalBhiEpisode(org, pcp, lcsw);
    expect(
      (await lcsw.post(`/api/episodes/${episode}/contacts`, contact(lcsw.id, '2026-10-06T15:00:00Z', 22)))
        .status,
    ).toBe(201);
    expect(
      (await rn.post(`/api/episodes/${episode}/contacts`, contact(rn.id, '2026-10-13T15:00:00Z', 12))).status,
    ).toBe(201);

    const { claims } = await closedClaims(org);
    expect(claims.map((c) => [c.episodeId, c.code, c.units, c.minutes])).toEqual([[episode, '99484', 1, 34]]);
    expect(claims[0].billingPractitionerId).toBe(pcp.id);
    expect(claims[0].reasons[0]).toMatch(
      /34 counted minutes of clinical staff, incident to the billing practitioner/,
    );
  });

  it('an LCSW who is the billing practitioner bills G0323 on their own minutes only', async () => {
    const org = await newTestOrg();
    const lcsw = await staffMember(org, ['pcp'], 'lcsw', '1234567893');
    const rn = await staffMember(org, ['care_manager'], 'rn');
    const episode = await generalBhiEpisode(org, lcsw, rn);
    for (const [who, at, minutes] of [
      [lcsw, '2026-10-06T15:00:00Z', 15],
      [lcsw, '2026-10-20T15:00:00Z', 10],
      [rn, '2026-10-13T15:00:00Z', 30],
    ] as const) {
      const res = await who.post(
        `/api/episodes/${episode}/contacts`,
        contact(who.id, at, minutes, 'care_coordination'),
      );
      expect(res.status).toBe(201);
    }

    const { claims } = await closedClaims(org);
    expect(claims.map((c) => [c.code, c.units, c.minutes])).toEqual([['G0323', 1, 25]]);
    expect(claims[0].billingPractitionerId).toBe(lcsw.id);
    expect(claims[0].reasons[1]).toMatch(/^30 minutes of other staff not billed/);
  });

  it('an LCSW billing practitioner short of 20 own minutes is skipped, however many staff minutes', async () => {
    const org = await newTestOrg();
    const lcsw = await staffMember(org, ['pcp'], 'lcsw', '1234567893');
    const rn = await staffMember(org, ['care_manager'], 'rn');
    const episode = await generalBhiEpisode(org, lcsw, rn);
    await lcsw.post(
      `/api/episodes/${episode}/contacts`,
      contact(lcsw.id, '2026-10-06T15:00:00Z', 19, 'care_coordination'),
    );
    await rn.post(`/api/episodes/${episode}/contacts`, contact(rn.id, '2026-10-13T15:00:00Z', 40));

    const { claims, skipped } = await closedClaims(org);
    expect(claims).toEqual([]);
    expect(skipped.map((s) => s.episodeId)).toEqual([episode]);
    expect(skipped[0].reason).toMatch(/^below 20 minutes: 19 minutes of the billing practitioner's own time/);
  });
});

describe('who may log minutes comes from the pack (billing.md §1, §3)', () => {
  it('a medical assistant logs general BHI minutes that count toward 99484', async () => {
    const org = await newTestOrg();
    const pcp = await staffMember(org, ['pcp'], 'md', '1234567893');
    const cm = await staffMember(org, ['care_manager'], 'rn');
    const ma = await staffMember(org, ['medical_assistant'], 'ma');
    const episode = await generalBhiEpisode(org, pcp, cm);

    const logged = await cm.post(
      `/api/episodes/${episode}/contacts`,
      contact(ma.id, '2026-10-08T15:00:00Z', 21, 'outreach'),
    );
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ staffRole: 'medical_assistant', countsTowardProgram: true });

    const list = await cm.get(`/api/episodes/${episode}/contacts`);
    expect(list.body.loggingRoles).toEqual([
      'pcp',
      'care_manager',
      'psychiatric_consultant',
      'medical_assistant',
    ]);

    const { claims } = await closedClaims(org);
    expect(claims.map((c) => [c.code, c.minutes])).toEqual([['99484', 21]]);
  });

  it('a medical assistant’s CoCM minutes are refused at staffId with the pack’s reason, and nothing is written', async () => {
    const org = await newTestOrg();
    const pcp = await staffMember(org, ['pcp'], 'md', '1234567893');
    const cm = await staffMember(org, ['care_manager'], 'lcsw');
    const ma = await staffMember(org, ['medical_assistant'], 'ma');
    const patient = await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }));
    const episode = (
      await cm.post(`/api/patients/${patient.body.id}/episodes`, {
        program: 'cocm',
        referredAt: '2026-10-01T14:00:00Z',
        billingPractitionerId: pcp.id,
        careManagerId: cm.id,
        diagnoses: ['F32.1'],
        primaryMeasure: 'phq-9',
      })
    ).body.id as string;

    const refused = await cm.post(
      `/api/episodes/${episode}/contacts`,
      contact(ma.id, '2026-10-08T15:00:00Z', 21, 'outreach'),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues).toEqual([
      {
        field: 'staffId',
        reason: expect.stringMatching(
          /^medical assistant minutes do not count toward CoCM under rule pack 2026-medicare-v1/,
        ),
      },
    ]);
    const list = await cm.get(`/api/episodes/${episode}/contacts`);
    expect(list.body.contacts).toEqual([]);
    expect(list.body.loggingRoles).toEqual(['pcp', 'care_manager', 'psychiatric_consultant']);
  });

  it('bulk import asks the same rule: the MA row is accepted on general BHI, refused on CoCM', async () => {
    const org = await newTestOrg();
    const pcp = await staffMember(org, ['pcp'], 'md', '1234567893');
    const cm = await staffMember(org, ['care_manager'], 'rn');
    const ma = await staffMember(org, ['medical_assistant'], 'ma');
    const general = await generalBhiEpisode(org, pcp, cm);
    const patient = await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }));
    const cocm = (
      await cm.post(`/api/patients/${patient.body.id}/episodes`, {
        program: 'cocm',
        referredAt: '2026-10-01T14:00:00Z',
        billingPractitionerId: pcp.id,
        careManagerId: cm.id,
        diagnoses: ['F32.1'],
        primaryMeasure: 'phq-9',
      })
    ).body.id as string;
    const path = join(mkdtempSync(join(tmpdir(), 'careloop-bhi-')), 'contacts.csv');
    writeFileSync(
      path,
      [
        'episodeId,occurredAt,minutes,staffId,activity,modality,billedSeparately,staffRole,note',
        `${general},2026-10-08T15:00:00Z,21,${ma.id},outreach,phone,,,`,
        `${cocm},2026-10-08T15:00:00Z,21,${ma.id},outreach,phone,,,`,
      ].join('\n') + '\n',
    );
    const { pgPool } = await testDatabase();
    const report = await importRows({
      noun: 'contact',
      now: new Date(),
      target: { db: org.db, pgPool },
      actor: await cliActor(org.db, org.orgId),
      clinicId: org.clinicId,
      source: { file: path, format: 'csv' },
    });
    expect(report).toMatchObject({ imported: 1, rejectedCount: 1 });
    expect(report.rejected.map((r) => [r.line, r.issues.map((i) => i.field)])).toEqual([[3, ['staffId']]]);
    expect(report.rejected[0]!.issues[0]!.reason).toMatch(
      /^medical assistant minutes do not count toward CoCM/,
    );
  });
});
