// The safety tasks of a clinic (oldest due first) and completing one; a done plan task or follow-up closes the loop.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, hasRole, type Actor, type Role } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { uuid } from '../schemas.js';
import { toTaskView, type TaskView } from './safety-views.js';

export const taskQuery = z.object({
  clinicId: uuid,
  status: z.enum(['open', 'done']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const completeTaskInput = z.object({ note: z.string().trim().max(2000).optional() });

export async function listSafetyTasks({
  db,
  actor,
  query,
  now,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof taskQuery>;
  /** The caller's clock. */
  now: Date;
}): Promise<{ tasks: TaskView[] }> {
  assertClinicAccess(actor, query.clinicId);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('safety_tasks')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', query.clinicId)
      .where('status', '=', query.status)
      .orderBy('due_at')
      .orderBy('id')
      .limit(query.limit)
      .execute();
    await recordAudit(trx, actor, {
      action: 'safety_task.list',
      entity: 'safety_task',
      clinicId: query.clinicId,
      details: { patientIds: [...new Set(rows.map((r) => r.patient_id))], count: rows.length },
    });
    return { tasks: rows.map((r) => toTaskView(r, now)) };
  });
}

export async function completeSafetyTask({
  db,
  actor,
  taskId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  taskId: string;
  input: z.output<typeof completeTaskInput>;
  /** The caller's clock. */
  now: Date;
}): Promise<TaskView> {
  if (!uuid.safeParse(taskId).success) throw AppError.notFound('Task');
  return db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('safety_tasks')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('id', '=', taskId)
      .forUpdate()
      .executeTakeFirst();
    if (!task || !actor.clinicIds.includes(task.clinic_id)) throw AppError.notFound('Task');
    if (task.status !== 'open') throw AppError.conflict('status', `this task is already ${task.status}`);
    // suicide-risk.md §3: who may complete hold paperwork is named in the clinic's policy (the pathway).
    if (task.roles.length > 0 && !hasRole(actor, ...(task.roles as Role[]))) {
      throw AppError.forbidden(`Only ${task.roles.join(' or ')} may complete this task.`);
    }
    const row = await trx
      .updateTable('safety_tasks')
      .set({ status: 'done', completed_at: now, completed_by: actor.userId, note: input.note ?? null })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', taskId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'safety_task.complete',
      entity: 'safety_task',
      entityId: task.id,
      patientId: task.patient_id,
      clinicId: task.clinic_id,
      details: { code: task.code },
    });
    return toTaskView(row, now);
  });
}
