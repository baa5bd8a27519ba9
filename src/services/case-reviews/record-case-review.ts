// Records a psychiatric case review; its recommendations go to the episode's PCP to acknowledge.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { RECOMMENDATION_KINDS, type RecommendationKind } from '../../domain/registry/case-review.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { insertContactEntry } from '../contacts/log-contact.js';
import { findEpisode } from '../episodes/find-episode.js';
import { isoInstant, trimmed, uuid } from '../schemas.js';
import { requireStaff } from '../staff.js';

export { RECOMMENDATION_KINDS };

export const caseReviewInput = z.object({
  reviewedAt: isoInstant,
  consultantId: uuid,
  minutes: z.number(),
  notes: z.string().trim().max(20_000).optional(),
  recommendations: z
    .array(z.object({ kind: z.enum(RECOMMENDATION_KINDS), text: trimmed(4000) }))
    .max(20)
    .default([]),
});

export interface CaseReviewView {
  id: string;
  episodeId: string;
  reviewedAt: string;
  consultantId: string;
  minutes: number;
  notes: string | null;
  recommendations: {
    id: string;
    kind: RecommendationKind;
    text: string;
    pcpId: string | null;
    sentAt: string;
    acknowledgedAt: string | null;
  }[];
}

export async function recordCaseReview({
  db,
  actor,
  now,
  episodeId,
  input,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  episodeId: string;
  input: z.output<typeof caseReviewInput>;
}): Promise<CaseReviewView> {
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId, { forUpdate: true });
    if (episode.program !== 'cocm') {
      throw AppError.rule(
        'program',
        'Psychiatric case review is part of CoCM; this is a general BHI episode.',
      );
    }
    if (episode.status === 'discharged') throw AppError.rule('status', 'The episode is discharged.');
    await requireStaff(
      trx,
      { orgId: actor.orgId, clinicId: episode.clinicId },
      input.consultantId,
      'consultantId',
      ['psychiatric_consultant'],
    );
    // The consultant's minutes enter the contact log, counted or not by the payer's rule pack (billing.md §1).
    await insertContactEntry(
      trx,
      actor,
      episode,
      {
        occurredAt: input.reviewedAt,
        minutes: input.minutes,
        staffId: input.consultantId,
        staffRole: 'psychiatric_consultant',
        activity: 'case_review',
        modality: 'none',
        billedSeparately: false,
        duringInpatientStay: false,
      },
      { now },
    );
    const review = await trx
      .insertInto('case_reviews')
      .values({
        org_id: actor.orgId,
        episode_id: episode.id,
        clinic_id: episode.clinicId,
        patient_id: episode.patientId,
        reviewed_at: input.reviewedAt,
        consultant_id: input.consultantId,
        minutes: input.minutes,
        notes: input.notes ?? null,
        created_by: actor.userId,
      })
      .returning(['id', 'reviewed_at'])
      .executeTakeFirstOrThrow();
    const sentAt = now;
    const recommendations =
      input.recommendations.length === 0
        ? []
        : await trx
            .insertInto('recommendations')
            .values(
              input.recommendations.map((r) => ({
                org_id: actor.orgId,
                case_review_id: review.id,
                episode_id: episode.id,
                clinic_id: episode.clinicId,
                patient_id: episode.patientId,
                kind: r.kind,
                text: r.text,
                pcp_id: episode.pcpId,
                sent_at: sentAt,
              })),
            )
            .returning(['id', 'kind', 'text', 'pcp_id', 'sent_at', 'acknowledged_at'])
            .execute();
    if (episode.reviewRequestedAt && new Date(episode.reviewRequestedAt) <= input.reviewedAt) {
      await trx
        .updateTable('episodes')
        .set({ review_requested_at: null, updated_at: sentAt })
        .where('org_id', '=', actor.orgId)
        .where('id', '=', episode.id)
        .execute();
    }
    await recordAudit(trx, actor, {
      action: 'case_review.create',
      entity: 'case_review',
      entityId: review.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
      details: { recommendationIds: recommendations.map((r) => r.id) },
    });
    return {
      id: review.id,
      episodeId: episode.id,
      reviewedAt: review.reviewed_at.toISOString(),
      consultantId: input.consultantId,
      minutes: input.minutes,
      notes: input.notes ?? null,
      recommendations: recommendations.map((r) => ({
        id: r.id,
        kind: r.kind as RecommendationKind,
        text: r.text,
        pcpId: r.pcp_id,
        sentAt: r.sent_at.toISOString(),
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      })),
    };
  });
}
