// Documents the patient's CoCM/BHI consent; a referred episode becomes active (billing needs consent first).
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { checkTransition } from '../../domain/registry/episode-status.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { requireStaff } from '../staff.js';
import type { consentInput } from './episode-input.js';
import { episodeColumns, toEpisodeView, type EpisodeView } from './episode-input.js';
import { findEpisode } from './find-episode.js';

export async function recordConsent({
  db,
  actor,
  episodeId,
  input,
}: {
  db: Db;
  actor: Actor;
  episodeId: string;
  input: z.output<typeof consentInput>;
}): Promise<EpisodeView> {
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId, { forUpdate: true });
    if (episode.consent) throw AppError.conflict('consent', 'consent is already documented for this episode');
    if (episode.status === 'discharged')
      throw AppError.rule('status', 'The episode is discharged; start a new episode.');
    await requireStaff(
      trx,
      { orgId: actor.orgId, clinicId: episode.clinicId },
      input.obtainedBy,
      'obtainedBy',
      ['pcp', 'care_manager', 'psychiatric_consultant'],
    );
    const activate = episode.status === 'referred';
    if (activate) {
      const check = checkTransition('referred', 'active', { hasConsent: true });
      if (!check.ok) throw AppError.rule(check.field, check.reason);
    }
    const referredAt = new Date(episode.referredAt);
    const row = await trx
      .updateTable('episodes')
      .set({
        consent_obtained_at: input.obtainedAt,
        consent_method: input.method,
        consent_obtained_by: input.obtainedBy,
        ...(activate
          ? {
              status: 'active',
              enrolled_at: new Date(Math.max(input.obtainedAt.getTime(), referredAt.getTime())),
            }
          : {}),
        updated_at: new Date(),
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
        kind: 'consent',
        from_status: episode.status,
        to_status: row.status,
        detail: JSON.stringify({ method: input.method }),
        by_user: actor.userId,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'episode.consent',
      entity: 'episode',
      entityId: episode.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
    });
    return toEpisodeView(row);
  });
}
