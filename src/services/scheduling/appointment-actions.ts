// Moves an appointment through its life cycle (check in, start, complete, no-show, cancel), audited, with who and when.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { MODALITIES } from '../../domain/registry/contact-rules.js';
import {
  transition,
  type AppointmentAction,
  type AppointmentStatus,
} from '../../domain/scheduling/appointment-status.js';
import { CONTACT_ACTIVITY, type VisitKind } from '../../domain/scheduling/visit-types.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { logContact } from '../contacts/log-contact.js';
import { uuid } from '../schemas.js';
import { appointmentColumns, toAppointmentView, type AppointmentView } from './appointment-view.js';

export const cancelInput = z.object({ by: z.enum(['patient', 'clinic']).default('patient') });

export const completeInput = z.object({
  contact: z
    .object({
      minutes: z.number(),
      modality: z.enum(MODALITIES).default('in_person'),
    })
    .optional()
    .describe(
      "Log the visit's minutes as a contact on the patient's open episode (the contact rules decide if they count)",
    ),
});

export type ActionInput =
  | { action: 'cancel'; body: z.output<typeof cancelInput> }
  | { action: 'complete'; body: z.output<typeof completeInput> }
  | { action: Exclude<AppointmentAction, 'cancel' | 'complete'> };

const AUDIT = {
  'check-in': 'appointment.check_in',
  start: 'appointment.start',
  complete: 'appointment.complete',
  'no-show': 'appointment.no_show',
  cancel: 'appointment.cancel',
} as const;

export async function actOnAppointment({
  db,
  actor,
  appointmentId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  appointmentId: string;
  input: ActionInput;
  now: Date;
}): Promise<AppointmentView & { contact?: { id: string; countsTowardProgram: boolean; reason: string } }> {
  if (!uuid.safeParse(appointmentId).success) throw AppError.notFound('Appointment');
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('appointments as a')
      .innerJoin('visit_types as v', (j) =>
        j.onRef('v.org_id', '=', 'a.org_id').onRef('v.id', '=', 'a.visit_type_id'),
      )
      .select([
        'a.id',
        'a.clinic_id',
        'a.patient_id',
        'a.clinician_id',
        'a.status',
        'a.starts_at',
        'a.started_at',
        'v.kind',
      ])
      .where('a.org_id', '=', actor.orgId)
      .where('a.id', '=', appointmentId)
      .forUpdate()
      .executeTakeFirst();
    if (!current || !actor.clinicIds.includes(current.clinic_id)) throw AppError.notFound('Appointment');
    const result = transition(
      current.status as AppointmentStatus,
      input.action,
      { start: current.starts_at },
      now,
    );
    if (!result.ok)
      throw new AppError(result.code, result.reason, [{ field: 'status', reason: result.reason }]);
    const who = actor.userId;
    const set = {
      'check-in': { checked_in_at: now, checked_in_by: who },
      start: { started_at: now, started_by: who },
      complete: { completed_at: now, completed_by: who },
      'no-show': { no_show_at: now, no_show_by: who },
      cancel: {
        cancelled_at: now,
        cancelled_by: who,
        cancelled_by_party: input.action === 'cancel' ? input.body.by : null,
        late_cancel: result.lateCancel,
      },
    }[input.action];
    let contact: { id: string; countsTowardProgram: boolean; reason: string } | undefined;
    if (input.action === 'complete' && input.body.contact) {
      const episode = await trx
        .selectFrom('episodes')
        .select('id')
        .where('org_id', '=', actor.orgId)
        .where('patient_id', '=', current.patient_id)
        .where('status', '!=', 'discharged')
        .orderBy('referred_at', 'desc')
        .executeTakeFirst();
      if (!episode) throw AppError.rule('contact', 'the patient has no open episode to log these minutes on');
      const logged = await logContact({
        db: trx,
        actor,
        episodeId: episode.id,
        input: {
          occurredAt: current.started_at ?? current.starts_at,
          minutes: input.body.contact.minutes,
          staffId: current.clinician_id,
          // Written only through visitTypeInput.
          activity: CONTACT_ACTIVITY[current.kind as VisitKind],
          modality: input.body.contact.modality,
          billedSeparately: false,
          duringInpatientStay: false,
        },
        now,
      });
      contact = {
        id: logged.contact.id,
        countsTowardProgram: logged.contact.countsTowardProgram,
        reason: logged.contact.reason,
      };
    }
    const row = await trx
      .updateTable('appointments')
      .set({ ...set, status: result.to, ...(contact ? { contact_id: contact.id } : {}), updated_at: now })
      .set((eb) => ({ sequence: eb('sequence', '+', 1) }))
      .where('org_id', '=', actor.orgId)
      .where('id', '=', current.id)
      .returning(appointmentColumns)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: AUDIT[input.action],
      entity: 'appointment',
      entityId: current.id,
      patientId: current.patient_id,
      clinicId: current.clinic_id,
      ...(contact ? { details: { contactId: contact.id } } : {}),
    });
    return { ...toAppointmentView(row), ...(contact ? { contact } : {}) };
  });
}
