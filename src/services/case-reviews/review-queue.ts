// The psychiatric consultant's prioritised review list: safety, new enrollees, not improving, requested.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import {
  buildCaseReviewList,
  type ReviewReason,
  type ReviewReasonCode,
} from '../../domain/registry/case-review.js';
import { OPEN_STATUSES } from '../../domain/registry/episode-status.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { packsFor } from '../billing/rule-packs.js';
import {
  asOfResolver,
  registryRulesByClinic,
  toRegistryRow,
  type RegistryRow,
} from '../registry/registry-view.js';
import { loadEpisodeRecords } from '../registry/load-snapshots.js';
import { isoDate, uuid } from '../schemas.js';

export const reviewQueueQuery = z.object({
  clinicId: uuid.optional(),
  /** A consultant's own list by default; a care manager may ask for one consultant's. */
  consultantId: uuid.optional(),
  asOf: isoDate.optional(),
});

export interface ReviewQueueItem {
  priority: ReviewReasonCode;
  reasons: ReviewReason[];
  episode: RegistryRow;
}

export async function readReviewQueue({
  db,
  actor,
  now,
  query,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  query: z.output<typeof reviewQueueQuery>;
}): Promise<{ items: ReviewQueueItem[] }> {
  if (query.clinicId) assertClinicAccess(actor, query.clinicId);
  const clinicIds = query.clinicId ? [query.clinicId] : actor.clinicIds;
  const consultantId =
    query.consultantId ?? (actor.roles.includes('psychiatric_consultant') ? actor.userId : undefined);
  return db.transaction().execute(async (trx) => {
    const records = await loadEpisodeRecords(
      trx,
      { orgId: actor.orgId, clinicIds, psychiatricConsultantId: consultantId, statuses: OPEN_STATUSES },
      asOfResolver(query.asOf, now),
      await packsFor(trx, actor.orgId),
    );
    const rulesByClinic = await registryRulesByClinic(trx, actor.orgId, clinicIds);
    const byEpisode = new Map(records.map((r) => [r.snapshot.episodeId, r]));
    // Each clinic's list under its own rules, then one list ordered as the domain orders it.
    const items = clinicIds.flatMap((clinicId) => {
      const inClinic = records.filter((r) => r.clinicId === clinicId);
      if (inClinic.length === 0) return [];
      const rules = rulesByClinic.get(clinicId)!;
      const asOf = inClinic[0]!.asOf;
      return buildCaseReviewList(
        inClinic.map((r) => r.snapshot),
        asOf,
        rules,
      ).map((item) => {
        const record = byEpisode.get(item.episodeId)!;
        return { priority: item.priority, reasons: item.reasons, episode: toRegistryRow(record, rules) };
      });
    });
    await recordAudit(trx, actor, {
      action: 'case_review_list.read',
      entity: 'episode',
      details: { patientIds: items.map((i) => i.episode.patientId), count: items.length },
    });
    return { items };
  });
}
