// Bulk import of contacts and screenings through the CLI-facing service, on a real database: rows
// land or are reported by line and field, a refused batch writes nothing, and the minute rollups
// stay equal to a recount after imports, the simulation, corrections and concurrent logging.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/cli/database.js';
import { importRows } from '../../src/services/bulk/import-rows.js';
import { recountMismatches } from '../../src/services/contacts/minute-rollups.js';
import { runScaleSim } from '../../src/sim/scale/run-scale-sim.js';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';
import { testDatabase } from '../support/db.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const dir = mkdtempSync(join(tmpdir(), 'careloop-bulk-'));
let files = 0;
const file = (name: string, lines: string[]) => {
  const path = join(dir, `${++files}-${name}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};
const ndjson = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));
const CONTACT_HEADER =
  'episodeId,occurredAt,minutes,staffId,activity,modality,billedSeparately,staffRole,note';

async function clinicTeam(org: TestOrg) {
  const [pcp, cm, psych] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['psychiatric_consultant']),
  ]);
  const patient = async () =>
    (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }))).body.id as string;
  const patientIds = [await patient(), await patient()];
  const episodeIds: string[] = [];
  for (const patientId of patientIds) {
    const res = await cm.post(`/api/patients/${patientId}/episodes`, {
      program: 'cocm',
      referredAt: daysAgo(60),
      billingPractitionerId: pcp.id,
      careManagerId: cm.id,
      psychiatricConsultantId: psych.id,
      diagnoses: ['F32.1'],
      primaryMeasure: 'phq-9',
      consent: { obtainedAt: daysAgo(59), method: 'verbal', obtainedBy: cm.id },
    });
    expect(res.status).toBe(201);
    episodeIds.push(res.body.id);
  }
  const { pgPool } = await testDatabase();
  const actor = await cliActor(org.db, org.orgId);
  const target = { db: org.db, pgPool };
  const importFile = (
    noun: 'contact' | 'screening',
    path: string,
    format: 'csv' | 'ndjson',
    batchSize?: number,
  ) =>
    importRows({
      noun,
      target,
      actor,
      clinicId: org.clinicId,
      source: { file: path, format },
      now: new Date(),
      batchSize,
    });
  return { pcp, cm, psych, patientIds, episodeIds, target, actor, importFile };
}

const contactRows = async (org: TestOrg) =>
  org.db
    .selectFrom('contacts')
    .select(['episode_id', 'minutes', 'staff_role', 'counts_toward_program', 'note'])
    .where('org_id', '=', org.orgId)
    .orderBy('minutes')
    .execute();

describe('bulk import', () => {
  it('imports good CSV contact rows and reports each bad row by line, field and reason', async () => {
    const org = await newTestOrg();
    const t = await clinicTeam(org);
    const [e1, e2] = t.episodeIds as [string, string];
    const path = file('contacts.csv', [
      CONTACT_HEADER,
      `${e1},${daysAgo(30)},25,${t.cm.id},follow_up,phone,,,`,
      `${e2},${daysAgo(20)},40,${t.cm.id},initial_assessment,in_person,false,care_manager,"first visit,\tin ""person"" \\ ok"`,
      `${e1},${daysAgo(10)},12,${t.psych.id},case_review,none,,psychiatric_consultant,`,
      `${e1},${daysAgo(9)},0,${t.cm.id},follow_up,phone,,,`,
      `${e1},${daysAgo(9)},30,${t.cm.id},dancing,phone,,,`,
      `00000000-0000-4000-8000-000000000000,${daysAgo(9)},30,${t.cm.id},follow_up,phone,,,`,
      `${e2},${daysAgo(90)},30,${t.cm.id},follow_up,phone,,,`,
      `${e2},2999-01-01T00:00:00Z,30,${t.cm.id},follow_up,phone,,,`,
      `${e2},${daysAgo(5)},30,${t.pcp.id},follow_up,phone,,psychiatric_consultant,`,
      `${e2},yesterday,thirty,${t.cm.id},follow_up,phone,,,`,
    ]);
    const report = await t.importFile('contact', path, 'csv');
    expect(report).toMatchObject({ read: 10, imported: 3, batches: 1, rejectedCount: 7, failed: [] });
    expect(report.rejected.map((r) => [r.line, r.issues.map((i) => i.field)])).toEqual([
      [5, ['minutes']],
      [6, ['activity']],
      [7, ['episodeId']],
      [8, ['occurredAt']],
      [9, ['occurredAt']],
      [10, ['staffRole']],
      [11, ['occurredAt', 'minutes']],
    ]);
    expect(report.rejected[0]!.issues[0]!.reason).toMatch(/at least 1/);
    expect(report.rejected[3]!.issues[0]!.reason).toMatch(/before the referral/);
    expect(await contactRows(org)).toEqual([
      {
        episode_id: e1,
        minutes: 12,
        staff_role: 'psychiatric_consultant',
        counts_toward_program: false,
        note: null,
      },
      { episode_id: e1, minutes: 25, staff_role: 'care_manager', counts_toward_program: true, note: null },
      {
        episode_id: e2,
        minutes: 40,
        staff_role: 'care_manager',
        counts_toward_program: true,
        note: 'first visit,\tin "person" \\ ok',
      },
    ]);
    expect(await recountMismatches(org.db, org.orgId)).toEqual([]);
    const audit = await org.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'contact.import')
      .execute();
    expect(audit).toEqual([
      { action: 'contact.import', details: { count: 3, batch: 1, firstLine: 2, lastLine: 11 } },
    ]);
  });

  it('imports NDJSON screenings: scored, recent positives on the worklist, bad lines reported', async () => {
    const org = await newTestOrg();
    const t = await clinicTeam(org);
    const [p1, p2] = t.patientIds as [string, string];
    const path = file('screenings.ndjson', [
      ...ndjson([
        {
          patientId: p1,
          instrument: 'phq-9',
          answers: [2, 2, 2, 2, 2, 2, 1, 1, 0],
          administeredAt: daysAgo(2),
        },
        { patientId: p2, instrument: 'phq-2', answers: [0, 1], administeredAt: daysAgo(200) },
        { patientId: p2, instrument: 'gad-7', answers: [3, 3, 3, 3, 3, 3, 3], administeredAt: daysAgo(100) },
        { patientId: p1, instrument: 'phq-9', answers: [1, 1, 1], administeredAt: daysAgo(3) },
        { patientId: p1, instrument: 'phq-2', answers: [0, 4], administeredAt: daysAgo(3) },
      ]),
      '',
      '{"patientId": ',
      ...ndjson([
        {
          patientId: '00000000-0000-4000-8000-000000000000',
          instrument: 'phq-2',
          answers: [0, 0],
          administeredAt: daysAgo(1),
        },
        {
          patientId: p1,
          instrument: 'phq-2',
          answers: [0, 0],
          administeredAt: daysAgo(1),
          administeredBy: p2,
        },
      ]),
    ]);
    const report = await t.importFile('screening', path, 'ndjson');
    expect(report).toMatchObject({ read: 8, imported: 3, rejectedCount: 5, failed: [] });
    expect(report.rejected.map((r) => [r.line, r.issues.map((i) => i.field)])).toEqual([
      [4, ['answers']],
      [5, ['answers.1']],
      [7, ['line']],
      [8, ['patientId']],
      [9, ['administeredBy']],
    ]);
    const rows = await org.db
      .selectFrom('screenings')
      .select(['patient_id', 'instrument', 'total', 'positive', 'administered_by'])
      .where('org_id', '=', org.orgId)
      .orderBy('administered_at')
      .execute();
    expect(rows).toEqual([
      { patient_id: p2, instrument: 'phq-2', total: 1, positive: false, administered_by: t.actor.userId },
      { patient_id: p2, instrument: 'gad-7', total: 21, positive: true, administered_by: t.actor.userId },
      { patient_id: p1, instrument: 'phq-9', total: 14, positive: true, administered_by: t.actor.userId },
    ]);
    // Only the recent positive opens a worklist item; the older one was handled when it was given.
    const items = await org.db
      .selectFrom('triage_items')
      .select(['patient_id', 'status'])
      .where('org_id', '=', org.orgId)
      .execute();
    expect(items).toEqual([{ patient_id: p1, status: 'open' }]);
  });

  it('rejects a NUL at its line before the database, and goes on with the rest of its batch', async () => {
    const org = await newTestOrg();
    const t = await clinicTeam(org);
    const [e1] = t.episodeIds as [string];
    const row = (minutes: number, note = '') =>
      `${e1},${daysAgo(minutes)},${minutes},${t.cm.id},follow_up,phone,,,${note}`;
    // No PostgreSQL text column accepts a NUL: it used to fail its whole batch in the database.
    const path = file('contacts.csv', [
      CONTACT_HEADER,
      row(11),
      row(12),
      row(13, 'bad\u0000note'),
      row(14),
      row(15),
    ]);
    const report = await t.importFile('contact', path, 'csv', 2);
    expect(report).toMatchObject({ read: 5, imported: 4, batches: 3, rejectedCount: 1 });
    expect(report.rejected).toEqual([
      {
        line: 4,
        issues: [{ field: 'note', reason: 'must not contain NUL characters or unpaired surrogates' }],
      },
    ]);
    expect(report.failed).toEqual([]);
    expect((await contactRows(org)).map((r) => r.minutes)).toEqual([11, 12, 14, 15]);
    expect(await recountMismatches(org.db, org.orgId)).toEqual([]);
    const audits = await org.db
      .selectFrom('audit_events')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'contact.import')
      .executeTakeFirstOrThrow();
    expect(audits.n).toBe(3);
  });

  it('keeps the rollups equal to a recount through imports, corrections and concurrent logging', async () => {
    const org = await newTestOrg();
    const t = await clinicTeam(org);
    const [e1, e2] = t.episodeIds as [string, string];
    const lines = [CONTACT_HEADER];
    for (let n = 0; n < 60; n++) {
      lines.push(
        `${n % 2 ? e1 : e2},${daysAgo(1 + (n % 50))},${5 + n},${t.cm.id},follow_up,phone,${n % 7 === 0},,`,
      );
    }
    const logged = Array.from({ length: 12 }, (_, n) =>
      t.cm.post(`/api/episodes/${n % 2 ? e1 : e2}/contacts`, {
        occurredAt: daysAgo(2 + n),
        minutes: 10 + n,
        staffId: t.cm.id,
        activity: 'care_coordination',
        modality: 'none',
      }),
    );
    const [report, ...replies] = await Promise.all([
      t.importFile('contact', file('concurrent.csv', lines), 'csv', 7),
      ...logged,
    ]);
    expect(report).toMatchObject({ imported: 60, rejectedCount: 0, failed: [] });
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(201));
    const corrected = await t.cm.post(`/api/contacts/${replies[0]!.body.id}/corrections`, {
      reason: 'wrong minutes',
      replacement: {
        occurredAt: daysAgo(3),
        minutes: 44,
        staffId: t.cm.id,
        activity: 'follow_up',
        modality: 'phone',
      },
    });
    expect(corrected.status).toBe(201);
    expect(await recountMismatches(org.db, org.orgId)).toEqual([]);

    const sim = await runScaleSim(t.target, { patients: 150, clinics: 2, months: 3, seed: 11 });
    expect(sim.tally).toMatchObject({ rejected: 0, failedBatches: 0 });
    expect(await recountMismatches(org.db, sim.orgId)).toEqual([]);
    expect(await recountMismatches(org.db, org.orgId)).toEqual([]);
  });
});
