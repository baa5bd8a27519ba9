// Gives a worklist item an owner (a clinical colleague in its clinic), or takes the owner off.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { OWNER_ROLES } from '../../domain/worklist/lifecycle.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { uuid } from '../schemas.js';
import { requireStaff } from '../staff.js';

export const assignItemInput = z.object({
  ownerId: uuid.nullable().describe('The new owner, or null to leave the item unassigned'),
});

export async function assignWorklistItem({
  db,
  actor,
  itemId,
  input,
}: {
  db: Db;
  actor: Actor;
  itemId: string;
  input: z.output<typeof assignItemInput>;
}): Promise<{ id: string; owner: { id: string; name: string } | null }> {
  if (!uuid.safeParse(itemId).success) throw AppError.notFound('Worklist item');
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('triage_items')
      .select(['id', 'clinic_id', 'patient_id', 'status'])
      .where('org_id', '=', actor.orgId)
      .where('id', '=', itemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item || !actor.clinicIds.includes(item.clinic_id)) throw AppError.notFound('Worklist item');
    if (item.status === 'done') throw AppError.conflict('status', 'this item is already done');
    const owner = input.ownerId
      ? await requireStaff(
          trx,
          { orgId: actor.orgId, clinicId: item.clinic_id },
          input.ownerId,
          'ownerId',
          OWNER_ROLES,
        )
      : null;
    await trx
      .updateTable('triage_items')
      .set({ owner_id: owner?.id ?? null })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', item.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'triage_item.assign',
      entity: 'triage_item',
      entityId: item.id,
      patientId: item.patient_id,
      clinicId: item.clinic_id,
      ...(owner ? { details: { ownerId: owner.id } } : {}),
    });
    return { id: item.id, owner: owner ? { id: owner.id, name: owner.name } : null };
  });
}
