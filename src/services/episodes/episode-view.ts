// The episode as the API shows it: its columns, row type and view, shared by every episodes use case.
import type { InitiatingVisitType } from '../../domain/billing/prerequisites.js';
import type { Program } from '../../domain/billing/vocabulary.js';
import type { ConsentMethod, DischargeReason, EpisodeStatus } from '../../domain/registry/episode-status.js';
import type { PrimaryMeasureCode } from '../../domain/registry/outcomes.js';

export interface EpisodeView {
  id: string;
  patientId: string;
  clinicId: string;
  program: Program;
  status: EpisodeStatus;
  referredAt: string;
  enrolledAt: string | null;
  billingPractitionerId: string;
  careManagerId: string;
  psychiatricConsultantId: string | null;
  pcpId: string | null;
  diagnoses: string[];
  primaryMeasure: PrimaryMeasureCode;
  consent: {
    obtainedAt: string;
    method: ConsentMethod;
    obtainedBy: string | null;
    costSharingExplained: boolean | null;
    consultationExplained: boolean | null;
    withdrawnAt: string | null;
    withdrawalRecordedBy: string | null;
  } | null;
  initiatingVisit: { date: string; type: InitiatingVisitType; practitionerId: string } | null;
  reviewRequestedAt: string | null;
  safetyConcernAt: string | null;
  dischargedAt: string | null;
  dischargeReason: DischargeReason | null;
}

export const episodeColumns = [
  'id',
  'patient_id',
  'clinic_id',
  'program',
  'status',
  'referred_at',
  'enrolled_at',
  'billing_practitioner_id',
  'care_manager_id',
  'psychiatric_consultant_id',
  'pcp_id',
  'diagnoses',
  'primary_measure',
  'consent_obtained_at',
  'consent_method',
  'consent_obtained_by',
  'consent_cost_sharing_explained',
  'consent_consultation_explained',
  'consent_withdrawn_at',
  'consent_withdrawn_recorded_by',
  'initiating_visit_on',
  'initiating_visit_type',
  'initiating_visit_practitioner_id',
  'review_requested_at',
  'safety_flagged_at',
  'discharged_at',
  'discharge_reason',
] as const;

type EpisodeRow = {
  id: string;
  patient_id: string;
  clinic_id: string;
  program: Program;
  status: EpisodeStatus;
  referred_at: Date;
  enrolled_at: Date | null;
  billing_practitioner_id: string;
  care_manager_id: string;
  psychiatric_consultant_id: string | null;
  pcp_id: string | null;
  diagnoses: string[];
  primary_measure: PrimaryMeasureCode;
  consent_obtained_at: Date | null;
  consent_method: ConsentMethod | null;
  consent_obtained_by: string | null;
  consent_cost_sharing_explained: boolean | null;
  consent_consultation_explained: boolean | null;
  consent_withdrawn_at: Date | null;
  consent_withdrawn_recorded_by: string | null;
  initiating_visit_on: string | null;
  initiating_visit_type: InitiatingVisitType | null;
  initiating_visit_practitioner_id: string | null;
  review_requested_at: Date | null;
  safety_flagged_at: Date | null;
  discharged_at: Date | null;
  discharge_reason: string | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toEpisodeView(row: EpisodeRow): EpisodeView {
  return {
    id: row.id,
    patientId: row.patient_id,
    clinicId: row.clinic_id,
    program: row.program,
    status: row.status,
    referredAt: row.referred_at.toISOString(),
    enrolledAt: iso(row.enrolled_at),
    billingPractitionerId: row.billing_practitioner_id,
    careManagerId: row.care_manager_id,
    psychiatricConsultantId: row.psychiatric_consultant_id,
    pcpId: row.pcp_id,
    diagnoses: row.diagnoses,
    primaryMeasure: row.primary_measure,
    consent: row.consent_obtained_at
      ? {
          obtainedAt: row.consent_obtained_at.toISOString(),
          method: row.consent_method ?? 'verbal',
          obtainedBy: row.consent_obtained_by,
          costSharingExplained: row.consent_cost_sharing_explained,
          consultationExplained: row.consent_consultation_explained,
          withdrawnAt: iso(row.consent_withdrawn_at),
          withdrawalRecordedBy: row.consent_withdrawn_recorded_by,
        }
      : null,
    initiatingVisit:
      row.initiating_visit_on && row.initiating_visit_type && row.initiating_visit_practitioner_id
        ? {
            date: row.initiating_visit_on,
            type: row.initiating_visit_type,
            practitionerId: row.initiating_visit_practitioner_id,
          }
        : null,
    reviewRequestedAt: iso(row.review_requested_at),
    safetyConcernAt: iso(row.safety_flagged_at),
    dischargedAt: iso(row.discharged_at),
    // Written only through updateEpisodeInput (and the simulator, from the same list): one of DISCHARGE_REASONS.
    dischargeReason: row.discharge_reason as DischargeReason | null,
  };
}
