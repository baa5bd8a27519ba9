// Closes a patient's open worklist items that an event answers (a full questionnaire, an enrolment, a visit).
import type { Db } from '../../db/connection.js';
import type { InstrumentCode } from '../../domain/instruments/types.js';
import { RESOLVES, type ResolvingEvent, type WorklistKind } from '../../domain/worklist/lifecycle.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';

export interface ResolveOpenItems {
  orgId: string;
  patientId: string;
  /** The event that answers the items, and the id of what it recorded (screening, episode, appointment). */
  event: { kind: ResolvingEvent; id: string };
  /** The kinds to close: by default every kind the event answers; never more (domain/worklist/lifecycle.ts). */
  kinds?: readonly WorklistKind[];
  /** Only items raised by these instruments (a full questionnaire answers its own family's screens). */
  fromInstruments?: readonly InstrumentCode[];
  /** Only items raised by screenings given at or before this time (the same minute counts). */
  raisedUpTo?: Date;
  /** Only these items (e.g. the item an appointment was booked for). */
  itemIds?: readonly string[];
  now: Date;
}

/**
 * Call inside the transaction that records the event; returns the ids closed. The person who recorded
 * the event closes the items, and one audit row lists them.
 */
export async function resolveOpenItems(
  trx: Db,
  actor: Pick<Actor, 'orgId' | 'requestId' | 'clientRequestId'> & { userId: string | null },
  r: ResolveOpenItems,
): Promise<string[]> {
  const allowed = RESOLVES[r.event.kind];
  const kinds = (r.kinds ?? allowed).filter((k) => allowed.includes(k));
  if (kinds.length === 0 || r.itemIds?.length === 0 || r.fromInstruments?.length === 0) return [];
  const rows = await trx
    .updateTable('triage_items as t')
    .set({
      status: 'done',
      completed_at: r.now,
      completed_by: actor.userId,
      resolution: r.event.kind,
      resolved_by_event_id: r.event.id,
    })
    .where('t.org_id', '=', r.orgId)
    .where('t.patient_id', '=', r.patientId)
    .where('t.status', '=', 'open')
    .where('t.disposition', 'in', kinds)
    .$if(r.itemIds !== undefined, (q) => q.where('t.id', 'in', r.itemIds ?? []))
    .$if(r.fromInstruments !== undefined || r.raisedUpTo !== undefined, (q) =>
      q.where('t.screening_id', 'in', (sub) =>
        sub
          .selectFrom('screenings as s')
          .select('s.id')
          .where('s.org_id', '=', r.orgId)
          .where('s.patient_id', '=', r.patientId)
          .$if(r.fromInstruments !== undefined, (s) => s.where('s.instrument', 'in', r.fromInstruments ?? []))
          .$if(r.raisedUpTo !== undefined, (s) => s.where('s.administered_at', '<=', r.raisedUpTo ?? r.now)),
      ),
    )
    .returning(['t.id', 't.clinic_id'])
    .execute();
  if (rows.length === 0) return [];
  await recordAudit(trx, actor, {
    action: 'triage_item.resolve',
    entity: 'triage_item',
    patientId: r.patientId,
    clinicId: rows[0]?.clinic_id ?? null,
    details: { itemIds: rows.map((x) => x.id), event: r.event.kind, eventId: r.event.id },
  });
  return rows.map((x) => x.id);
}
