// The audit trail for admins: newest first, filterable by patient, actor and action.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../actor.js';
import { uuid } from '../schemas.js';
import { auditActionSchema, recordAudit } from './audit-event.js';

export const auditQuery = z.object({
  patientId: uuid.optional(),
  actorId: uuid.optional(),
  action: auditActionSchema.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export interface AuditEventView {
  id: number;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  patientId: string | null;
  clinicId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export async function listAuditEvents({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof auditQuery>;
}): Promise<{ events: AuditEventView[]; nextBefore: number | null }> {
  return db.transaction().execute(async (trx) => {
    let select = trx.selectFrom('audit_events').selectAll().where('org_id', '=', actor.orgId);
    if (query.patientId) select = select.where('patient_id', '=', query.patientId);
    if (query.actorId) select = select.where('actor_id', '=', query.actorId);
    if (query.action) select = select.where('action', '=', query.action);
    if (query.before) select = select.where('id', '<', query.before);
    const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
    await recordAudit(trx, actor, {
      action: 'audit.list',
      entity: 'audit_event',
      details: { count: rows.length },
    });
    return {
      events: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorId: r.actor_id,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        patientId: r.patient_id,
        clinicId: r.clinic_id,
        requestId: r.request_id,
        details: r.details,
      })),
      nextBefore: rows.length === query.limit ? (rows.at(-1)?.id ?? null) : null,
    };
  });
}
