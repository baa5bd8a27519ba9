// Saves a new version of a patient's Stanley–Brown safety plan (never an edit) and reads the versions.
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { safetyPlanSchema } from '../../domain/safety/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { findPatient } from '../patients/read-patients.js';
import { uuid } from '../schemas.js';
import { toPlanView, type SafetyPlanView } from './safety-views.js';

export const safetyPlanInput = safetyPlanSchema.extend({
  /** The assessment the plan answers, when there is one. */
  assessmentId: uuid.optional(),
});

export async function saveSafetyPlan({
  db,
  actor,
  patientId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  input: z.output<typeof safetyPlanInput>;
  /** The caller's clock. */
  now: Date;
}): Promise<SafetyPlanView> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const { assessmentId, ...plan } = input;
    if (assessmentId) {
      const found = await trx
        .selectFrom('safety_assessments')
        .select('id')
        .where('org_id', '=', actor.orgId)
        .where('assessment_id', '=', assessmentId)
        .where('patient_id', '=', patient.id)
        .executeTakeFirst();
      if (!found)
        throw AppError.validation([
          { field: 'assessmentId', reason: 'no assessment of this patient with this id' },
        ]);
    }
    // Lock the patient's plans so two saves never take the same version.
    await trx
      .selectFrom('patients')
      .select('id')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', patient.id)
      .forUpdate()
      .execute();
    const last = await trx
      .selectFrom('safety_plans')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('org_id', '=', actor.orgId)
      .where('patient_id', '=', patient.id)
      .executeTakeFirst();
    const version = (last?.version ?? 0) + 1;
    const row = await trx
      .insertInto('safety_plans')
      .values({
        org_id: actor.orgId,
        clinic_id: patient.clinicId,
        patient_id: patient.id,
        version,
        assessment_id: assessmentId ?? null,
        plan: JSON.stringify(plan),
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The pathway's safety-plan requirement (suicide-risk.md §3) is met by the saved plan.
    await trx
      .updateTable('safety_tasks')
      .set({
        status: 'done',
        completed_at: now,
        completed_by: actor.userId,
        note: `safety plan version ${version}`,
      })
      .where('org_id', '=', actor.orgId)
      .where('patient_id', '=', patient.id)
      .where('code', '=', 'safety_plan')
      .where('status', '=', 'open')
      .execute();
    await recordAudit(trx, actor, {
      action: 'safety_plan.create',
      entity: 'safety_plan',
      entityId: row.id,
      patientId: patient.id,
      clinicId: patient.clinicId,
      details: { version },
    });
    return toPlanView(row);
  });
}

export async function listSafetyPlans({
  db,
  actor,
  patientId,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
}): Promise<{ plans: SafetyPlanView[] }> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const rows = await trx
      .selectFrom('safety_plans')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('patient_id', '=', patient.id)
      .orderBy('version', 'desc')
      .execute();
    await recordAudit(trx, actor, {
      action: 'safety_plan.read',
      entity: 'safety_plan',
      patientId: patient.id,
      clinicId: patient.clinicId,
      details: { count: rows.length },
    });
    return { plans: rows.map(toPlanView) };
  });
}
