// Table types for Kysely: snake_case columns as stored; every table carries org_id.
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { SchedulingTables } from './schema-scheduling.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ClinicsTable {
  org_id: string;
  id: Generated<string>;
  name: string;
  timezone: string;
  /** The clinic's group (type 2) NPI. */
  billing_npi: string | null;
  /** EIN, nine digits. */
  tax_id: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  /** USPS two-letter code. */
  state: string | null;
  /** `12345` or `12345-6789`. */
  postal_code: string | null;
  /** Episodes may open without an F-code diagnosis (billing.md §1). */
  allow_non_behavioral_diagnosis: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UsersTable {
  org_id: string;
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  roles: string[];
  npi: string | null;
  credential: string | null;
  /** Structured names for claims (billing.md §9a); null until entered. */
  given_name: string | null;
  family_name: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UserClinicsTable {
  org_id: string;
  user_id: string;
  clinic_id: string;
}

export interface SessionsTable {
  org_id: string;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

/** An admin-issued one-time code to set a new password (one pending per user; only its hash). */
export interface PasswordResetCodesTable {
  org_id: string;
  user_id: string;
  code_hash: string;
  issued_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  failed_attempts: Generated<number>;
}

/** Sign-in back-off per email or client address (hashed); no org: sign-in precedes knowing one. */
export interface SignInThrottleTable {
  key_hash: string;
  failures: number;
  blocked_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface PatientsTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: string;
  pcp_id: string | null;
  payer: string | null;
  member_id: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  /** careloop_fold(given, family, MRN): accent- and case-folded, trigram-indexed for search. */
  search_text: GeneratedAlways<string>;
  created_at: CreatedAt;
}

export interface ScreeningsTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  instrument: string;
  answers: Json<(number | null)[]>;
  administered_at: Timestamp;
  administered_by: string | null;
  total: number | null;
  severity: string | null;
  positive: boolean;
  flags: string[];
  reasons: Json<string[]>;
  item9: number | null;
  created_at: CreatedAt;
}

export interface ClinicRuleSetsTable {
  org_id: string;
  clinic_id: string;
  kind: string;
  rules: Json<unknown>;
  version: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface TriageItemsTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  screening_id: string;
  disposition: string;
  reasons: Json<string[]>;
  rules_fired: string[];
  due_by: Timestamp | null;
  status: Generated<'open' | 'done'>;
  completed_at: Timestamp | null;
  completed_by: string | null;
  completion_note: string | null;
  created_at: CreatedAt;
  owner_id: string | null;
  /** Why it closed: a resolving event of domain/worklist/lifecycle.ts, or `manual`. */
  resolution: string | null;
  resolved_by_event_id: string | null;
}

export interface AuditEventsTable {
  org_id: string;
  id: Generated<number>;
  at: CreatedAt;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  patient_id: string | null;
  clinic_id: string | null;
  request_id: string | null;
  /** The client's X-Request-Id, when it sent a usable one (at most 64 characters). */
  client_request_id: string | null;
  details: Json<Record<string, unknown>>;
}

export interface EpisodesTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  program: 'cocm' | 'general_bhi';
  status: 'referred' | 'active' | 'relapse_prevention' | 'discharged';
  referred_at: Timestamp;
  enrolled_at: Timestamp | null;
  billing_practitioner_id: string;
  care_manager_id: string;
  psychiatric_consultant_id: string | null;
  pcp_id: string | null;
  diagnoses: string[];
  primary_measure: 'phq-9' | 'gad-7';
  consent_obtained_at: Timestamp | null;
  consent_method: 'verbal' | 'written' | null;
  consent_obtained_by: string | null;
  consent_cost_sharing_explained: boolean | null;
  consent_consultation_explained: boolean | null;
  consent_withdrawn_at: Timestamp | null;
  consent_withdrawn_recorded_by: string | null;
  initiating_visit_on: string | null;
  initiating_visit_type: 'em' | 'awv' | 'ippe' | null;
  initiating_visit_practitioner_id: string | null;
  review_requested_at: Timestamp | null;
  safety_flagged_at: Timestamp | null;
  relapse_prevention_at: Timestamp | null;
  discharged_at: Timestamp | null;
  discharge_reason: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Every consent of an episode (billing.md §1); the episode's consent_* columns mirror the latest. */
export interface EpisodeConsentsTable {
  org_id: string;
  id: Generated<string>;
  episode_id: string;
  obtained_at: Timestamp;
  method: 'verbal' | 'written';
  obtained_by: string | null;
  cost_sharing_explained: boolean | null;
  consultation_explained: boolean | null;
  withdrawn_at: Timestamp | null;
  withdrawal_recorded_by: string | null;
  created_at: CreatedAt;
  created_by: string | null;
}

/** The episode's billing practitioner from `starts_at` on. */
export interface EpisodeBillingPractitionersTable {
  org_id: string;
  episode_id: string;
  practitioner_id: string;
  starts_at: Timestamp;
  recorded_by: string | null;
  created_at: CreatedAt;
}

export interface EpisodeEventsTable {
  org_id: string;
  id: Generated<string>;
  episode_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  detail: Json<Record<string, unknown>>;
  at: CreatedAt;
  by_user: string | null;
}

export interface ContactsTable {
  org_id: string;
  id: Generated<string>;
  episode_id: string;
  clinic_id: string;
  patient_id: string;
  kind: ColumnType<'entry' | 'reversal', 'entry' | 'reversal' | undefined, never>;
  amends_contact_id: string | null;
  occurred_at: Timestamp;
  minutes: number;
  staff_id: string;
  staff_role: string;
  activity: string;
  modality: string;
  /** Outreach only: true when it reached the patient; false or null (older rows) is an attempt. */
  reached: ColumnType<boolean | null, boolean | null | undefined, never>;
  billed_separately: boolean;
  during_inpatient_stay: ColumnType<boolean, boolean | undefined, boolean>;
  counts_toward_program: boolean;
  count_reason: string;
  note: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: CreatedAt;
  created_by: string;
}

export interface CaseReviewsTable {
  org_id: string;
  id: Generated<string>;
  episode_id: string;
  clinic_id: string;
  patient_id: string;
  reviewed_at: Timestamp;
  consultant_id: string;
  minutes: number;
  notes: string | null;
  created_at: CreatedAt;
  created_by: string;
}

export interface RecommendationsTable {
  org_id: string;
  id: Generated<string>;
  case_review_id: string;
  episode_id: string;
  clinic_id: string;
  patient_id: string;
  kind: string;
  text: string;
  pcp_id: string | null;
  sent_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
}

export interface MedicationsTable {
  org_id: string;
  id: Generated<string>;
  episode_id: string;
  patient_id: string;
  name: string;
  dose: string | null;
  started_on: string;
  stopped_on: string | null;
  change_note: string | null;
  recorded_at: CreatedAt;
  recorded_by: string;
}

export interface NotesTable {
  org_id: string;
  id: Generated<string>;
  episode_id: string;
  patient_id: string;
  clinic_id: string;
  kind: string;
  body: string;
  author_id: string;
  created_at: CreatedAt;
}

export interface BillingPackOverridesTable {
  org_id: string;
  id: Generated<string>;
  year: number;
  payer: string;
  /** The payer override, or the whole pack when kind is 'pack'. */
  override: Json<Record<string, unknown>>;
  kind: Generated<'override' | 'pack'>;
  created_at: CreatedAt;
  created_by: string;
}

export interface BillingMonthsTable {
  org_id: string;
  clinic_id: string;
  month: string;
  status: 'closed' | 'locked';
  closed_at: Timestamp;
  closed_by: string;
  locked_at: Timestamp | null;
  locked_by: string | null;
  reopened_at: Timestamp | null;
  reopened_by: string | null;
  reopen_reason: string | null;
  /** RulePackWarning[]: the provisional packs the month was last closed under (empty when none). */
  rule_pack_warnings: ColumnType<unknown[], string | undefined, string>;
}

export interface ClaimsTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  month: string;
  episode_id: string;
  patient_id: string;
  billing_practitioner_id: string;
  program: string;
  code: string;
  units: number;
  service_date: string;
  minutes: number;
  diagnoses: string[];
  reasons: Json<string[]>;
  rule_pack_id: string;
  month_kind: string | null;
  fee_cents: number | null;
  created_at: CreatedAt;
}

export interface BillingSkipsTable {
  org_id: string;
  clinic_id: string;
  month: string;
  episode_id: string;
  patient_id: string;
  reason: string;
}

export interface StaffCostsTable {
  org_id: string;
  clinic_id: string;
  role: string;
  fte: ColumnType<string, string | number, string | number>;
  annual_cost_cents: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string;
}

/** The practice's price per code; `clinic_id` null is the organization's price. */
export interface ChargeScheduleTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string | null;
  code: string;
  price_cents: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string;
}

export interface EpisodeMonthMinutesTable {
  org_id: string;
  episode_id: string;
  month: string;
  staff_role: string;
  credential: string;
  counted_minutes: number;
  logged_minutes: number;
}

/** One version of a suicide-risk assessment; `assessment_id` is the same across corrections. */
export interface SafetyAssessmentsTable {
  org_id: string;
  id: Generated<string>;
  assessment_id: string;
  version: number;
  clinic_id: string;
  patient_id: string;
  episode_id: string | null;
  screening_id: string | null;
  assessed_at: Timestamp;
  assessed_by: string;
  risk_level: string;
  disposition: string;
  follow_up_at: Timestamp | null;
  follow_up_staff_id: string | null;
  pathway_version: number;
  record: Json<unknown>;
  correction_reason: string | null;
  created_at: CreatedAt;
}

export interface SafetyTasksTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  assessment_id: string;
  code: string;
  label: string;
  due_at: Timestamp;
  roles: Generated<string[]>;
  status: Generated<'open' | 'done' | 'superseded'>;
  completed_at: Timestamp | null;
  completed_by: string | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface SafetyPlansTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  version: number;
  assessment_id: string | null;
  plan: Json<unknown>;
  created_by: string;
  created_at: CreatedAt;
}

/** A documented behavioral health service billed per encounter (other-codes.md). */
export interface BhServicesTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  service_date: string;
  clinician_id: string;
  credential: string | null;
  kind: string;
  minutes: number;
  primary_diagnosis: string;
  interactive_complexity: boolean;
  group_size: number | null;
  billed_separately: boolean;
  contact_id: string | null;
  created_at: CreatedAt;
  created_by: string;
}

export interface Database extends SchedulingTables {
  organizations: OrganizationsTable;
  clinics: ClinicsTable;
  users: UsersTable;
  user_clinics: UserClinicsTable;
  sessions: SessionsTable;
  password_reset_codes: PasswordResetCodesTable;
  sign_in_throttle: SignInThrottleTable;
  patients: PatientsTable;
  screenings: ScreeningsTable;
  clinic_rule_sets: ClinicRuleSetsTable;
  triage_items: TriageItemsTable;
  audit_events: AuditEventsTable;
  episodes: EpisodesTable;
  episode_events: EpisodeEventsTable;
  episode_consents: EpisodeConsentsTable;
  episode_billing_practitioners: EpisodeBillingPractitionersTable;
  contacts: ContactsTable;
  case_reviews: CaseReviewsTable;
  recommendations: RecommendationsTable;
  medications: MedicationsTable;
  notes: NotesTable;
  billing_pack_overrides: BillingPackOverridesTable;
  billing_months: BillingMonthsTable;
  claims: ClaimsTable;
  billing_skips: BillingSkipsTable;
  staff_costs: StaffCostsTable;
  episode_month_minutes: EpisodeMonthMinutesTable;
  bh_services: BhServicesTable;
  charge_schedule: ChargeScheduleTable;
  safety_assessments: SafetyAssessmentsTable;
  safety_tasks: SafetyTasksTable;
  safety_plans: SafetyPlansTable;
}

export type UserRow = Selectable<UsersTable>;
export type PatientRow = Selectable<PatientsTable>;
export type ScreeningRow = Selectable<ScreeningsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
