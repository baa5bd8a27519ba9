// Resolves a triage worklist item by the booking that answers it (issue 13: resolved by the booking, not by a click).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { resolveOpenItems } from '../worklist/resolve-items.js';

/** Locks the open item of this patient and closes it by `appointmentId` when a booking answers its kind. */
export async function resolveWorklistItemByBooking(
  trx: Kysely<Database>,
  actor: Actor,
  input: { itemId: string; patientId: string; appointmentId: string; now: Date },
): Promise<void> {
  const item = await trx
    .selectFrom('triage_items')
    .select(['id', 'clinic_id', 'patient_id', 'status'])
    .where('org_id', '=', actor.orgId)
    .where('id', '=', input.itemId)
    .forUpdate()
    .executeTakeFirst();
  if (!item || !actor.clinicIds.includes(item.clinic_id))
    throw AppError.notFound('Worklist item', 'worklistItemId');
  if (item.patient_id !== input.patientId) {
    throw AppError.rule('worklistItemId', 'this worklist item is about another patient');
  }
  if (item.status !== 'open') throw AppError.conflict('worklistItemId', 'this worklist item is already done');
  // The worklist's own life cycle decides which kinds a booking answers (a safety item stays open).
  await resolveOpenItems(trx, actor, {
    orgId: actor.orgId,
    patientId: item.patient_id,
    event: { kind: 'visit_booked', id: input.appointmentId },
    itemIds: [item.id],
    now: input.now,
  });
}
