// The worklist's life cycle over HTTP: items closed by the event that answers them, no duplicates for a
// patient in care, owners and filters, and closing by hand with a note and the right role.
import { describe, expect, it } from 'vitest';
import { newTestOrg, patientBody, type TestOrg } from '../support/api.js';

async function patient(org: TestOrg) {
  return (await org.admin.post('/api/patients', patientBody(org.clinicId))).body.id as string;
}

async function team(org: TestOrg) {
  const [pcp, cm, ma] = await Promise.all([
    org.user(['pcp']),
    org.user(['care_manager']),
    org.user(['medical_assistant']),
  ]);
  return { pcp, cm, ma };
}

type Item = {
  id: string;
  disposition: string;
  owner: { id: string } | null;
  closableByYou: boolean;
  completedBy: { id: string; name: string } | null;
  resolution: { kind: string; label: string; eventId: string | null; note: string | null } | null;
};

const PHQ9_18 = [2, 2, 2, 2, 2, 2, 3, 3, 0];
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('worklist life cycle', () => {
  it('closes a positive PHQ-2 item when the PHQ-9 is recorded the same minute, naming who and why', async () => {
    const org = await newTestOrg();
    const { ma } = await team(org);
    const patientId = await patient(org);
    const at = minutesAgo(1);
    const phq2 = await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-2',
      answers: [2, 2],
      administeredAt: at,
    });
    expect(phq2.body.triage.disposition).toBe('administer_full_instrument');
    const phq9 = await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [1, 1, 1, 0, 0, 0, 0, 0, 0],
      administeredAt: at,
    });
    expect(phq9.status).toBe(201);
    const open = await ma.get(`/api/worklist?clinicId=${org.clinicId}`);
    expect(open.body.items).toEqual([]);
    const done = await ma.get(`/api/worklist?clinicId=${org.clinicId}&status=done`);
    expect(done.body.items).toHaveLength(1);
    const item = done.body.items[0] as Item;
    expect(item.id).toBe(phq2.body.triage.itemId);
    expect(item.completedBy?.id).toBe(ma.id);
    expect(item.resolution).toMatchObject({ kind: 'full_instrument', eventId: phq9.body.id, note: null });
  });

  it('leaves a GAD-2 item open when a PHQ-9 is given: only its own full questionnaire answers it', async () => {
    const org = await newTestOrg();
    const { ma } = await team(org);
    const patientId = await patient(org);
    const gad2 = await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'gad-2',
      answers: [2, 2],
      administeredAt: minutesAgo(2),
    });
    await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 0],
      administeredAt: minutesAgo(1),
    });
    const open = await ma.get(`/api/worklist?clinicId=${org.clinicId}`);
    expect(open.body.items.map((i: Item) => i.id)).toEqual([gad2.body.triage.itemId]);
  });

  it('closes the warm handoff on enrolment and adds none for the monthly PHQ-9s of the enrolled patient', async () => {
    const org = await newTestOrg();
    const { pcp, cm, ma } = await team(org);
    const patientId = await patient(org);
    const first = await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: PHQ9_18,
      administeredAt: minutesAgo(60),
    });
    expect(first.body.triage.disposition).toBe('warm_handoff');
    // A second screening before enrolment joins the open handoff instead of adding another.
    const again = await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: PHQ9_18,
      administeredAt: minutesAgo(50),
    });
    expect(again.body.triage.itemId).toBe(first.body.triage.itemId);
    const referredAt = minutesAgo(30);
    const episode = await cm.post(`/api/patients/${patientId}/episodes`, {
      program: 'cocm',
      referredAt,
      billingPractitionerId: pcp.id,
      careManagerId: cm.id,
      diagnoses: ['F32.1'],
      primaryMeasure: 'phq-9',
      consent: { obtainedAt: referredAt, method: 'verbal', obtainedBy: cm.id },
    });
    expect(episode.status).toBe(201);
    for (const m of [20, 10]) {
      const monthly = await cm.post(`/api/patients/${patientId}/screenings`, {
        instrument: 'phq-9',
        answers: PHQ9_18,
        administeredAt: minutesAgo(m),
      });
      expect(monthly.body.triage.disposition).toBe('warm_handoff');
      expect(monthly.body.triage.itemId).toBeNull();
    }
    expect((await cm.get(`/api/worklist?clinicId=${org.clinicId}`)).body.items).toEqual([]);
    const done = (await cm.get(`/api/worklist?clinicId=${org.clinicId}&status=done`)).body.items as Item[];
    expect(done.map((i) => [i.id, i.resolution?.kind, i.resolution?.eventId, i.completedBy?.id])).toEqual([
      [first.body.triage.itemId, 'enrolled', episode.body.id, cm.id],
    ]);
  });

  it('opens a safety item for an enrolled patient, owned by their care manager, and never closes it by an event', async () => {
    const org = await newTestOrg();
    const { pcp, cm } = await team(org);
    const patientId = await patient(org);
    const referredAt = minutesAgo(30);
    await cm.post(`/api/patients/${patientId}/episodes`, {
      program: 'cocm',
      referredAt,
      billingPractitionerId: pcp.id,
      careManagerId: cm.id,
      diagnoses: ['F32.1'],
      primaryMeasure: 'phq-9',
      consent: { obtainedAt: referredAt, method: 'verbal', obtainedBy: cm.id },
    });
    const res = await cm.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 2],
      administeredAt: minutesAgo(5),
    });
    expect(res.body.triage.disposition).toBe('safety_protocol');
    const later = await cm.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 0],
      administeredAt: minutesAgo(1),
    });
    expect(later.status).toBe(201);
    const mine = (await cm.get(`/api/worklist?clinicId=${org.clinicId}&mine=true`)).body.items as Item[];
    expect(mine.map((i) => [i.id, i.disposition, i.owner?.id])).toEqual([
      [res.body.triage.itemId, 'safety_protocol', cm.id],
    ]);
  });

  it('assigns an owner, and filters by mine, kind and overdue', async () => {
    const org = await newTestOrg();
    const { pcp, cm, ma } = await team(org);
    const [a, b] = [await patient(org), await patient(org)];
    // Given two hours ago, a same-day handoff due in 72 h is not overdue; the PHQ-2's same-day due is
    // past only after the clinic's day ends, so use a screening from days ago for an overdue one.
    const handoff = await ma.post(`/api/patients/${a}/screenings`, {
      instrument: 'phq-9',
      answers: PHQ9_18,
      administeredAt: minutesAgo(120),
    });
    const full = await ma.post(`/api/patients/${b}/screenings`, {
      instrument: 'phq-2',
      answers: [3, 3],
      administeredAt: minutesAgo(3 * 24 * 60),
    });
    const assign = await pcp.post(`/api/worklist/${handoff.body.triage.itemId}/assign`, { ownerId: cm.id });
    expect(assign.status).toBe(200);
    expect(assign.body.owner.id).toBe(cm.id);
    const ids = async (client: typeof cm, q: string) =>
      ((await client.get(`/api/worklist?clinicId=${org.clinicId}${q}`)).body.items as Item[]).map(
        (i) => i.id,
      );
    expect(await ids(cm, '&mine=true')).toEqual([handoff.body.triage.itemId]);
    expect(await ids(pcp, '&mine=true')).toEqual([]);
    expect(await ids(cm, '&mine=false')).toHaveLength(2);
    expect(await ids(cm, '&disposition=administer_full_instrument')).toEqual([full.body.triage.itemId]);
    expect(await ids(cm, '&overdue=true')).toEqual([full.body.triage.itemId]);
    // An owner must be a clinical colleague of the item's clinic.
    const frontDesk = await org.user(['front_desk']);
    const bad = await pcp.post(`/api/worklist/${handoff.body.triage.itemId}/assign`, {
      ownerId: frontDesk.id,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toBe('ownerId');
    expect(
      (await pcp.post(`/api/worklist/${handoff.body.triage.itemId}/assign`, { ownerId: null })).body.owner,
    ).toBeNull();
    expect(await ids(cm, '&mine=true')).toEqual([]);
  });

  it.each([
    // domain/worklist/lifecycle.ts CLOSED_BY_HAND_BY
    ['a medical assistant may not close a warm handoff', 'medical_assistant', 'phq-9', PHQ9_18, 403],
    ['a care manager may close a warm handoff', 'care_manager', 'phq-9', PHQ9_18, 200],
    [
      'a medical assistant may close a request for the full questionnaire',
      'medical_assistant',
      'phq-2',
      [2, 2],
      200,
    ],
    [
      'no one closes a safety item by hand: a risk assessment does (suicide-risk.md §1)',
      'medical_assistant',
      'phq-9',
      [0, 0, 0, 0, 0, 0, 0, 0, 1],
      422,
    ],
  ] as const)('%s', async (_rule, role, instrument, answers, status) => {
    const org = await newTestOrg();
    const screener = await org.user(['medical_assistant']);
    const closer = await org.user([role]);
    const patientId = await patient(org);
    const res = await screener.post(`/api/patients/${patientId}/screenings`, {
      instrument,
      answers,
      administeredAt: minutesAgo(1),
    });
    const itemId = res.body.triage.itemId as string;
    const close = await closer.post(`/api/worklist/${itemId}/done`, { note: 'Handled at the visit.' });
    expect(close.status).toBe(status);
    const open = (await closer.get(`/api/worklist?clinicId=${org.clinicId}`)).body.items as Item[];
    expect(open.map((i) => i.id)).toEqual(status === 200 ? [] : [itemId]);
    if (status === 403) expect(open[0]?.closableByYou).toBe(false);
  });

  it('refuses to close by hand without a note, and shows the note as the reason on the Done tab', async () => {
    const org = await newTestOrg();
    const { cm, ma } = await team(org);
    const patientId = await patient(org);
    const res = await ma.post(`/api/patients/${patientId}/screenings`, {
      instrument: 'phq-9',
      answers: PHQ9_18,
      administeredAt: minutesAgo(1),
    });
    const itemId = res.body.triage.itemId as string;
    for (const body of [{}, { note: '   ' }]) {
      const refused = await cm.post(`/api/worklist/${itemId}/done`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['note']);
    }
    expect((await cm.get(`/api/worklist?clinicId=${org.clinicId}`)).body.items).toHaveLength(1);
    expect((await cm.post(`/api/worklist/${itemId}/done`, { note: 'Declined BH care today.' })).status).toBe(
      200,
    );
    const done = (await cm.get(`/api/worklist?clinicId=${org.clinicId}&status=done`)).body.items as Item[];
    expect(done[0]).toMatchObject({
      completedBy: { id: cm.id },
      resolution: { kind: 'manual', note: 'Declined BH care today.' },
    });
    const audit = await org.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('org_id', '=', org.orgId)
      .where('entity_id', '=', itemId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['triage_item.complete']);
    expect(JSON.stringify(audit)).not.toContain('Declined');
  });
});
