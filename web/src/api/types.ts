// The API as the web app sends it and as JSON delivers it, derived from the server's own schemas and views.
// Reply shapes JSON leaves unchanged are the server's view types: import them with `import type` from
// @server/services/…; enums and code lists come from @server/domain/… (pure, bundled for the browser).
import type { z } from 'zod';
import type { Role } from '@server/services/actor';
import type { auditQuery } from '@server/services/audit/list-audit';
import type { chargeScheduleInput } from '@server/services/billing/charge-schedule';
import type { caseReviewInput } from '@server/services/case-reviews/record-case-review';
import type { medicationInput, stopMedicationInput } from '@server/services/care-plan/medications';
import type { createClinicInput } from '@server/services/clinics/create-clinic';
import type { updateClinicInput } from '@server/services/clinics/update-clinic';
import type { contactInput, correctionInput } from '@server/services/contacts/contact-input';
import type {
  consentInput,
  withdrawConsentInput,
  enrollInput,
  noteInput,
  updateEpisodeInput,
} from '@server/services/episodes/episode-input';
import type { patientInput } from '@server/services/patients/patient-input';
import type { listPatientsQuery } from '@server/services/patients/read-patients';
import type { registryQuery } from '@server/services/registry/registry-view';
import type { VersionedRules } from '@server/services/rules/rule-sets';
import type { screeningInput } from '@server/services/screenings/record-screening';
import type { createUserInput } from '@server/services/users/create-user';
import type { updateUserInput } from '@server/services/users/update-user';
import type { UserStatusFilter } from '@server/services/users/list-users';
import type { changePasswordInput } from '@server/services/auth/change-password';
import type { resetPasswordInput } from '@server/services/users/reset-codes';
import type { duplicatesQuery } from '@server/services/patients/find-duplicates';

/** What JSON makes of a server value: dates arrive as ISO 8601 strings. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** A use case's reply as it arrives, for replies the server does not name. */
export type Reply<F extends (...args: never) => Promise<unknown>> = Json<Awaited<ReturnType<F>>>;

// ---- Request bodies: the input side of the server's schemas (before its defaults and transforms).

export type ClinicInput = z.input<typeof createClinicInput>;
export type ClinicPatch = z.input<typeof updateClinicInput>;
export type UserInput = z.input<typeof createUserInput>;
export type UserPatch = z.input<typeof updateUserInput>;
export interface UserQuery {
  role?: Role;
  clinicId?: string;
  status?: UserStatusFilter;
}
export type ChangePasswordInput = z.input<typeof changePasswordInput>;
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;
export type DuplicatesQuery = z.input<typeof duplicatesQuery>;
export type PatientInput = z.input<typeof patientInput>;
export type ScreeningInput = z.input<typeof screeningInput>;
export type EpisodeInput = z.input<typeof enrollInput>;
export type ConsentInput = z.input<typeof consentInput>;
export type WithdrawConsentInput = z.input<typeof withdrawConsentInput>;
export type EpisodePatch = z.input<typeof updateEpisodeInput>;
export type ContactInput = z.input<typeof contactInput>;
export type CorrectionInput = z.input<typeof correctionInput>;
export type MedicationInput = z.input<typeof medicationInput>;
export type StopMedicationInput = z.input<typeof stopMedicationInput>;
export type NoteInput = z.input<typeof noteInput>;
export type CaseReviewInput = z.input<typeof caseReviewInput>;
export type ChargeScheduleInput = z.input<typeof chargeScheduleInput>;

// ---- Queries: the server schema's parameter names; values travel as text and the server parses them.

type QueryOf<S extends z.ZodType> = { [K in keyof z.input<S>]?: string | number };

export type PatientQuery = QueryOf<typeof listPatientsQuery>;
export type RegistryQuery = QueryOf<typeof registryQuery>;
export type AuditQuery = QueryOf<typeof auditQuery>;

// ---- Replies JSON changes.

/** The clinic's screening and triage rule set; `updatedAt` arrives as a string. */
export type TriageRuleSet = Json<VersionedRules<'screening'>>;
/** The clinic's registry thresholds (flags, review cadence, caseload). */
export type RegistryRuleSet = Json<VersionedRules<'registry'>>;

// ---- The web app's own.

/** The downloads of a closed month: CSV, X12 837P or a FHIR bundle. */
export type BillingExport = 'csv' | '837p' | 'fhir';
