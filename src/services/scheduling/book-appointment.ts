// Books a patient into a clinician's slot: the slot's state is re-checked under the clinician's schedule lock.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { dayOf } from '../../domain/calendar/index.js';
import { bookingRefusal } from '../../domain/scheduling/slots.js';
import { blockedMinutes } from '../../domain/scheduling/visit-types.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { isoInstant, uuid } from '../schemas.js';
import { appointmentColumns, toAppointmentView, type AppointmentView } from './appointment-view.js';
import { loadClinicDay } from './clinic-day.js';
import { resolveWorklistItemByBooking } from './resolve-worklist.js';

export const bookInput = z.object({
  patientId: uuid,
  clinicianId: uuid,
  visitTypeId: uuid,
  start: isoInstant,
  worklistItemId: uuid.optional().describe('The triage item this booking answers; it is resolved by it'),
  reason: z.string().trim().max(300).optional().describe('Why this slot (e.g. no BH clinician free today)'),
});
export type BookInput = z.output<typeof bookInput>;

/** Books inside the caller's transaction (triage offers and handoffs book through here too). */
export async function bookInTransaction(
  trx: Kysely<Database>,
  actor: Actor,
  input: BookInput,
  now: Date,
): Promise<AppointmentView> {
  const type = await trx
    .selectFrom('visit_types')
    .select(['clinic_id'])
    .where('org_id', '=', actor.orgId)
    .where('id', '=', input.visitTypeId)
    .executeTakeFirst();
  if (!type || !actor.clinicIds.includes(type.clinic_id))
    throw AppError.notFound('Visit type', 'visitTypeId');
  const clinicId = type.clinic_id;
  assertClinicAccess(actor, clinicId);
  const patient = await trx
    .selectFrom('patients')
    .select(['id', 'clinic_id'])
    .where('org_id', '=', actor.orgId)
    .where('id', '=', input.patientId)
    .executeTakeFirst();
  if (!patient || !actor.clinicIds.includes(patient.clinic_id))
    throw AppError.notFound('Patient', 'patientId');
  // The lock: one clinician's bookings are serial, so the state read below is the state booked against.
  const locked = await trx
    .selectFrom('clinician_templates')
    .select('clinician_id')
    .where('org_id', '=', actor.orgId)
    .where('clinician_id', '=', input.clinicianId)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) throw AppError.rule('clinicianId', 'this clinician has no schedule');
  const timeZone = (
    await trx
      .selectFrom('clinics')
      .select('timezone')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', clinicId)
      .executeTakeFirstOrThrow()
  ).timezone;
  const day = await loadClinicDay(trx, {
    orgId: actor.orgId,
    clinicId,
    date: dayOf(input.start, timeZone),
    now,
    clinicianId: input.clinicianId,
  });
  const slots = day.clinicians[0]?.slots;
  if (!slots) throw AppError.rule('clinicianId', 'this clinician has no schedule in this clinic');
  const slot = slots.find((s) => s.start.getTime() === input.start.getTime());
  if (!slot) throw AppError.rule('start', 'no slot of this clinician starts at this time');
  const visitType = day.visitTypes.get(input.visitTypeId)!;
  const refusal = bookingRefusal(slot, slot.state, visitType, now);
  if (refusal)
    throw new AppError(refusal.code, refusal.reason, [{ field: refusal.field, reason: refusal.reason }]);
  const row = await trx
    .insertInto('appointments')
    .values({
      org_id: actor.orgId,
      clinic_id: clinicId,
      clinician_id: input.clinicianId,
      patient_id: input.patientId,
      visit_type_id: input.visitTypeId,
      starts_at: input.start,
      ends_at: new Date(input.start.getTime() + blockedMinutes(visitType) * 60_000),
      from_protected_slot: slot.protected,
      worklist_item_id: input.worklistItemId ?? null,
      booking_reason: input.reason ?? null,
      booked_at: now,
      booked_by: actor.userId,
    })
    .returning(appointmentColumns)
    .executeTakeFirstOrThrow();
  if (input.worklistItemId !== undefined) {
    await resolveWorklistItemByBooking(trx, actor, {
      itemId: input.worklistItemId,
      patientId: input.patientId,
      appointmentId: row.id,
      now,
    });
  }
  await recordAudit(trx, actor, {
    action: 'appointment.book',
    entity: 'appointment',
    entityId: row.id,
    patientId: input.patientId,
    clinicId,
    details: { clinicianId: input.clinicianId, slotState: slot.state },
  });
  return toAppointmentView(row);
}

export async function bookAppointment({
  db,
  actor,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  input: BookInput;
  now: Date;
}): Promise<AppointmentView> {
  return db.transaction().execute((trx) => bookInTransaction(trx, actor, input, now));
}
