// Caseload per care manager (active + relapse prevention) against the AIMS norms and the clinic's capacity.
import { z } from 'zod';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { assessCaseload, type CaseloadAssessment } from '../../domain/registry/caseload.js';
import { CASELOAD_STATUSES } from '../../domain/registry/episode-status.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { loadRuleSet } from '../rules/rule-sets.js';
import { uuid } from '../schemas.js';

export const caseloadQuery = z.object({ clinicId: uuid });

/** One care manager's caseload, named. */
export type CaseloadView = CaseloadAssessment & { name: string };

export async function readCaseloads({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof caseloadQuery>;
}): Promise<{ caseloads: CaseloadView[]; unassigned: number }> {
  assertClinicAccess(actor, query.clinicId);
  return db.transaction().execute(async (trx) => {
    const { rules } = await loadRuleSet(trx, actor.orgId, query.clinicId, 'registry');
    const rows = await trx
      .selectFrom('users as u')
      .innerJoin('user_clinics as uc', (j) =>
        j.onRef('uc.org_id', '=', 'u.org_id').onRef('uc.user_id', '=', 'u.id'),
      )
      .leftJoin('episodes as e', (j) =>
        j
          .onRef('e.org_id', '=', 'u.org_id')
          .onRef('e.care_manager_id', '=', 'u.id')
          .on('e.clinic_id', '=', query.clinicId)
          .on('e.status', 'in', CASELOAD_STATUSES),
      )
      .select(['u.id', 'u.name', sql<number>`count(e.id)::int`.as('count')])
      .where('u.org_id', '=', actor.orgId)
      .where('uc.clinic_id', '=', query.clinicId)
      .where(sql<boolean>`'care_manager' = any(u.roles)`)
      .groupBy(['u.id', 'u.name'])
      .orderBy('u.name')
      .execute();
    await recordAudit(trx, actor, { action: 'caseload.read', entity: 'episode', clinicId: query.clinicId });
    return {
      caseloads: rows.map((r) => ({ ...assessCaseload(r.id, r.count, rules.caseload), name: r.name })),
      // Every episode names a care manager (enrollment requires one).
      unassigned: 0,
    };
  });
}
