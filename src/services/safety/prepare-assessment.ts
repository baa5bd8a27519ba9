// Checks an assessment against the patient's records and the clinic pathway, and plans its tasks (one preparer for record and correct).
import type { Db } from '../../db/connection.js';
import {
  pathwayIssues,
  planTasks,
  type PlannedTask,
  type RiskAssessmentInput,
} from '../../domain/safety/index.js';
import { AppError, type Issue } from '../../errors.js';
import type { Actor } from '../actor.js';
import type { PatientView } from '../patients/patient-input.js';
import { loadRuleSet } from '../rules/rule-sets.js';

export interface PreparedAssessment {
  pathwayVersion: number;
  tasks: PlannedTask[];
  timeZone: string;
}

/** Clock slack for a device whose clock runs a little ahead of the server's. */
const FUTURE_SLACK_MS = 5 * 60_000;

export async function prepareAssessment(
  trx: Db,
  actor: Actor,
  patient: PatientView,
  input: RiskAssessmentInput,
  now: Date,
): Promise<PreparedAssessment> {
  const issues: Issue[] = [];
  if (Date.parse(input.assessedAt) > now.getTime() + FUTURE_SLACK_MS) {
    issues.push({ field: 'assessedAt', reason: 'must not be in the future' });
  }
  if (input.trigger.screeningId) {
    const screening = await trx
      .selectFrom('screenings')
      .select('id')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', input.trigger.screeningId)
      .where('patient_id', '=', patient.id)
      .executeTakeFirst();
    if (!screening)
      issues.push({ field: 'trigger.screeningId', reason: 'no screening of this patient with this id' });
  }
  if (input.episodeId) {
    const episode = await trx
      .selectFrom('episodes')
      .select('id')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', input.episodeId)
      .where('patient_id', '=', patient.id)
      .executeTakeFirst();
    if (!episode) issues.push({ field: 'episodeId', reason: 'no episode of this patient with this id' });
  }
  if (input.followUp) {
    const staff = await trx
      .selectFrom('user_clinics')
      .select('user_id')
      .where('org_id', '=', actor.orgId)
      .where('user_id', '=', input.followUp.staffId)
      .where('clinic_id', '=', patient.clinicId)
      .executeTakeFirst();
    if (!staff)
      issues.push({ field: 'followUp.staffId', reason: 'no staff member of this clinic with this id' });
  }
  const clinic = await trx
    .selectFrom('clinics')
    .select('timezone')
    .where('org_id', '=', actor.orgId)
    .where('id', '=', patient.clinicId)
    .executeTakeFirstOrThrow();
  const { version, rules: pathway } = await loadRuleSet(trx, actor.orgId, patient.clinicId, 'safety');
  issues.push(...pathwayIssues(input, pathway));
  const planned = planTasks(input, pathway, clinic.timezone);
  issues.push(...planned.issues);
  if (issues.length > 0)
    throw AppError.validation(issues, 'The risk assessment is not complete or breaks the clinic pathway.');
  return { pathwayVersion: version, tasks: planned.tasks, timeZone: clinic.timezone };
}

/** Writes planned tasks; those the assessment itself meets are stored done, with the reason. */
export async function insertTasks(
  trx: Db,
  actor: Actor,
  patient: PatientView,
  assessmentId: string,
  tasks: readonly PlannedTask[],
  now: Date,
): Promise<void> {
  if (tasks.length === 0) return;
  await trx
    .insertInto('safety_tasks')
    .values(
      tasks.map((t) => ({
        org_id: actor.orgId,
        clinic_id: patient.clinicId,
        patient_id: patient.id,
        assessment_id: assessmentId,
        code: t.code,
        label: t.label,
        due_at: t.dueAt,
        roles: t.roles,
        status: t.metBy === null ? ('open' as const) : ('done' as const),
        completed_at: t.metBy === null ? null : now,
        completed_by: t.metBy === null ? null : actor.userId,
        note: t.metBy,
      })),
    )
    .execute();
}
