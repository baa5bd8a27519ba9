// The loop on the triage worklist: a safety_protocol item closes only by an assessment or a recorded ED transfer.
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';

/** suicide-risk.md §1 EP 3: a positive screen is closed by an assessment, never by a tick on the list. */
export function assertNotSafetyProtocol(item: { disposition: string }): void {
  if (item.disposition === 'safety_protocol') {
    throw AppError.rule(
      'disposition',
      'a safety_protocol item is resolved by a completed risk assessment or a recorded ED transfer, not marked done',
    );
  }
}

/** Closes the patient's open safety_protocol items, noting what closed them; returns their ids. */
export async function resolveSafetyProtocolItems(
  trx: Db,
  actor: Actor,
  patient: { id: string; clinicId: string },
  note: string,
  now: Date,
): Promise<string[]> {
  const rows = await trx
    .updateTable('triage_items')
    .set({ status: 'done', completed_at: now, completed_by: actor.userId, completion_note: note })
    .where('org_id', '=', actor.orgId)
    .where('patient_id', '=', patient.id)
    .where('disposition', '=', 'safety_protocol')
    .where('status', '=', 'open')
    .returning('id')
    .execute();
  for (const row of rows) {
    await recordAudit(trx, actor, {
      action: 'triage_item.complete',
      entity: 'triage_item',
      entityId: row.id,
      patientId: patient.id,
      clinicId: patient.clinicId,
    });
  }
  return rows.map((r) => r.id);
}
