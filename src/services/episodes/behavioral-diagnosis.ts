// Refuses an episode's diagnoses without a behavioral one unless its clinic allows that (billing.md §1).
import type { Db } from '../../db/connection.js';
import { missingBehavioralDiagnosis } from '../../domain/registry/diagnosis.js';
import { AppError } from '../../errors.js';

export async function requireBehavioralDiagnosis(
  db: Db,
  at: { orgId: string; clinicId: string },
  diagnoses: readonly string[],
): Promise<void> {
  const clinic = await db
    .selectFrom('clinics')
    .select('allow_non_behavioral_diagnosis')
    .where('org_id', '=', at.orgId)
    .where('id', '=', at.clinicId)
    .executeTakeFirstOrThrow();
  const reason = missingBehavioralDiagnosis(diagnoses, {
    allowNonBehavioralDiagnosis: clinic.allow_non_behavioral_diagnosis,
  });
  if (reason) throw AppError.validation([{ field: 'diagnoses', reason }]);
}
