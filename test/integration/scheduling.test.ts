// Scheduling over HTTP: templates, the day schedule's slot states, booking (409 on a taken slot, races), visit steps and triage.
import { describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../src/domain/calendar/index.js';
import { wallTime } from '../../src/domain/scheduling/slots.js';
import { engineName } from '../support/db.js';
import { newTestOrg, patientBody } from '../support/api.js';

const NY = 'America/New_York';
// Tomorrow in the clinic, so an episode referred last month and a contact at the visit are both in the past of the clock.
const DAY = addDays(dayOf(new Date(), NY), 1);
const at = (hhmm: string) => wallTime(DAY, hhmm, NY);
const everyDay = (block: Record<string, unknown>) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ...block }));

async function setUp() {
  const clock = { now: at('08:30') };
  const org = await newTestOrg({ timeZone: NY, now: () => clock.now });
  const [cm, pcp, psych, desk, desk2] = await Promise.all([
    org.user(['care_manager']),
    org.user(['pcp']),
    org.user(['psychiatric_consultant']),
    org.user(['front_desk']),
    org.user(['front_desk']),
  ]);
  const type = async (body: Record<string, unknown>) => {
    const res = await org.admin.post(`/api/clinics/${org.clinicId}/visit-types`, body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const followUp = await type({ name: 'Follow-up', kind: 'follow_up', minutes: 30, bufferMinutes: 10 });
  const brief = await type({ name: 'Brief follow-up', kind: 'follow_up', minutes: 15, bufferMinutes: 5 });
  const handoff = await type({ name: 'Warm handoff', kind: 'warm_handoff', minutes: 20 });
  const template = await org.admin.put(`/api/clinicians/${cm.id}/template`, {
    blocks: [
      ...everyDay({ start: '09:00', end: '10:20', visitTypeId: followUp }),
      ...everyDay({ start: '11:00', end: '11:40', visitTypeId: handoff, protected: true }),
    ],
    releaseMinutesBefore: 120,
  });
  expect(template.status).toBe(200);
  const patientId = (await org.admin.post('/api/patients', patientBody(org.clinicId, { pcpId: pcp.id }))).body
    .id as string;
  return { org, clock, cm, pcp, psych, desk, desk2, followUp, brief, handoff, patientId };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

const slotsOf = async (s: Setup) => {
  const res = await s.desk.get(`/api/schedule?clinicId=${s.org.clinicId}&date=${DAY}`);
  expect(res.status).toBe(200);
  return res.body.clinicians[0].slots as { start: string; state: string; protected: boolean }[];
};

const book = (
  s: Setup,
  client: Setup['desk'],
  start: Date,
  visitTypeId: string,
  extra: Record<string, unknown> = {},
) =>
  client.post('/api/appointments', {
    patientId: s.patientId,
    clinicianId: s.cm.id,
    visitTypeId,
    start: start.toISOString(),
    ...extra,
  });

async function enrol(s: Setup) {
  const referredAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const res = await s.cm.post(`/api/patients/${s.patientId}/episodes`, {
    program: 'cocm',
    referredAt,
    billingPractitionerId: s.pcp.id,
    careManagerId: s.cm.id,
    psychiatricConsultantId: s.psych.id,
    diagnoses: ['F32.1'],
    primaryMeasure: 'phq-9',
    consent: { obtainedAt: referredAt, method: 'verbal', obtainedBy: s.cm.id },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('scheduling', () => {
  it('shows the day: open follow-ups, protected handoff slots until their release minute, then released', async () => {
    const s = await setUp();
    const before = await slotsOf(s);
    expect(before.map((x) => [x.start, x.state])).toEqual([
      [at('09:00').toISOString(), 'open'],
      [at('09:40').toISOString(), 'open'],
      [at('11:00').toISOString(), 'protected'],
      [at('11:20').toISOString(), 'protected'],
    ]);
    s.clock.now = at('09:00'); // two hours before 11:00: the first protected slot is released
    expect((await slotsOf(s)).map((x) => x.state)).toEqual(['open', 'open', 'released', 'protected']);
  });

  it('books a slot once: the second booking of it is 409, and a protected slot takes only a handoff until released', async () => {
    const s = await setUp();
    const first = await book(s, s.desk, at('09:00'), s.followUp);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'booked', fromProtectedSlot: false });
    expect(first.body.end).toBe(at('09:40').toISOString());
    const again = await book(s, s.desk2, at('09:00'), s.followUp);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', issues: [{ field: 'start' }] });

    const routine = await book(s, s.desk, at('11:00'), s.brief);
    expect(routine.status).toBe(422);
    expect(routine.body.error.issues[0].field).toBe('start');
    s.clock.now = at('09:00');
    const released = await book(s, s.desk, at('11:00'), s.brief);
    expect(released.status).toBe(201);
    expect(released.body.fromProtectedSlot).toBe(true);
    expect((await slotsOf(s)).map((x) => x.state)).toEqual(['booked', 'open', 'booked', 'protected']);
  });

  it(`lets one of two concurrent bookings of a slot win: one 201, one 409 (${engineName()})`, async () => {
    const s = await setUp();
    const replies = await Promise.all([
      book(s, s.desk, at('09:40'), s.followUp),
      book(s, s.desk2, at('09:40'), s.followUp),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows = await s.org.db
      .selectFrom('appointments')
      .select('id')
      .where('org_id', '=', s.org.orgId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it.each([
    ['a time that is no slot start', (s: Setup) => book(s, s.desk, at('09:10'), s.followUp), 422, 'start'],
    [
      'a visit type of another organization',
      (s: Setup) => book(s, s.desk, at('09:00'), '00000000-0000-4000-8000-000000000000'),
      404,
      'visitTypeId',
    ],
    [
      'a malformed start',
      (s: Setup) =>
        s.desk.post('/api/appointments', {
          patientId: s.patientId,
          clinicianId: s.cm.id,
          visitTypeId: s.followUp,
          start: '9am',
        }),
      400,
      'start',
    ],
    [
      'a clinician without a schedule',
      (s: Setup) =>
        s.desk.post('/api/appointments', {
          patientId: s.patientId,
          clinicianId: s.pcp.id,
          visitTypeId: s.followUp,
          start: at('09:00').toISOString(),
        }),
      422,
      'clinicianId',
    ],
  ])('refuses %s and books nothing', async (_name, send, status, field) => {
    const s = await setUp();
    const res = await send(s);
    expect(res.status).toBe(status);
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toContain(field);
    const rows = await s.org.db
      .selectFrom('appointments')
      .select('id')
      .where('org_id', '=', s.org.orgId)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('checks in, completes with the minutes logged as a contact on the episode, and refuses steps out of order', async () => {
    const s = await setUp();
    const episodeId = await enrol(s);
    const id = (await book(s, s.desk, at('09:00'), s.followUp)).body.id as string;
    expect((await s.cm.post(`/api/appointments/${id}/complete`, {})).status).toBe(409); // not arrived
    s.clock.now = at('08:55');
    expect((await s.desk.post(`/api/appointments/${id}/check-in`)).body.status).toBe('checked_in');
    expect((await s.desk.post(`/api/appointments/${id}/complete`, {})).status).toBe(403);
    s.clock.now = at('09:35');
    const done = await s.cm.post(`/api/appointments/${id}/complete`, { contact: { minutes: 30 } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', contactId: done.body.contact.id });
    const contacts = await s.org.db
      .selectFrom('contacts')
      .select(['minutes', 'activity', 'staff_id', 'episode_id'])
      .where('org_id', '=', s.org.orgId)
      .execute();
    expect(contacts).toEqual([
      { minutes: 30, activity: 'follow_up', staff_id: s.cm.id, episode_id: episodeId },
    ]);
    expect((await s.desk.post(`/api/appointments/${id}/cancel`, {})).status).toBe(409);
  });

  it('records a late cancel inside 24 hours and frees the slot', async () => {
    const s = await setUp();
    const id = (await book(s, s.desk, at('09:40'), s.followUp)).body.id as string;
    const cancelled = await s.desk.post(`/api/appointments/${id}/cancel`, { by: 'patient' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', lateCancel: true });
    expect((await slotsOf(s))[1]!.state).toBe('open');
    const audit = await s.org.db
      .selectFrom('audit_events')
      .select(['action', 'patient_id'])
      .where('org_id', '=', s.org.orgId)
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['appointment.book', 'appointment.cancel']);
    expect(audit.every((a) => a.patient_id === s.patientId)).toBe(true);
  });

  it('resolves the triage item a booking answers', async () => {
    const s = await setUp();
    const ma = await s.org.user(['medical_assistant']);
    const screening = await ma.post(`/api/patients/${s.patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [2, 2, 2, 2, 2, 2, 3, 3, 0],
      administeredAt: new Date().toISOString(),
    });
    const itemId = screening.body.triage.itemId as string;
    const booked = await book(s, s.desk, at('11:00'), s.handoff, { worklistItemId: itemId });
    expect(booked.status).toBe(201);
    const item = await s.org.db
      .selectFrom('triage_items')
      .select(['status', 'completed_by'])
      .where('org_id', '=', s.org.orgId)
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ status: 'done', completed_by: s.desk.id });
    const twice = await book(s, s.desk, at('11:20'), s.handoff, { worklistItemId: itemId });
    expect(twice.status).toBe(409);
    expect(twice.body.error.issues[0].field).toBe('worklistItemId');
  });

  it('refuses a template with a protected follow-up block, naming the field', async () => {
    const s = await setUp();
    const res = await s.org.admin.put(`/api/clinicians/${s.cm.id}/template`, {
      blocks: [{ weekday: 1, start: '09:00', end: '10:00', visitTypeId: s.followUp, protected: true }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field: 'blocks.0.protected', reason: expect.any(String) }]);
    expect((await s.desk.put(`/api/clinicians/${s.cm.id}/template`, { blocks: [] })).status).toBe(403);
  });
});

describe('same-day warm handoff', () => {
  it('an MA asks, the care manager accepts into the protected slot, and the time to start is recorded', async () => {
    const s = await setUp();
    const ma = await s.org.user(['medical_assistant']);
    s.clock.now = at('10:50');
    const asked = await ma.post('/api/handoffs', { patientId: s.patientId, reason: 'PHQ-9 18, overwhelmed' });
    expect(asked.status).toBe(201);
    const waiting = await s.cm.get(`/api/handoffs?clinicId=${s.org.clinicId}`);
    expect(waiting.body.handoffs.map((h: { id: string }) => h.id)).toEqual([asked.body.id]);
    expect((await s.desk.post(`/api/handoffs/${asked.body.id}/accept`)).status).toBe(403);
    const accepted = await s.cm.post(`/api/handoffs/${asked.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.appointment).toMatchObject({
      start: at('11:00').toISOString(),
      fromProtectedSlot: true,
      clinicianId: s.cm.id,
    });
    expect((await s.cm.post(`/api/handoffs/${asked.body.id}/accept`)).status).toBe(409);
    expect((await slotsOf(s)).map((x) => x.state)).toEqual(['open', 'open', 'booked', 'released']);
    s.clock.now = at('11:02');
    await s.cm.post(`/api/appointments/${accepted.body.appointment.id}/start`);
    const done = await s.cm.get(`/api/handoffs?clinicId=${s.org.clinicId}&status=accepted`);
    expect(done.body.handoffs[0]).toMatchObject({ status: 'accepted', minutesToStart: 12 });
  });
});
