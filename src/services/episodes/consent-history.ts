// Writes and reads an episode's consent history and billing-practitioner history (billing.md §1).
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import type { consentInput } from './episode-input.js';

/** Appends a consent to the history; the caller mirrors it on the episode in the same transaction. */
export async function insertConsentRecord(
  db: Db,
  ids: { orgId: string; episodeId: string; actorId: string },
  input: z.output<typeof consentInput>,
): Promise<void> {
  await db
    .insertInto('episode_consents')
    .values({
      org_id: ids.orgId,
      episode_id: ids.episodeId,
      obtained_at: input.obtainedAt,
      method: input.method,
      obtained_by: input.obtainedBy,
      cost_sharing_explained: input.costSharingExplained ?? null,
      consultation_explained: input.consultationExplained ?? null,
      created_by: ids.actorId,
    })
    .execute();
}

/** The episode's consent columns for a newly documented consent (a new consent ends any withdrawal). */
export const currentConsentColumns = (input: z.output<typeof consentInput>) => ({
  consent_obtained_at: input.obtainedAt,
  consent_method: input.method,
  consent_obtained_by: input.obtainedBy,
  consent_cost_sharing_explained: input.costSharingExplained ?? null,
  consent_consultation_explained: input.consultationExplained ?? null,
  consent_withdrawn_at: null,
  consent_withdrawn_recorded_by: null,
});

/** Records who directs care and bills from `startsAt` on; a closed month keeps its own practitioner. */
export async function recordBillingPractitioner(
  db: Db,
  ids: { orgId: string; episodeId: string; actorId: string },
  practitionerId: string,
  startsAt: Date,
): Promise<void> {
  await db
    .insertInto('episode_billing_practitioners')
    .values({
      org_id: ids.orgId,
      episode_id: ids.episodeId,
      practitioner_id: practitionerId,
      starts_at: startsAt,
      recorded_by: ids.actorId,
    })
    .onConflict((oc) =>
      oc.columns(['org_id', 'episode_id', 'starts_at']).doUpdateSet({ practitioner_id: practitionerId }),
    )
    .execute();
}

/**
 * When the current billing practitioner took over from another one; null when they have directed care
 * since the episode began (billing.md §1: consent is asked again after a change).
 */
export async function currentPractitionerSince(
  db: Db,
  orgId: string,
  episodeId: string,
): Promise<Date | null> {
  const rows = await db
    .selectFrom('episode_billing_practitioners')
    .select(['starts_at'])
    .where('org_id', '=', orgId)
    .where('episode_id', '=', episodeId)
    .orderBy('starts_at', 'desc')
    .limit(2)
    .execute();
  return rows.length > 1 ? rows[0]!.starts_at : null;
}
