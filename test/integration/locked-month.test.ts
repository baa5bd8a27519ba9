// A locked billing month keeps its minutes: contacts racing the lock land before it or are refused, and
// every write path (logging, correction, bulk import, a direct insert) meets the same database guard.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

const MONTH = '2026-10';

async function closedMonthTeam(org: TestOrg) {
  const [pcp, cm, psych, billing] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['psychiatric_consultant']),
    org.user(['billing']),
  ]);
  const patientId = (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }))).body
    .id as string;
  const episode = await cm.post(`/api/patients/${patientId}/episodes`, {
    program: 'cocm',
    referredAt: '2026-10-01T14:00:00Z',
    billingPractitionerId: pcp.id,
    careManagerId: cm.id,
    psychiatricConsultantId: psych.id,
    diagnoses: ['F32.1'],
    primaryMeasure: 'phq-9',
    consent: { obtainedAt: '2026-10-02T15:00:00Z', method: 'written', obtainedBy: cm.id },
  });
  expect(episode.status).toBe(201);
  const episodeId = episode.body.id as string;
  const contact = (day: number, minutes = 5) =>
    cm.post(`/api/episodes/${episodeId}/contacts`, {
      occurredAt: `2026-10-${String(day).padStart(2, '0')}T15:00:00Z`,
      minutes,
      staffId: cm.id,
      activity: 'follow_up',
      modality: 'phone',
    });
  expect((await contact(3, 20)).status).toBe(201);
  expect((await billing.post(`/api/billing/months/${MONTH}/close?clinicId=${org.clinicId}`)).status).toBe(
    200,
  );
  const lock = () => billing.post(`/api/billing/months/${MONTH}/lock?clinicId=${org.clinicId}`);
  const monthContacts = async () =>
    Number(
      (
        await org.db
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('org_id', '=', org.orgId)
          .where('episode_id', '=', episodeId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { cm, billing, episodeId, contact, lock, monthContacts };
}

describe('locked billing month', () => {
  it('lets no contact racing the lock commit after it (logging vs locking, 60 writers)', async () => {
    const org = await newTestOrg();
    const t = await closedMonthTeam(org);
    const before = await t.monthContacts();
    const writers: Promise<{ status: number }>[] = [];
    for (let i = 0; i < 30; i++) writers.push(t.contact(4 + (i % 20)));
    // The lock starts while the first writers are between their context read and their insert.
    const locked = t.lock().then(async (res) => ({ res, contactsAtLock: await t.monthContacts() }));
    for (let i = 0; i < 30; i++) writers.push(t.contact(4 + (i % 20)));
    const [{ res, contactsAtLock }, results] = await Promise.all([locked, Promise.all(writers)]);
    expect(res.status).toBe(200);
    const accepted = results.filter((r) => r.status === 201).length;
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    // Whatever committed did so before the lock: the month holds what it held when the lock returned.
    expect(await t.monthContacts()).toBe(contactsAtLock);
    expect(contactsAtLock).toBe(before + accepted);
  });

  it('refuses a replacement dated in a locked month while reversing one in an open month', async () => {
    const org = await newTestOrg();
    const t = await closedMonthTeam(org);
    expect((await t.lock()).status).toBe(200);
    const november = await t.cm.post(`/api/episodes/${t.episodeId}/contacts`, {
      occurredAt: '2026-11-03T15:00:00Z',
      minutes: 10,
      staffId: t.cm.id,
      activity: 'follow_up',
      modality: 'phone',
    });
    expect(november.status).toBe(201);
    const before = await t.monthContacts();
    const res = await t.cm.post(`/api/contacts/${november.body.id}/corrections`, {
      reason: 'wrong month',
      replacement: {
        occurredAt: '2026-10-30T15:00:00Z',
        minutes: 10,
        staffId: t.cm.id,
        activity: 'follow_up',
        modality: 'phone',
      },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.issues[0].field).toBe('occurredAt');
    expect(await t.monthContacts()).toBe(before);
  });

  it('refuses any insert into a locked month in the database itself, naming the month', async () => {
    const org = await newTestOrg();
    const t = await closedMonthTeam(org);
    expect((await t.lock()).status).toBe(200);
    const copy = sql`
      insert into contacts (org_id, episode_id, clinic_id, patient_id, occurred_at, minutes, staff_id,
        staff_role, activity, modality, billed_separately, counts_toward_program, count_reason, created_by)
      select org_id, episode_id, clinic_id, patient_id, occurred_at + interval '1 day', minutes, staff_id,
        staff_role, activity, modality, billed_separately, counts_toward_program, count_reason, created_by
      from contacts where org_id = ${org.orgId} and episode_id = ${t.episodeId}`;
    await expect(copy.execute(org.db)).rejects.toMatchObject({ code: 'CL001', detail: MONTH });
  });
});
