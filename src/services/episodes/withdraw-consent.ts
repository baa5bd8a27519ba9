// Records that the patient withdrew CoCM/BHI consent: minutes from that time on stop counting (billing.md §1).
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { requireStaff } from '../staff.js';
import type { withdrawConsentInput } from './episode-input.js';
import { episodeColumns, toEpisodeView, type EpisodeView } from './episode-view.js';
import { findEpisode } from './find-episode.js';

export async function withdrawConsent({
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
  input: z.output<typeof withdrawConsentInput>;
}): Promise<EpisodeView> {
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId, { forUpdate: true });
    const consent = episode.consent;
    if (!consent) throw AppError.rule('consent', 'no consent is documented for this episode');
    if (consent.withdrawnAt)
      throw AppError.conflict('consent', `consent was already withdrawn on ${consent.withdrawnAt}`);
    if (input.withdrawnAt < new Date(consent.obtainedAt))
      throw AppError.validation([
        { field: 'withdrawnAt', reason: `cannot be before the consent was obtained (${consent.obtainedAt})` },
      ]);
    // The patient may tell anyone on the team; whoever heard it is recorded.
    await requireStaff(
      trx,
      { orgId: actor.orgId, clinicId: episode.clinicId },
      input.recordedBy,
      'recordedBy',
      ['pcp', 'care_manager', 'psychiatric_consultant', 'medical_assistant', 'front_desk'],
    );
    const updated = await trx
      .updateTable('episode_consents')
      .set({ withdrawn_at: input.withdrawnAt, withdrawal_recorded_by: input.recordedBy })
      .where('org_id', '=', actor.orgId)
      .where('episode_id', '=', episode.id)
      .where('obtained_at', '=', new Date(consent.obtainedAt))
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new Error(`episode ${episode.id}: the current consent is missing from its history`);
    const row = await trx
      .updateTable('episodes')
      .set({
        consent_withdrawn_at: input.withdrawnAt,
        consent_withdrawn_recorded_by: input.recordedBy,
        updated_at: now,
      })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', episode.id)
      .returning(episodeColumns)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('episode_events')
      .values({
        org_id: actor.orgId,
        episode_id: episode.id,
        kind: 'consent_withdrawn',
        from_status: episode.status,
        to_status: row.status,
        detail: '{}',
        by_user: actor.userId,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'episode.consent_withdraw',
      entity: 'episode',
      entityId: episode.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
    });
    return toEpisodeView(row);
  });
}
