// Resolves a triage worklist item by the booking that answers it (issue 13: resolved by the booking, not by a click).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';

/** Locks the open item of this patient and marks it done by `appointmentId`, in the caller's transaction. */
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
  await trx
    .updateTable('triage_items')
    .set({ status: 'done', completed_at: input.now, completed_by: actor.userId })
    .where('org_id', '=', actor.orgId)
    .where('id', '=', item.id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'triage_item.complete',
    entity: 'triage_item',
    entityId: item.id,
    patientId: item.patient_id,
    clinicId: item.clinic_id,
    details: { appointmentId: input.appointmentId },
  });
}
