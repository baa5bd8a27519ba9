// Corrects an assessment by adding a version (never an edit); its open tasks are re-planned from the new version.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { riskAssessmentSchema } from '../../domain/safety/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { findPatient } from '../patients/read-patients.js';
import { uuid } from '../schemas.js';
import { insertTasks, prepareAssessment } from './prepare-assessment.js';
import { toAssessmentView, toTaskView } from './safety-views.js';
import type { RecordedAssessment } from './record-assessment.js';

export const correctionInput = z.strictObject({
  reason: z.string().trim().min(1, 'is required').max(1000, 'at most 1000 characters'),
  assessment: riskAssessmentSchema,
});

export async function correctAssessment({
  db,
  actor,
  assessmentId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  assessmentId: string;
  input: z.output<typeof correctionInput>;
  /** The caller's clock. */
  now: Date;
}): Promise<RecordedAssessment> {
  if (!uuid.safeParse(assessmentId).success) throw AppError.notFound('Assessment');
  return db.transaction().execute(async (trx) => {
    const latest = await trx
      .selectFrom('safety_assessments')
      .select(['patient_id', 'clinic_id', 'version'])
      .where('org_id', '=', actor.orgId)
      .where('assessment_id', '=', assessmentId)
      .orderBy('version', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!latest || !actor.clinicIds.includes(latest.clinic_id)) throw AppError.notFound('Assessment');
    const patient = await findPatient(trx, actor, latest.patient_id);
    const a = input.assessment;
    const prepared = await prepareAssessment(trx, actor, patient, a, now);
    const version = latest.version + 1;
    const row = await trx
      .insertInto('safety_assessments')
      .values({
        org_id: actor.orgId,
        assessment_id: assessmentId,
        version,
        clinic_id: patient.clinicId,
        patient_id: patient.id,
        episode_id: a.episodeId ?? null,
        screening_id: a.trigger.screeningId ?? null,
        assessed_at: a.assessedAt,
        assessed_by: actor.userId,
        risk_level: a.riskLevel,
        disposition: a.disposition,
        follow_up_at: a.followUp?.at ?? null,
        follow_up_staff_id: a.followUp?.staffId ?? null,
        pathway_version: prepared.pathwayVersion,
        record: JSON.stringify(a),
        correction_reason: input.reason,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const done = await trx
      .selectFrom('safety_tasks')
      .select('label')
      .where('org_id', '=', actor.orgId)
      .where('assessment_id', '=', assessmentId)
      .where('status', '=', 'done')
      .execute();
    await trx
      .updateTable('safety_tasks')
      .set({
        status: 'superseded',
        completed_at: now,
        completed_by: actor.userId,
        note: `corrected: version ${version}`,
      })
      .where('org_id', '=', actor.orgId)
      .where('assessment_id', '=', assessmentId)
      .where('status', '=', 'open')
      .execute();
    // Work already done stays done; only what the corrected version still needs is planned again.
    const doneLabels = new Set(done.map((t) => t.label));
    await insertTasks(
      trx,
      actor,
      patient,
      assessmentId,
      prepared.tasks.filter((t) => !doneLabels.has(t.label)),
      now,
    );
    const tasks = await trx
      .selectFrom('safety_tasks')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('assessment_id', '=', assessmentId)
      .where('status', '!=', 'superseded')
      .orderBy('due_at')
      .orderBy('code')
      .execute();
    await recordAudit(trx, actor, {
      action: 'safety_assessment.correct',
      entity: 'safety_assessment',
      entityId: assessmentId,
      patientId: patient.id,
      clinicId: patient.clinicId,
      details: { version },
    });
    return { ...toAssessmentView(row), tasks: tasks.map((t) => toTaskView(t, now)), resolvedItemIds: [] };
  });
}
