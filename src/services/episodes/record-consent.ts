// Documents the patient's CoCM/BHI consent (again after a withdrawal or a new billing practitioner);
// a referred episode becomes active (billing needs consent first).
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { checkTransition } from '../../domain/registry/episode-status.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { requireStaff } from '../staff.js';
import type { consentInput } from './episode-input.js';
import { episodeColumns, toEpisodeView, type EpisodeView } from './episode-view.js';
import { findEpisode } from './find-episode.js';
import { currentConsentColumns, currentPractitionerSince, insertConsentRecord } from './consent-history.js';

export async function recordConsent({
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
  input: z.output<typeof consentInput>;
}): Promise<EpisodeView> {
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId, { forUpdate: true });
    const current = episode.consent;
    if (current?.withdrawnAt) {
      if (input.obtainedAt < new Date(current.withdrawnAt))
        throw AppError.rule(
          'obtainedAt',
          `the patient withdrew consent on ${current.withdrawnAt}; a new consent must come after that`,
        );
    } else if (current) {
      // billing.md §1: consent is documented once, and again when the billing practitioner changes (or to
      // complete a consent that does not say cost sharing and consultation were explained).
      const since = await currentPractitionerSince(trx, actor.orgId, episode.id);
      const complete = current.costSharingExplained === true && current.consultationExplained === true;
      const changedSince = since !== null && new Date(current.obtainedAt) < since ? since : null;
      if (complete && changedSince === null)
        throw AppError.conflict('consent', 'consent is already documented for this episode');
      if (changedSince !== null && input.obtainedAt < changedSince)
        throw AppError.rule(
          'obtainedAt',
          `the billing practitioner changed on ${changedSince.toISOString()}; the new consent must be obtained after that`,
        );
    }
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
        ...currentConsentColumns(input),
        ...(activate
          ? {
              status: 'active',
              enrolled_at: new Date(Math.max(input.obtainedAt.getTime(), referredAt.getTime())),
            }
          : {}),
        updated_at: now,
      })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', episode.id)
      .returning(episodeColumns)
      .executeTakeFirstOrThrow();
    await insertConsentRecord(
      trx,
      { orgId: actor.orgId, episodeId: episode.id, actorId: actor.userId },
      input,
    );
    await trx
      .insertInto('episode_events')
      .values({
        org_id: actor.orgId,
        episode_id: episode.id,
        kind: 'consent',
        from_status: episode.status,
        to_status: row.status,
        detail: JSON.stringify({
          method: input.method,
          costSharingExplained: input.costSharingExplained ?? null,
          consultationExplained: input.consultationExplained ?? null,
        }),
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
