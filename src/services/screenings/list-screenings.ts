// A patient's screenings, newest first, with the triage that each produced.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Answer, InstrumentCode } from '../../domain/instruments/types.js';
import type { Disposition } from '../../domain/triage.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { findPatient } from '../patients/read-patients.js';
import type { WorklistStatus } from '../triage/worklist.js';

export interface ScreeningListItem {
  id: string;
  instrument: InstrumentCode;
  administeredAt: string;
  answers: Answer[];
  total: number | null;
  severity: string | null;
  positive: boolean;
  flags: string[];
  reasons: string[];
  triage: { disposition: Disposition; dueBy: string | null; status: WorklistStatus } | null;
}

export async function listScreenings({
  db,
  actor,
  patientId,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
}): Promise<{ screenings: ScreeningListItem[] }> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const rows = await trx
      .selectFrom('screenings as s')
      .leftJoin('triage_items as t', (j) =>
        j.onRef('t.org_id', '=', 's.org_id').onRef('t.screening_id', '=', 's.id'),
      )
      .select([
        's.id',
        's.instrument',
        's.administered_at',
        's.answers',
        's.total',
        's.severity',
        's.positive',
        's.flags',
        's.reasons',
        't.disposition',
        't.due_by',
        't.status',
      ])
      .where('s.org_id', '=', actor.orgId)
      .where('s.patient_id', '=', patient.id)
      .orderBy('s.administered_at', 'desc')
      .orderBy(sql`s.id`)
      .execute();
    await recordAudit(trx, actor, {
      action: 'screening.list',
      entity: 'screening',
      patientId: patient.id,
      clinicId: patient.clinicId,
      details: { count: rows.length },
    });
    return {
      screenings: rows.map((r) => ({
        id: r.id,
        // Written only by recordScreening (and the importers), from validated codes.
        instrument: r.instrument as InstrumentCode,
        administeredAt: r.administered_at.toISOString(),
        answers: r.answers,
        total: r.total,
        severity: r.severity,
        positive: r.positive,
        flags: r.flags,
        reasons: r.reasons,
        triage: r.disposition
          ? {
              disposition: r.disposition as Disposition,
              dueBy: r.due_by?.toISOString() ?? null,
              status: r.status ?? 'open',
            }
          : null,
      })),
    };
  });
}
