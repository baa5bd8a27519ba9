// Episode inputs shared by the HTTP and CLI edges, and the episode as the API shows it.
import { z } from 'zod';
import { INITIATING_VISIT_TYPES, type InitiatingVisitType } from '../../domain/billing/prerequisites.js';
import { PROGRAMS, type Program } from '../../domain/billing/vocabulary.js';
import { checkDiagnosisCode } from '../../domain/registry/diagnosis.js';
import {
  CONSENT_METHODS,
  DISCHARGE_REASONS,
  EPISODE_STATUSES,
  type ConsentMethod,
  type DischargeReason,
  type EpisodeStatus,
} from '../../domain/registry/episode-status.js';
import { WRITABLE_NOTE_KINDS } from '../../domain/registry/notes-visibility.js';
import {
  PRIMARY_MEASURE_CODES,
  measureLabel,
  type PrimaryMeasureCode,
} from '../../domain/registry/outcomes.js';
import { isoDate, isoInstant, trimmed, uuid } from '../schemas.js';

// Defined once in the domain (the web app takes them from there too).
export { PROGRAMS, PRIMARY_MEASURE_CODES, measureLabel };
export type { PrimaryMeasureCode };

const notFuture = (d: Date) => d.getTime() <= Date.now() + 5 * 60_000;

export const consentInput = z.object({
  obtainedAt: isoInstant.refine(notFuture, 'cannot be in the future'),
  method: z.enum(CONSENT_METHODS),
  obtainedBy: uuid,
  // billing.md §1: what the patient was told. A consent without either still saves (older paper records);
  // its months are skipped with that reason until a complete consent is documented.
  costSharingExplained: z.boolean().optional(),
  consultationExplained: z.boolean().optional(),
});

/** billing.md §1: the patient may stop at any time; minutes from then on do not count. */
export const withdrawConsentInput = z.object({
  withdrawnAt: isoInstant.refine(notFuture, 'cannot be in the future'),
  /** The staff member the patient told. */
  recordedBy: uuid,
});

/** billing.md §1: the face-to-face visit by the billing practitioner before BHI starts. */
export const initiatingVisitInput = z.object({
  date: isoDate,
  type: z.enum(INITIATING_VISIT_TYPES),
  practitionerId: uuid,
});

/** ICD-10-CM codes, normalised ('f321' → 'F32.1'); each bad code is named by its index. */
export const diagnosesInput = z
  .array(z.string().max(16))
  .min(1, 'needs at least one ICD-10-CM diagnosis')
  .max(12)
  .transform((codes, ctx) =>
    codes.map((code, index) => {
      const check = checkDiagnosisCode(code);
      if (check.valid) return check.code;
      ctx.addIssue({ code: 'custom', path: [index], message: check.reason });
      return code;
    }),
  );

/** The episode's initiating-visit columns; null clears them. */
export const initiatingVisitColumns = (visit: z.output<typeof initiatingVisitInput> | null) => ({
  initiating_visit_on: visit?.date ?? null,
  initiating_visit_type: visit?.type ?? null,
  initiating_visit_practitioner_id: visit?.practitionerId ?? null,
});

export const enrollInput = z.object({
  program: z.enum(PROGRAMS),
  referredAt: isoInstant.refine(notFuture, 'cannot be in the future'),
  billingPractitionerId: uuid,
  careManagerId: uuid,
  psychiatricConsultantId: uuid.optional(),
  pcpId: uuid.optional(),
  diagnoses: diagnosesInput,
  primaryMeasure: z.enum(PRIMARY_MEASURE_CODES),
  consent: consentInput.optional(),
  initiatingVisit: initiatingVisitInput.optional(),
});
export type EnrollInput = z.output<typeof enrollInput>;

export const updateEpisodeInput = z
  .object({
    status: z.enum(EPISODE_STATUSES).optional(),
    dischargeReason: z.enum(DISCHARGE_REASONS).optional(),
    dischargedAt: isoInstant.refine(notFuture, 'cannot be in the future').optional(),
    careManagerId: uuid.optional(),
    psychiatricConsultantId: uuid.nullable().optional(),
    billingPractitionerId: uuid.optional(),
    pcpId: uuid.nullable().optional(),
    diagnoses: diagnosesInput.optional(),
    /** Ask the psychiatric consultant to review this patient (cleared by the next case review). */
    reviewRequested: z.boolean().optional(),
    /** A clinician's safety concern, shown as `safety_risk` until cleared. */
    safetyConcern: z.boolean().optional(),
    /** The initiating visit (billing.md §1); null clears it. */
    initiatingVisit: initiatingVisitInput.nullable().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to change', path: [] });
export type UpdateEpisodeInput = z.output<typeof updateEpisodeInput>;

export const noteInput = z.object({
  kind: z.enum(WRITABLE_NOTE_KINDS),
  body: trimmed(20_000),
});

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
