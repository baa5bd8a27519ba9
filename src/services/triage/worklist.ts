// The triage worklist: open next steps from screenings, oldest due first, filtered; closing one by hand.
import { z } from 'zod';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { InstrumentCode } from '../../domain/instruments/types.js';
import {
  CLOSED_BY_HAND_BY,
  RESOLUTION_LABELS,
  WORKLIST_KINDS,
  mayCloseByHand,
  type Resolution,
  type WorklistKind,
} from '../../domain/worklist/lifecycle.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { assertNotSafetyProtocol } from '../worklist/safety-protocol-items.js';
import { uuid } from '../schemas.js';

export const WORKLIST_STATUSES = ['open', 'done'] as const;
export type WorklistStatus = (typeof WORKLIST_STATUSES)[number];

// Query strings carry booleans as text; only 'true' turns a filter on.
const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const worklistQuery = z.object({
  clinicId: uuid,
  status: z.enum(WORKLIST_STATUSES).default('open'),
  mine: flag.describe('Only items owned by the signed-in user'),
  disposition: z.enum(WORKLIST_KINDS).optional().describe('Only items of this kind'),
  overdue: flag.describe('Only open items past their due time'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const completeItemInput = z.object({
  note: z.string().trim().min(1, 'say what was done').max(2000),
});

export interface WorklistItem {
  id: string;
  disposition: WorklistKind;
  reasons: string[];
  rulesFired: string[];
  dueBy: string | null;
  overdue: boolean;
  status: WorklistStatus;
  createdAt: string;
  owner: { id: string; name: string } | null;
  /** Whether the reader's roles let them close it by hand (domain/worklist/lifecycle.ts). */
  closableByYou: boolean;
  completedAt: string | null;
  completedBy: { id: string; name: string } | null;
  /** Why it closed: the event that answered it, or by hand with the note. */
  resolution: { kind: Resolution; label: string; eventId: string | null; note: string | null } | null;
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
      .leftJoin('users as o', (j) => j.onRef('o.org_id', '=', 't.org_id').onRef('o.id', '=', 't.owner_id'))
      .leftJoin('users as c', (j) =>
        j.onRef('c.org_id', '=', 't.org_id').onRef('c.id', '=', 't.completed_by'),
      )
      .select([
        't.owner_id',
        'o.name as owner_name',
        't.completed_by',
        'c.name as completed_by_name',
        't.resolution',
        't.resolved_by_event_id',
        't.completion_note',
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
      .$if(query.mine, (q) => q.where('t.owner_id', '=', actor.userId))
      .$if(query.disposition !== undefined, (q) => q.where('t.disposition', '=', query.disposition ?? ''))
      .$if(query.overdue, (q) => q.where('t.status', '=', 'open').where('t.due_by', '<', now))
      // Open: oldest due first, items without a due time after every dated one. Done: latest closed first.
      .$if(query.status === 'open', (q) => q.orderBy(sql`t.due_by asc nulls last`).orderBy('t.created_at'))
      .$if(query.status === 'done', (q) => q.orderBy('t.completed_at', 'desc'))
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
        disposition: r.disposition as WorklistKind,
        reasons: r.reasons,
        rulesFired: r.rules_fired,
        dueBy: r.due_by?.toISOString() ?? null,
        overdue: r.status === 'open' && r.due_by !== null && r.due_by.getTime() < nowMs,
        status: r.status,
        createdAt: r.created_at.toISOString(),
        owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
        closableByYou: r.status === 'open' && mayCloseByHand(r.disposition as WorklistKind, actor.roles),
        completedAt: r.completed_at?.toISOString() ?? null,
        completedBy: r.completed_by ? { id: r.completed_by, name: r.completed_by_name ?? '' } : null,
        resolution: resolutionOf(r),
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

function resolutionOf(r: {
  status: WorklistStatus;
  resolution: string | null;
  resolved_by_event_id: string | null;
  completion_note: string | null;
}): WorklistItem['resolution'] {
  if (r.status !== 'done') return null;
  // Items closed before the life cycle was recorded were closed by hand (migration 18).
  const kind = (r.resolution ?? 'manual') as Resolution;
  return {
    kind,
    label: RESOLUTION_LABELS[kind],
    eventId: r.resolved_by_event_id,
    note: r.completion_note,
  };
}

/** Closes an item by hand: a note saying what was done, by someone whose role may close its kind. */
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
    const kind = item.disposition as WorklistKind;
    if (!mayCloseByHand(kind, actor.roles)) {
      throw AppError.forbidden(
        `Only a ${CLOSED_BY_HAND_BY[kind].map((r) => r.replace('_', ' ')).join(' or ')} may close this item.`,
      );
    }
    const completedAt = now;
    await trx
      .updateTable('triage_items')
      .set({
        status: 'done',
        completed_at: completedAt,
        completed_by: actor.userId,
        completion_note: input.note,
        resolution: 'manual',
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
