// Opens the worklist item a triage result asks for, unless the patient's open episode or open item has it.
import type { Db } from '../../db/connection.js';
import type { TriageResult } from '../../domain/triage.js';
import { openDecision, type WorklistKind } from '../../domain/worklist/lifecycle.js';

export interface OpenItemInput {
  orgId: string;
  clinicId: string;
  patientId: string;
  screeningId: string;
  triage: TriageResult;
}

/**
 * Returns the id of the item that carries the next step: a new one, the open one of the same kind it
 * joins, or null when nothing is to be done or the open episode's care manager already has the patient.
 * A new item is owned by that care manager when there is one.
 */
export async function openWorklistItem(trx: Db, s: OpenItemInput): Promise<string | null> {
  if (s.triage.disposition === 'none') return null;
  const kind: WorklistKind = s.triage.disposition;
  const episode = await trx
    .selectFrom('episodes')
    .select('care_manager_id')
    .where('org_id', '=', s.orgId)
    .where('patient_id', '=', s.patientId)
    .where('status', '<>', 'discharged')
    .orderBy('referred_at', 'desc')
    .executeTakeFirst();
  const open = await trx
    .selectFrom('triage_items')
    .select(['id', 'disposition'])
    .where('org_id', '=', s.orgId)
    .where('patient_id', '=', s.patientId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .execute();
  const decision = openDecision({
    kind,
    inOpenEpisode: episode !== undefined,
    openKinds: open.map((o) => o.disposition as WorklistKind),
  });
  if (!decision.open) {
    return decision.reason === 'already_open' ? (open.find((o) => o.disposition === kind)?.id ?? null) : null;
  }
  const item = await trx
    .insertInto('triage_items')
    .values({
      org_id: s.orgId,
      clinic_id: s.clinicId,
      patient_id: s.patientId,
      screening_id: s.screeningId,
      disposition: kind,
      reasons: JSON.stringify(s.triage.reasons),
      rules_fired: s.triage.rulesFired,
      due_by: s.triage.dueBy,
      owner_id: episode?.care_manager_id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return item.id;
}
