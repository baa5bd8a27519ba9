// Records a suicide-risk assessment: its tasks from the clinic pathway, and the safety_protocol items it resolves.
import type { Db } from '../../db/connection.js';
import type { RiskAssessmentInput } from '../../domain/safety/index.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { findPatient } from '../patients/read-patients.js';
import { insertTasks, prepareAssessment } from './prepare-assessment.js';
import { resolveSafetyProtocolItems } from '../worklist/safety-protocol-items.js';
import { toAssessmentView, toTaskView, type AssessmentView, type TaskView } from './safety-views.js';

export interface RecordedAssessment extends AssessmentView {
  tasks: TaskView[];
  resolvedItemIds: string[];
}

export async function recordAssessment({
  db,
  actor,
  patientId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  input: RiskAssessmentInput;
  /** The caller's clock. */
  now: Date;
}): Promise<RecordedAssessment> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const prepared = await prepareAssessment(trx, actor, patient, input, now);
    const assessmentId = crypto.randomUUID();
    const row = await trx
      .insertInto('safety_assessments')
      .values({
        org_id: actor.orgId,
        assessment_id: assessmentId,
        version: 1,
        clinic_id: patient.clinicId,
        patient_id: patient.id,
        episode_id: input.episodeId ?? null,
        screening_id: input.trigger.screeningId ?? null,
        assessed_at: input.assessedAt,
        assessed_by: actor.userId,
        risk_level: input.riskLevel,
        disposition: input.disposition,
        follow_up_at: input.followUp?.at ?? null,
        follow_up_staff_id: input.followUp?.staffId ?? null,
        pathway_version: prepared.pathwayVersion,
        record: JSON.stringify(input),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // suicide-risk.md §3: check-ins run "until reassessed"; this assessment is that reassessment.
    await trx
      .updateTable('safety_tasks')
      .set({
        status: 'superseded',
        completed_at: now,
        completed_by: actor.userId,
        note: `reassessed: ${assessmentId}`,
      })
      .where('org_id', '=', actor.orgId)
      .where('patient_id', '=', patient.id)
      .where('status', '=', 'open')
      .where('code', 'in', ['check_in', 'bh_follow_up'])
      .execute();
    await insertTasks(trx, actor, patient, assessmentId, prepared.tasks, now);
    const resolvedItemIds = await resolveSafetyProtocolItems(
      trx,
      actor,
      patient,
      `risk assessment ${assessmentId}`,
      now,
    );
    const tasks = await trx
      .selectFrom('safety_tasks')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('assessment_id', '=', assessmentId)
      .orderBy('due_at')
      .orderBy('code')
      .execute();
    await recordAudit(trx, actor, {
      action: 'safety_assessment.create',
      entity: 'safety_assessment',
      entityId: assessmentId,
      patientId: patient.id,
      clinicId: patient.clinicId,
      details: { version: 1, tasks: tasks.length, resolvedItems: resolvedItemIds.length },
    });
    return { ...toAssessmentView(row), tasks: tasks.map((t) => toTaskView(t, now)), resolvedItemIds };
  });
}
