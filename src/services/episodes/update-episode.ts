// Changes an episode: status moves the machine allows, team members, diagnoses, review and safety requests.
import type { Updateable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { EpisodesTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { checkTransition } from '../../domain/registry/episode-status.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { requireStaff } from '../staff.js';
import { requireBehavioralDiagnosis } from './behavioral-diagnosis.js';
import { recordBillingPractitioner } from './consent-history.js';
import { initiatingVisitColumns, type UpdateEpisodeInput } from './episode-input.js';
import { episodeColumns, toEpisodeView, type EpisodeView } from './episode-view.js';
import { findEpisode } from './find-episode.js';

export async function updateEpisode({
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
  input: UpdateEpisodeInput;
}): Promise<EpisodeView> {
  return db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, actor, episodeId, { forUpdate: true });
    if (episode.status === 'discharged') {
      throw AppError.rule(
        'status',
        'The episode is discharged, which is final; start a new episode instead.',
      );
    }
    const at = { orgId: actor.orgId, clinicId: episode.clinicId };
    const changes: Updateable<EpisodesTable> = { updated_at: now };

    if (input.status && input.status !== episode.status) {
      const check = checkTransition(episode.status as never, input.status, {
        hasConsent: episode.consent !== null,
        dischargeReason: input.dischargeReason ?? null,
      });
      if (!check.ok) throw AppError.rule(check.field, check.reason);
      changes.status = input.status;
      if (input.status === 'active' && !episode.enrolledAt) changes.enrolled_at = now;
      if (input.status === 'relapse_prevention') changes.relapse_prevention_at = now;
      if (input.status === 'discharged') {
        const dischargedAt = input.dischargedAt ?? now;
        if (dischargedAt < new Date(episode.referredAt)) {
          throw AppError.validation([{ field: 'dischargedAt', reason: 'cannot be before the referral' }]);
        }
        changes.discharged_at = dischargedAt;
        changes.discharge_reason = input.dischargeReason ?? null;
      }
    } else if (input.status === episode.status) {
      throw AppError.rule('status', `The episode is already ${episode.status}.`);
    } else if (input.dischargeReason || input.dischargedAt) {
      throw AppError.validation([
        { field: 'status', reason: 'a discharge reason or date needs status "discharged"' },
      ]);
    }

    if (input.careManagerId) {
      await requireStaff(trx, at, input.careManagerId, 'careManagerId', ['care_manager']);
      changes.care_manager_id = input.careManagerId;
    }
    if (input.billingPractitionerId && input.billingPractitionerId !== episode.billingPractitionerId) {
      await requireStaff(trx, at, input.billingPractitionerId, 'billingPractitionerId', ['pcp']);
      changes.billing_practitioner_id = input.billingPractitionerId;
      // Months already billed keep their practitioner; the new one needs consent again (billing.md §1).
      await recordBillingPractitioner(
        trx,
        { orgId: actor.orgId, episodeId: episode.id, actorId: actor.userId },
        input.billingPractitionerId,
        now,
      );
    }
    if (input.initiatingVisit !== undefined) {
      if (input.initiatingVisit)
        await requireStaff(trx, at, input.initiatingVisit.practitionerId, 'initiatingVisit.practitionerId', [
          'pcp',
        ]);
      Object.assign(changes, initiatingVisitColumns(input.initiatingVisit));
    }
    if (input.psychiatricConsultantId !== undefined) {
      if (input.psychiatricConsultantId) {
        await requireStaff(trx, at, input.psychiatricConsultantId, 'psychiatricConsultantId', [
          'psychiatric_consultant',
        ]);
      }
      changes.psychiatric_consultant_id = input.psychiatricConsultantId;
    }
    if (input.pcpId !== undefined) {
      if (input.pcpId) await requireStaff(trx, at, input.pcpId, 'pcpId', ['pcp']);
      changes.pcp_id = input.pcpId;
    }
    if (input.diagnoses) {
      await requireBehavioralDiagnosis(trx, at, input.diagnoses);
      changes.diagnoses = input.diagnoses;
    }
    if (input.reviewRequested !== undefined) changes.review_requested_at = input.reviewRequested ? now : null;
    if (input.safetyConcern !== undefined) changes.safety_flagged_at = input.safetyConcern ? now : null;

    const row = await trx
      .updateTable('episodes')
      .set(changes)
      .where('org_id', '=', actor.orgId)
      .where('id', '=', episode.id)
      .returning(episodeColumns)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('episode_events')
      .values({
        org_id: actor.orgId,
        episode_id: episode.id,
        kind: changes.status ? 'status' : 'update',
        from_status: episode.status,
        to_status: row.status,
        detail: JSON.stringify({
          fields: Object.keys(input).filter((k) => input[k as keyof UpdateEpisodeInput] !== undefined),
        }),
        at: now,
        by_user: actor.userId,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'episode.update',
      entity: 'episode',
      entityId: episode.id,
      patientId: episode.patientId,
      clinicId: episode.clinicId,
    });
    return toEpisodeView(row);
  });
}
