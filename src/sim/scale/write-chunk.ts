// Writes a chunk of one clinic's planned patients through the bulk path: patients, episodes, then the
// screenings and contacts (checked like any import, with their rollups) and the case reviews.
import type { EpisodeStatus } from '../../domain/registry/episode-status.js';
import { dayOf } from '../../domain/calendar/index.js';
import type { Actor } from '../../services/actor.js';
import { recordAudit } from '../../services/audit/audit-event.js';
import { inBatchTransaction, type NewRow } from '../../services/bulk/batch-transaction.js';
import type { BulkTarget } from '../../services/bulk/bulk-target.js';
import type { ImportReport } from '../../services/bulk/import-report.js';
import { importRows, type BulkNoun } from '../../services/bulk/import-rows.js';
import type { SourceRecord } from '../../services/bulk/record-source.js';
import { timeOrderedId } from '../../services/bulk/time-ordered-id.js';
import type { ScaleEpisode } from './episode-course.js';
import type { ScalePatient } from './patient-course.js';
import type { CareManager, ClinicLayout } from './scale-org.js';

const SIM_STREETS = ['Main St', 'Park Ave', 'Lake Rd', 'Hill Dr', 'River Ln', 'Mill Ct', 'School St'];

export const SIM_PHASES = ['patients', 'episodes', 'screenings', 'contacts', 'case reviews'] as const;
export type SimPhase = (typeof SIM_PHASES)[number];

export interface SimTally {
  patients: number;
  episodes: Record<EpisodeStatus, number>;
  screenings: number;
  contacts: number;
  caseReviews: number;
  /** Generated rows the bulk path refused: a simulation bug if ever non-zero. */
  rejected: number;
  failedBatches: number;
}

export const emptyTally = (): SimTally => ({
  patients: 0,
  episodes: { referred: 0, active: 0, relapse_prevention: 0, discharged: 0 },
  screenings: 0,
  contacts: 0,
  caseReviews: 0,
  rejected: 0,
  failedBatches: 0,
});

export interface ChunkContext {
  target: BulkTarget;
  actor: Actor;
  clinic: ClinicLayout;
  batchSize?: number | undefined;
  /** The simulation's today: the import judges "in the future" by it. */
  now: Date;
  /** Round-robin positions, so every care manager carries about the same open caseload. */
  turns: { open: number; closed: number };
  tally: SimTally;
  progress: (phase: SimPhase, added: number) => void;
}

interface PlacedEpisode {
  id: string;
  patientId: string;
  pcpId: string;
  careManager: CareManager;
  plan: ScaleEpisode;
}

function place(
  ctx: ChunkContext,
  first: number,
  plans: ScalePatient[],
  patientIds: string[],
): PlacedEpisode[] {
  const { clinic, turns } = ctx;
  return plans.flatMap((patient, k) =>
    patient.episodes.map((plan) => {
      const turn = plan.status === 'discharged' ? turns.closed++ : turns.open++;
      return {
        id: timeOrderedId(),
        patientId: patientIds[k]!,
        pcpId: clinic.pcps[(first + k) % clinic.pcps.length]!,
        careManager: clinic.careManagers[turn % clinic.careManagers.length]!,
        plan,
      };
    }),
  );
}

function episodeRow(ctx: ChunkContext, e: PlacedEpisode): NewRow<'episodes'> {
  const { plan } = e;
  return {
    org_id: ctx.actor.orgId,
    id: e.id,
    clinic_id: ctx.clinic.id,
    patient_id: e.patientId,
    program: plan.program,
    status: plan.status,
    referred_at: plan.referredAt,
    enrolled_at: plan.enrolledAt,
    billing_practitioner_id: e.pcpId,
    care_manager_id: e.careManager.id,
    psychiatric_consultant_id: plan.program === 'cocm' ? e.careManager.consultantId : null,
    pcp_id: e.pcpId,
    diagnoses: plan.diagnoses,
    primary_measure: plan.measure,
    consent_obtained_at: plan.enrolledAt,
    consent_method: plan.consentMethod,
    consent_obtained_by: plan.enrolledAt ? e.careManager.id : null,
    consent_cost_sharing_explained: plan.enrolledAt ? true : null,
    consent_consultation_explained: plan.enrolledAt ? true : null,
    // The PCP's visit on the referral day is the initiating visit (billing.md §1).
    initiating_visit_on: dayOf(plan.referredAt, ctx.clinic.timeZone),
    initiating_visit_type: 'em',
    initiating_visit_practitioner_id: e.pcpId,
    review_requested_at: null,
    safety_flagged_at: null,
    relapse_prevention_at: plan.relapsePreventionAt,
    discharged_at: plan.discharge?.at ?? null,
    discharge_reason: plan.discharge?.reason ?? null,
  };
}

/** The status history the registry's timeline shows. */
function statusEvents(ctx: ChunkContext, e: PlacedEpisode): NewRow<'episode_events'>[] {
  const { plan } = e;
  const steps: [Date | null, EpisodeStatus][] = [
    [plan.referredAt, 'referred'],
    [plan.enrolledAt, 'active'],
    [plan.relapsePreventionAt, 'relapse_prevention'],
    [plan.discharge?.at ?? null, 'discharged'],
  ];
  let from: EpisodeStatus | null = null;
  return steps.flatMap(([at, to]) => {
    if (!at) return [];
    const row = {
      org_id: ctx.actor.orgId,
      id: timeOrderedId(),
      episode_id: e.id,
      kind: 'status',
      from_status: from,
      to_status: to,
      detail: '{}',
      at,
      by_user: e.careManager.id,
    };
    from = to;
    return [row];
  });
}

async function importGenerated(
  ctx: ChunkContext,
  noun: BulkNoun,
  records: SourceRecord[],
): Promise<ImportReport> {
  let reported = 0;
  const report = await importRows({
    noun,
    target: ctx.target,
    actor: ctx.actor,
    clinicId: ctx.clinic.id,
    source: { records },
    now: ctx.now,
    batchSize: ctx.batchSize,
    // The simulation analyzes once at the end.
    analyze: false,
    onProgress: (r) => {
      ctx.progress(noun === 'contact' ? 'contacts' : 'screenings', r.imported - reported);
      reported = r.imported;
    },
  });
  ctx.tally.rejected += report.rejectedCount;
  ctx.tally.failedBatches += report.failed.length;
  return report;
}

export async function writeChunk(ctx: ChunkContext, first: number, plans: ScalePatient[]): Promise<void> {
  const { clinic, actor, tally } = ctx;
  const orgId = actor.orgId;
  const patientIds = plans.map(() => timeOrderedId());
  await inBatchTransaction(ctx.target, async (tx) => {
    await tx.insert(
      'patients',
      plans.map((p, k) => ({
        org_id: orgId,
        id: patientIds[k]!,
        clinic_id: clinic.id,
        mrn: `SIM${clinic.index + 1}-${first + k}`,
        given_name: p.givenName,
        family_name: p.familyName,
        birth_date: p.birthDate,
        sex: p.sex,
        pcp_id: clinic.pcps[(first + k) % clinic.pcps.length]!,
        payer: p.payer,
        member_id: `SIM${String(first + k).padStart(9, '0')}`,
        // An invented street from the patient number (no random draws) in the clinic's city.
        address_line1: `${100 + ((first + k) % 9900)} ${SIM_STREETS[(first + k) % SIM_STREETS.length]}`,
        address_line2: null,
        city: clinic.place.city,
        state: clinic.place.state,
        postal_code: clinic.place.zip,
      })),
    );
    await recordAudit(tx.db, actor, {
      action: 'patient.import',
      entity: 'patient',
      clinicId: clinic.id,
      details: { count: plans.length },
    });
  });
  tally.patients += plans.length;
  ctx.progress('patients', plans.length);

  const episodes = place(ctx, first, plans, patientIds);
  await inBatchTransaction(ctx.target, async (tx) => {
    await tx.insert(
      'episodes',
      episodes.map((e) => episodeRow(ctx, e)),
    );
    await tx.insert(
      'episode_events',
      episodes.flatMap((e) => statusEvents(ctx, e)),
    );
    // The histories billing reads: who bills from when, and the consent (billing.md §1).
    await tx.insert(
      'episode_billing_practitioners',
      episodes.map((e) => ({
        org_id: ctx.actor.orgId,
        episode_id: e.id,
        practitioner_id: e.pcpId,
        starts_at: e.plan.referredAt,
        recorded_by: null,
      })),
    );
    await tx.insert(
      'episode_consents',
      episodes.flatMap((e) =>
        e.plan.enrolledAt
          ? [
              {
                org_id: ctx.actor.orgId,
                episode_id: e.id,
                obtained_at: e.plan.enrolledAt,
                method: e.plan.consentMethod ?? 'verbal',
                obtained_by: e.careManager.id,
                cost_sharing_explained: true,
                consultation_explained: true,
                withdrawn_at: null,
                withdrawal_recorded_by: null,
                created_by: null,
              },
            ]
          : [],
      ),
    );
  });
  for (const e of episodes) tally.episodes[e.plan.status]++;
  ctx.progress('episodes', episodes.length);

  let line = 0;
  const screenings: SourceRecord[] = [];
  plans.forEach((p, k) => {
    const by = clinic.medicalAssistants[(first + k) % clinic.medicalAssistants.length]!;
    for (const s of p.screenings) {
      const record = {
        patientId: patientIds[k],
        instrument: s.instrument,
        answers: s.answers,
        administeredAt: s.at.toISOString(),
        administeredBy: by,
      };
      screenings.push({ line: ++line, record });
    }
  });
  for (const e of episodes) {
    for (const m of e.plan.measurements) {
      const record = {
        patientId: e.patientId,
        instrument: m.instrument,
        answers: m.answers,
        administeredAt: m.at.toISOString(),
        administeredBy: e.careManager.id,
      };
      screenings.push({ line: ++line, record });
    }
  }
  tally.screenings += (await importGenerated(ctx, 'screening', screenings)).imported;

  line = 0;
  const contacts: SourceRecord[] = [];
  for (const e of episodes) {
    for (const c of e.plan.contacts) {
      const consultant = c.by === 'psychiatric_consultant';
      const record = {
        episodeId: e.id,
        occurredAt: c.at.toISOString(),
        minutes: c.minutes,
        staffId: consultant ? e.careManager.consultantId : e.careManager.id,
        staffRole: c.by,
        activity: c.activity,
        modality: c.modality,
      };
      contacts.push({ line: ++line, record });
    }
  }
  tally.contacts += (await importGenerated(ctx, 'contact', contacts)).imported;

  const reviews: NewRow<'case_reviews'>[] = episodes.flatMap((e) =>
    e.plan.reviews.map((r) => ({
      org_id: orgId,
      id: timeOrderedId(),
      episode_id: e.id,
      clinic_id: clinic.id,
      patient_id: e.patientId,
      reviewed_at: r.at,
      consultant_id: e.careManager.consultantId,
      minutes: r.minutes,
      notes: null,
      created_by: e.careManager.consultantId,
    })),
  );
  await inBatchTransaction(ctx.target, (tx) => tx.insert('case_reviews', reviews));
  tally.caseReviews += reviews.length;
  ctx.progress('case reviews', reviews.length);
}
