// The triage worklist: open next steps from screenings, oldest due first, and marking one done.
import { z } from 'zod';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { InstrumentCode } from '../../domain/instruments/types.js';
import type { Disposition } from '../../domain/triage.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { assertNotSafetyProtocol } from '../safety/safety-protocol-items.js';
import { uuid } from '../schemas.js';

export const WORKLIST_STATUSES = ['open', 'done'] as const;
export type WorklistStatus = (typeof WORKLIST_STATUSES)[number];

export const worklistQuery = z.object({
  clinicId: uuid,
  status: z.enum(WORKLIST_STATUSES).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const completeItemInput = z.object({ note: z.string().trim().max(2000).optional() });

export interface WorklistItem {
  id: string;
  disposition: Disposition;
  reasons: string[];
  rulesFired: string[];
  dueBy: string | null;
  overdue: boolean;
  status: WorklistStatus;
  createdAt: string;
  completedAt: string | null;
  screening: { id: string; instrument: InstrumentCode; total: number | null; administeredAt: string };
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

export async function listWorklist({
  db,
  actor,
  now,
  query,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  query: z.output<typeof worklistQuery>;
}): Promise<{ items: WorklistItem[] }> {
  assertClinicAccess(actor, query.clinicId);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('triage_items as t')
      .innerJoin('patients as p', (j) =>
        j.onRef('p.org_id', '=', 't.org_id').onRef('p.id', '=', 't.patient_id'),
      )
      .innerJoin('screenings as s', (j) =>
        j.onRef('s.org_id', '=', 't.org_id').onRef('s.id', '=', 't.screening_id'),
      )
      .select([
        't.id',
        't.disposition',
        't.reasons',
        't.rules_fired',
        't.due_by',
        't.status',
        't.created_at',
        't.completed_at',
        's.id as screening_id',
        's.instrument',
        's.total',
        's.administered_at',
        'p.id as patient_id',
        'p.mrn',
        'p.given_name',
        'p.family_name',
      ])
      .where('t.org_id', '=', actor.orgId)
      .where('t.clinic_id', '=', query.clinicId)
      .where('t.status', '=', query.status)
      // Oldest due first; items without a due time after every dated one.
      .orderBy(sql`t.due_by asc nulls last`)
      .orderBy('t.created_at')
      .limit(query.limit)
      .execute();
    await recordAudit(trx, actor, {
      action: 'worklist.read',
      entity: 'triage_item',
      clinicId: query.clinicId,
      details: { patientIds: [...new Set(rows.map((r) => r.patient_id))], count: rows.length },
    });
    const nowMs = now.getTime();
    return {
      items: rows.map((r) => ({
        id: r.id,
        // Written only from a triage result and a validated screening, so both are known codes.
        disposition: r.disposition as Disposition,
        reasons: r.reasons,
        rulesFired: r.rules_fired,
        dueBy: r.due_by?.toISOString() ?? null,
        overdue: r.status === 'open' && r.due_by !== null && r.due_by.getTime() < nowMs,
        status: r.status,
        createdAt: r.created_at.toISOString(),
        completedAt: r.completed_at?.toISOString() ?? null,
        screening: {
          id: r.screening_id,
          instrument: r.instrument as InstrumentCode,
          total: r.total,
          administeredAt: r.administered_at.toISOString(),
        },
        patient: { id: r.patient_id, mrn: r.mrn, givenName: r.given_name, familyName: r.family_name },
      })),
    };
  });
}

export async function completeWorklistItem({
  db,
  actor,
  now,
  itemId,
  input,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  itemId: string;
  input: z.output<typeof completeItemInput>;
}): Promise<{ id: string; status: 'done'; completedAt: string }> {
  if (!uuid.safeParse(itemId).success) throw AppError.notFound('Worklist item');
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('triage_items')
      .select(['id', 'clinic_id', 'patient_id', 'status', 'disposition'])
      .where('org_id', '=', actor.orgId)
      .where('id', '=', itemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item || !actor.clinicIds.includes(item.clinic_id)) throw AppError.notFound('Worklist item');
    if (item.status === 'done') throw AppError.conflict('status', 'this item is already done');
    assertNotSafetyProtocol(item);
    const completedAt = now;
    await trx
      .updateTable('triage_items')
      .set({
        status: 'done',
        completed_at: completedAt,
        completed_by: actor.userId,
        completion_note: input.note ?? null,
      })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', itemId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'triage_item.complete',
      entity: 'triage_item',
      entityId: item.id,
      patientId: item.patient_id,
      clinicId: item.clinic_id,
    });
    return { id: item.id, status: 'done', completedAt: completedAt.toISOString() };
  });
}
