// Episode inputs shared by the HTTP and CLI edges (the episode as the API shows it is episode-view.ts).
import { z } from 'zod';
import { INITIATING_VISIT_TYPES } from '../../domain/billing/prerequisites.js';
import { PROGRAMS } from '../../domain/billing/vocabulary.js';
import { checkDiagnosisCode } from '../../domain/registry/diagnosis.js';
import {
  CONSENT_METHODS,
  DISCHARGE_REASONS,
  EPISODE_STATUSES,
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
