// The PCP's side of case review: the inbox of recommendations, and acknowledging one.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import type { RecommendationKind } from '../../domain/registry/case-review.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { uuid } from '../schemas.js';

export const inboxQuery = z.object({
  clinicId: uuid.optional(),
  /** Whose inbox; a PCP's own by default. */
  pcpId: uuid.optional(),
  status: z.enum(['open', 'acknowledged', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
/** Which recommendations the inbox lists. */
export type InboxStatus = z.output<typeof inboxQuery>['status'];

export const acknowledgeInput = z.object({ note: z.string().trim().max(2000).optional() });

export interface RecommendationView {
  id: string;
  episodeId: string;
  caseReviewId: string;
  kind: RecommendationKind;
  text: string;
  pcpId: string | null;
  sentAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  reviewedAt: string;
  consultantId: string;
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

export async function listRecommendations({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof inboxQuery>;
}): Promise<{ recommendations: RecommendationView[] }> {
  if (query.clinicId) assertClinicAccess(actor, query.clinicId);
  const clinicIds = query.clinicId ? [query.clinicId] : actor.clinicIds;
  if (clinicIds.length === 0) return { recommendations: [] };
  const pcpId = query.pcpId ?? (actor.roles.includes('pcp') ? actor.userId : undefined);
  return db.transaction().execute(async (trx) => {
    let select = trx
      .selectFrom('recommendations as m')
      .innerJoin('case_reviews as r', (j) =>
        j.onRef('r.org_id', '=', 'm.org_id').onRef('r.id', '=', 'm.case_review_id'),
      )
      .innerJoin('patients as p', (j) =>
        j.onRef('p.org_id', '=', 'm.org_id').onRef('p.id', '=', 'm.patient_id'),
      )
      .select([
        'm.id',
        'm.episode_id',
        'm.case_review_id',
        'm.kind',
        'm.text',
        'm.pcp_id',
        'm.sent_at',
        'm.acknowledged_at',
        'm.acknowledged_by',
        'r.reviewed_at',
        'r.consultant_id',
        'p.id as patient_id',
        'p.mrn',
        'p.given_name',
        'p.family_name',
      ])
      .where('m.org_id', '=', actor.orgId)
      .where('m.clinic_id', 'in', clinicIds);
    if (pcpId) select = select.where('m.pcp_id', '=', pcpId);
    if (query.status === 'open') select = select.where('m.acknowledged_at', 'is', null);
    if (query.status === 'acknowledged') select = select.where('m.acknowledged_at', 'is not', null);
    const rows = await select.orderBy('m.sent_at').limit(query.limit).execute();
    await recordAudit(trx, actor, {
      action: 'recommendation.list',
      entity: 'recommendation',
      details: { patientIds: [...new Set(rows.map((r) => r.patient_id))], count: rows.length },
    });
    return {
      recommendations: rows.map((r) => ({
        id: r.id,
        episodeId: r.episode_id,
        caseReviewId: r.case_review_id,
        // Written only through caseReviewInput, so one of RECOMMENDATION_KINDS.
        kind: r.kind as RecommendationKind,
        text: r.text,
        pcpId: r.pcp_id,
        sentAt: r.sent_at.toISOString(),
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
        acknowledgedBy: r.acknowledged_by,
        reviewedAt: r.reviewed_at.toISOString(),
        consultantId: r.consultant_id,
        patient: { id: r.patient_id, mrn: r.mrn, givenName: r.given_name, familyName: r.family_name },
      })),
    };
  });
}

export async function acknowledgeRecommendation({
  db,
  actor,
  now,
  recommendationId,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  recommendationId: string;
}): Promise<{ id: string; acknowledgedAt: string; acknowledgedBy: string }> {
  if (!uuid.safeParse(recommendationId).success) throw AppError.notFound('Recommendation');
  return db.transaction().execute(async (trx) => {
    const rec = await trx
      .selectFrom('recommendations')
      .select(['id', 'clinic_id', 'patient_id', 'acknowledged_at'])
      .where('org_id', '=', actor.orgId)
      .where('id', '=', recommendationId)
      .forUpdate()
      .executeTakeFirst();
    if (!rec || !actor.clinicIds.includes(rec.clinic_id)) throw AppError.notFound('Recommendation');
    if (rec.acknowledged_at) throw AppError.conflict('id', 'this recommendation was already acknowledged');
    const acknowledgedAt = now;
    await trx
      .updateTable('recommendations')
      .set({ acknowledged_at: acknowledgedAt, acknowledged_by: actor.userId })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', rec.id)
      .execute();
    await recordAudit(trx, actor, {
      action: 'recommendation.acknowledge',
      entity: 'recommendation',
      entityId: rec.id,
      patientId: rec.patient_id,
      clinicId: rec.clinic_id,
    });
    return { id: rec.id, acknowledgedAt: acknowledgedAt.toISOString(), acknowledgedBy: actor.userId };
  });
}
