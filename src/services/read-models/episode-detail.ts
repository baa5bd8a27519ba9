// Reads one episode composed with its registry row, medications, case reviews and recommendations.
import type { Db } from '../../db/connection.js';
import type { RecommendationKind } from '../../domain/registry/case-review.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { packsFor } from '../billing/rule-packs.js';
import { listMedications, type MedicationView } from '../care-plan/medications.js';
import type { CaseReviewView } from '../case-reviews/record-case-review.js';
import { loadEpisodeRecords } from '../registry/load-snapshots.js';
import {
  asOfResolver,
  registryRulesByClinic,
  toRegistryRow,
  type RegistryRow,
} from '../registry/registry-view.js';
import type { EpisodeView } from '../episodes/episode-view.js';
import { findEpisode } from '../episodes/find-episode.js';

export interface EpisodeDetail extends EpisodeView {
  registry: RegistryRow | null;
  medications: MedicationView[];
  /** Newest first; `notes` is null for readers outside the behavioral health team. */
  caseReviews: Omit<CaseReviewView, 'episodeId'>[];
}

export async function getEpisode({
  db,
  actor,
  now,
  episodeId,
  asOf,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  episodeId: string;
  asOf?: string | undefined;
}): Promise<EpisodeDetail> {
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId);
    const [record] = await loadEpisodeRecords(
      trx,
      { orgId: actor.orgId, clinicIds: [episode.clinicId], episodeIds: [episode.id] },
      asOfResolver(asOf, now),
      await packsFor(trx, actor.orgId),
    );
    const rules = (await registryRulesByClinic(trx, actor.orgId, [episode.clinicId])).get(episode.clinicId)!;
    const reviews = await trx
      .selectFrom('case_reviews')
      .select(['id', 'reviewed_at', 'consultant_id', 'minutes', 'notes'])
      .where('org_id', '=', actor.orgId)
      .where('episode_id', '=', episode.id)
      .orderBy('reviewed_at', 'desc')
      .execute();
    const recs = await trx
      .selectFrom('recommendations')
      .select(['id', 'case_review_id', 'kind', 'text', 'pcp_id', 'sent_at', 'acknowledged_at'])
      .where('org_id', '=', actor.orgId)
      .where('episode_id', '=', episode.id)
      .orderBy('sent_at')
      .execute();
    // Consultant notes are BH documentation: the PCP sees the recommendations, not the notes.
    const showNotes = actor.roles.some((r) => r === 'care_manager' || r === 'psychiatric_consultant');
    await recordAudit(trx, actor, {
      action: 'episode.read',
      entity: 'episode',
      entityId: episode.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
    });
    return {
      ...episode,
      registry: record ? toRegistryRow(record, rules) : null,
      medications: await listMedications(trx, actor.orgId, episode.id),
      caseReviews: reviews.map((r) => ({
        id: r.id,
        reviewedAt: r.reviewed_at.toISOString(),
        consultantId: r.consultant_id,
        minutes: r.minutes,
        notes: showNotes ? r.notes : null,
        recommendations: recs
          .filter((m) => m.case_review_id === r.id)
          .map((m) => ({
            id: m.id,
            kind: m.kind as RecommendationKind,
            text: m.text,
            pcpId: m.pcp_id,
            sentAt: m.sent_at.toISOString(),
            acknowledgedAt: m.acknowledged_at?.toISOString() ?? null,
          })),
      })),
    };
  });
}
