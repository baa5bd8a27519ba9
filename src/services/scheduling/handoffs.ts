// Same-day warm handoffs: a PCP or MA asks, the BH clinicians on duty see it, one accepts into today's handoff slot.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { dayOf } from '../../domain/calendar/index.js';
import { warmHandoffOffer } from '../../domain/scheduling/offers.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { trimmed, uuid } from '../schemas.js';
import type { AppointmentView } from './appointment-view.js';
import { bookInTransaction } from './book-appointment.js';
import { loadClinicDay } from './clinic-day.js';

export const handoffInput = z.object({ patientId: uuid, reason: trimmed(300) });
export const handoffQuery = z.object({
  clinicId: uuid,
  status: z.enum(['requested', 'accepted']).default('requested'),
});

export interface HandoffView {
  id: string;
  clinicId: string;
  patientId: string;
  reason: string;
  status: 'requested' | 'accepted';
  requestedAt: string;
  requestedBy: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  appointmentId: string | null;
  /** Minutes from the request to the visit's start, once started (scheduling.md §2 measures). */
  minutesToStart: number | null;
}

export async function requestHandoff({
  db,
  actor,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  input: z.output<typeof handoffInput>;
  now: Date;
}): Promise<HandoffView> {
  return db.transaction().execute(async (trx) => {
    const patient = await trx
      .selectFrom('patients')
      .select(['id', 'clinic_id'])
      .where('org_id', '=', actor.orgId)
      .where('id', '=', input.patientId)
      .executeTakeFirst();
    if (!patient || !actor.clinicIds.includes(patient.clinic_id))
      throw AppError.notFound('Patient', 'patientId');
    const row = await trx
      .insertInto('handoffs')
      .values({
        org_id: actor.orgId,
        clinic_id: patient.clinic_id,
        patient_id: patient.id,
        reason: input.reason,
        requested_at: now,
        requested_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'handoff.request',
      entity: 'handoff',
      entityId: row.id,
      patientId: patient.id,
      clinicId: patient.clinic_id,
    });
    return {
      id: row.id,
      clinicId: patient.clinic_id,
      patientId: patient.id,
      reason: input.reason,
      status: 'requested',
      requestedAt: now.toISOString(),
      requestedBy: actor.userId,
      acceptedAt: null,
      acceptedBy: null,
      appointmentId: null,
      minutesToStart: null,
    };
  });
}

/** The clinic's handoffs in a status, newest first: the BH team polls this to see requests at once. */
export async function listHandoffs({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof handoffQuery>;
}): Promise<{ handoffs: HandoffView[] }> {
  assertClinicAccess(actor, query.clinicId);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('handoffs as h')
      .leftJoin('appointments as a', (j) =>
        j.onRef('a.org_id', '=', 'h.org_id').onRef('a.id', '=', 'h.appointment_id'),
      )
      .selectAll('h')
      .select('a.started_at')
      .where('h.org_id', '=', actor.orgId)
      .where('h.clinic_id', '=', query.clinicId)
      .where('h.status', '=', query.status)
      .orderBy('h.requested_at', 'desc')
      .limit(200)
      .execute();
    await recordAudit(trx, actor, {
      action: 'handoff.list',
      entity: 'handoff',
      clinicId: query.clinicId,
      details: { patientIds: [...new Set(rows.map((r) => r.patient_id))], count: rows.length },
    });
    return {
      handoffs: rows.map((r) => ({
        id: r.id,
        clinicId: r.clinic_id,
        patientId: r.patient_id,
        reason: r.reason,
        status: r.status,
        requestedAt: r.requested_at.toISOString(),
        requestedBy: r.requested_by,
        acceptedAt: r.accepted_at?.toISOString() ?? null,
        acceptedBy: r.accepted_by,
        appointmentId: r.appointment_id,
        minutesToStart: r.started_at
          ? Math.round((r.started_at.getTime() - r.requested_at.getTime()) / 60_000)
          : null,
      })),
    };
  });
}

/** The accepting clinician takes today's first free handoff slot of their own schedule (protected first). */
export async function acceptHandoff({
  db,
  actor,
  handoffId,
  now,
}: {
  db: Db;
  actor: Actor;
  handoffId: string;
  now: Date;
}): Promise<{
  handoff: { id: string; status: 'accepted'; acceptedAt: string };
  appointment: AppointmentView;
}> {
  if (!uuid.safeParse(handoffId).success) throw AppError.notFound('Handoff');
  return db.transaction().execute(async (trx) => {
    const handoff = await trx
      .selectFrom('handoffs')
      .select(['id', 'clinic_id', 'patient_id', 'status'])
      .where('org_id', '=', actor.orgId)
      .where('id', '=', handoffId)
      .forUpdate()
      .executeTakeFirst();
    if (!handoff || !actor.clinicIds.includes(handoff.clinic_id)) throw AppError.notFound('Handoff');
    if (handoff.status !== 'requested')
      throw AppError.conflict('status', 'another clinician has accepted it');
    const timeZone = (
      await trx
        .selectFrom('clinics')
        .select('timezone')
        .where('org_id', '=', actor.orgId)
        .where('id', '=', handoff.clinic_id)
        .executeTakeFirstOrThrow()
    ).timezone;
    const today = dayOf(now, timeZone);
    const day = await loadClinicDay(trx, {
      orgId: actor.orgId,
      clinicId: handoff.clinic_id,
      date: today,
      now,
      clinicianId: actor.userId,
    });
    const slots = (day.clinicians[0]?.slots ?? []).map((slot) => ({ slot, state: slot.state }));
    const offer = warmHandoffOffer(slots, now, timeZone);
    if (!offer || dayOf(offer.slot.start, timeZone) !== today || offer.slot.kind !== 'warm_handoff') {
      throw AppError.rule('handoff', 'you have no free warm-handoff slot left today');
    }
    const appointment = await bookInTransaction(
      trx,
      actor,
      {
        patientId: handoff.patient_id,
        clinicianId: actor.userId,
        visitTypeId: offer.slot.visitTypeId,
        start: offer.slot.start,
        reason: offer.reason,
      },
      now,
    );
    await trx
      .updateTable('handoffs')
      .set({
        status: 'accepted',
        accepted_at: now,
        accepted_by: actor.userId,
        appointment_id: appointment.id,
      })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', handoff.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'handoff.accept',
      entity: 'handoff',
      entityId: handoff.id,
      patientId: handoff.patient_id,
      clinicId: handoff.clinic_id,
      details: { appointmentId: appointment.id },
    });
    return { handoff: { id: handoff.id, status: 'accepted', acceptedAt: now.toISOString() }, appointment };
  });
}
