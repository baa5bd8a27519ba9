// The latest assessment of each patient and whether its follow-up is done: the input of riskStatus.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { AssessmentFacts, RiskLevel } from '../../domain/safety/index.js';

/**
 * By patient: the latest assessment (by assessed time, its latest version) and the completion of its
 * `bh_follow_up` task. One query for any number of patients, so the registry can ask for a page.
 */
export async function latestAssessmentFacts(
  db: Db,
  orgId: string,
  patientIds: readonly string[],
): Promise<Map<string, AssessmentFacts & { assessmentId: string }>> {
  if (patientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('safety_assessments as a')
    .leftJoin('safety_tasks as t', (j) =>
      j
        .onRef('t.org_id', '=', 'a.org_id')
        .onRef('t.assessment_id', '=', 'a.assessment_id')
        .on('t.code', '=', 'bh_follow_up')
        .on('t.status', '=', 'done'),
    )
    .distinctOn('a.patient_id')
    .select([
      'a.patient_id',
      'a.assessment_id',
      'a.assessed_at',
      'a.risk_level',
      'a.follow_up_at',
      't.completed_at as follow_up_done_at',
    ])
    .where('a.org_id', '=', orgId)
    .where('a.patient_id', 'in', patientIds)
    .orderBy('a.patient_id')
    .orderBy('a.assessed_at', 'desc')
    .orderBy('a.version', 'desc')
    .orderBy(sql`t.completed_at desc nulls last`)
    .execute();
  return new Map(
    rows.map((r) => [
      r.patient_id,
      {
        assessmentId: r.assessment_id,
        assessedAt: r.assessed_at,
        // The column's CHECK allows only the three levels.
        riskLevel: r.risk_level as RiskLevel,
        followUpAt: r.follow_up_at,
        followUpDoneAt: r.follow_up_done_at,
      },
    ]),
  );
}
