// Opens an episode of care (CoCM or general BHI) for a patient; with consent it starts active.
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { findPatient } from '../patients/read-patients.js';
import { requireStaff } from '../staff.js';
import { resolveOpenItems } from '../worklist/resolve-items.js';
import { requireBehavioralDiagnosis } from './behavioral-diagnosis.js';
import { currentConsentColumns, insertConsentRecord, recordBillingPractitioner } from './consent-history.js';
import { initiatingVisitColumns, type EnrollInput } from './episode-input.js';
import { episodeColumns, toEpisodeView, type EpisodeView } from './episode-view.js';

export async function enrollPatient({
  db,
  actor,
  patientId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  input: EnrollInput;
  /** The caller's clock: when the items the enrolment answers close. */
  now: Date;
}): Promise<EpisodeView> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const at = { orgId: actor.orgId, clinicId: patient.clinicId };
    await requireBehavioralDiagnosis(trx, at, input.diagnoses);
    // The billing practitioner directs care and bills CoCM: the treating practitioner (docs/domain/billing.md §1).
    await requireStaff(trx, at, input.billingPractitionerId, 'billingPractitionerId', ['pcp']);
    await requireStaff(trx, at, input.careManagerId, 'careManagerId', ['care_manager']);
    if (input.psychiatricConsultantId) {
      await requireStaff(trx, at, input.psychiatricConsultantId, 'psychiatricConsultantId', [
        'psychiatric_consultant',
      ]);
    }
    const pcpId = input.pcpId ?? patient.pcpId ?? input.billingPractitionerId;
    if (input.pcpId) await requireStaff(trx, at, input.pcpId, 'pcpId', ['pcp']);
    if (input.consent) {
      await requireStaff(trx, at, input.consent.obtainedBy, 'consent.obtainedBy', [
        'pcp',
        'care_manager',
        'psychiatric_consultant',
      ]);
    }
    if (input.initiatingVisit) {
      await requireStaff(trx, at, input.initiatingVisit.practitionerId, 'initiatingVisit.practitionerId', [
        'pcp',
      ]);
    }
    const consentAt = input.consent?.obtainedAt ?? null;
    const enrolledAt = consentAt ? new Date(Math.max(consentAt.getTime(), input.referredAt.getTime())) : null;
    const row = await trx
      .insertInto('episodes')
      .values({
        org_id: actor.orgId,
        clinic_id: patient.clinicId,
        patient_id: patient.id,
        program: input.program,
        status: consentAt ? 'active' : 'referred',
        referred_at: input.referredAt,
        enrolled_at: enrolledAt,
        billing_practitioner_id: input.billingPractitionerId,
        care_manager_id: input.careManagerId,
        psychiatric_consultant_id: input.psychiatricConsultantId ?? null,
        pcp_id: pcpId,
        diagnoses: input.diagnoses,
        primary_measure: input.primaryMeasure,
        ...(input.consent ? currentConsentColumns(input.consent) : {}),
        ...initiatingVisitColumns(input.initiatingVisit ?? null),
      })
      .onConflict((oc) =>
        oc.columns(['org_id', 'patient_id', 'program']).where('status', '<>', 'discharged').doNothing(),
      )
      .returning(episodeColumns)
      .executeTakeFirst();
    if (!row) {
      throw AppError.conflict(
        'program',
        `the patient already has an open ${input.program} episode; discharge it first`,
      );
    }
    const ids = { orgId: actor.orgId, episodeId: row.id, actorId: actor.userId };
    await recordBillingPractitioner(trx, ids, input.billingPractitionerId, input.referredAt);
    if (input.consent) await insertConsentRecord(trx, ids, input.consent);
    await trx
      .insertInto('episode_events')
      .values({
        org_id: actor.orgId,
        episode_id: row.id,
        kind: 'status',
        from_status: null,
        to_status: row.status,
        detail: '{}',
        by_user: actor.userId,
      })
      .execute();
    // Enrolment is the handoff and the offer answered: their open worklist items close with it.
    await resolveOpenItems(trx, actor, {
      orgId: actor.orgId,
      patientId: patient.id,
      event: { kind: 'enrolled', id: row.id },
      now,
    });
    await recordAudit(trx, actor, {
      action: 'episode.create',
      entity: 'episode',
      entityId: row.id,
      patientId: patient.id,
      clinicId: patient.clinicId,
    });
    return toEpisodeView(row);
  });
}
