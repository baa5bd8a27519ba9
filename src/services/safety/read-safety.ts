// Reads a patient's suicide-risk picture (status, assessments, tasks, plan) and one assessment's versions, audited.
import type { Db } from '../../db/connection.js';
import { riskStatus, type RiskLevel } from '../../domain/safety/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { findPatient } from '../patients/read-patients.js';
import { uuid } from '../schemas.js';
import { latestAssessmentFacts } from './assessment-facts.js';
import {
  toAssessmentView,
  toPlanView,
  toTaskView,
  type AssessmentView,
  type SafetyPlanView,
  type TaskView,
} from './safety-views.js';

export interface PatientSafety {
  patientId: string;
  status: { level: RiskLevel | null; riskReason: string | null; followUpOverdue: string | null };
  /** The current version of each assessment, newest first: the risk timeline. */
  assessments: (AssessmentView & { versions: number })[];
  tasks: TaskView[];
  plan: SafetyPlanView | null;
}

/**
 * Risk level, plan and follow-up are shared with the PCP even when BH progress notes are not
 * (notes-visibility.ts; seed article §8.2: "at least critical risk and plan details" reach the PCP).
 */
export async function getPatientSafety({
  db,
  actor,
  patientId,
  now,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  /** The caller's clock. */
  now: Date;
}): Promise<PatientSafety> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const clinic = await trx
      .selectFrom('clinics')
      .select('timezone')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', patient.clinicId)
      .executeTakeFirstOrThrow();
    const rows = await trx
      .selectFrom('safety_assessments')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('patient_id', '=', patient.id)
      .orderBy('assessed_at', 'desc')
      .orderBy('version', 'desc')
      .execute();
    const versions = new Map<string, number>();
    for (const r of rows) versions.set(r.assessment_id, (versions.get(r.assessment_id) ?? 0) + 1);
    const current = rows.filter((r, i) => rows.findIndex((o) => o.assessment_id === r.assessment_id) === i);
    const tasks = await trx
      .selectFrom('safety_tasks')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('patient_id', '=', patient.id)
      .where('status', '!=', 'superseded')
      .orderBy('due_at')
      .orderBy('code')
      .execute();
    const plan = await trx
      .selectFrom('safety_plans')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('patient_id', '=', patient.id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const facts = (await latestAssessmentFacts(trx, actor.orgId, [patient.id])).get(patient.id) ?? null;
    const status = riskStatus(facts, now, clinic.timezone);
    await recordAudit(trx, actor, {
      action: 'safety.read',
      entity: 'patient',
      entityId: patient.id,
      patientId: patient.id,
      clinicId: patient.clinicId,
      details: { assessments: current.length, tasks: tasks.length },
    });
    return {
      patientId: patient.id,
      status: {
        level: status.openLevel,
        riskReason: status.riskReason,
        followUpOverdue: status.overdueReason,
      },
      assessments: current.map((r) => ({
        ...toAssessmentView(r),
        versions: versions.get(r.assessment_id) ?? 1,
      })),
      tasks: tasks.map((t) => toTaskView(t, now)),
      plan: plan ? toPlanView(plan) : null,
    };
  });
}

/** Every version of one assessment, newest first (corrections never overwrite). */
export async function getAssessment({
  db,
  actor,
  assessmentId,
}: {
  db: Db;
  actor: Actor;
  assessmentId: string;
}): Promise<{ id: string; versions: AssessmentView[] }> {
  if (!uuid.safeParse(assessmentId).success) throw AppError.notFound('Assessment');
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('safety_assessments')
      .selectAll()
      .where('org_id', '=', actor.orgId)
      .where('assessment_id', '=', assessmentId)
      .orderBy('version', 'desc')
      .execute();
    const first = rows[0];
    if (!first || !actor.clinicIds.includes(first.clinic_id)) throw AppError.notFound('Assessment');
    await recordAudit(trx, actor, {
      action: 'safety_assessment.read',
      entity: 'safety_assessment',
      entityId: assessmentId,
      patientId: first.patient_id,
      clinicId: first.clinic_id,
    });
    return { id: assessmentId, versions: rows.map(toAssessmentView) };
  });
}
