// Shapes of the Careloop API as the web app uses them (see /api/openapi.json for the full contract).

export const ROLES = [
  'admin',
  'pcp',
  'care_manager',
  'psychiatric_consultant',
  'medical_assistant',
  'front_desk',
  'billing',
] as const;
export type Role = (typeof ROLES)[number];

export interface Issue {
  field: string;
  reason: string;
}

export interface ErrorBody {
  error: { code: string; message: string; issues: Issue[] };
}

export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  clinicIds: string[];
}

export interface StaffMember extends User {
  npi: string | null;
  credential: string | null;
}

export interface PostalAddress {
  line1: string;
  line2: string | null;
  city: string;
  /** USPS two-letter code. */
  state: string;
  /** `12345` or `12345-6789`. */
  postalCode: string;
}

export interface Clinic {
  id: string;
  name: string;
  timezone: string;
  /** Group NPI. */
  billingNpi: string | null;
  /** EIN, nine digits. */
  taxId: string | null;
  address: PostalAddress | null;
}

/** PATCH /api/clinics/{id}: only the fields sent change; null clears a billing field. */
export interface ClinicPatch {
  name?: string;
  timezone?: string;
  billingNpi?: string | null;
  taxId?: string | null;
  address?: PostalAddress | null;
}

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];
export const PAYERS = ['medicare', 'medicaid', 'commercial', 'self_pay', 'other'] as const;
export type Payer = (typeof PAYERS)[number];

export const CREDENTIALS = [
  'md',
  'do',
  'np',
  'pa',
  'rn',
  'psychologist',
  'lcsw',
  'lpc',
  'lmft',
  'ma',
  'other',
] as const;
export type Credential = (typeof CREDENTIALS)[number];

export interface Patient {
  id: string;
  clinicId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: Sex;
  pcpId: string | null;
  coverage: { payer: Payer; memberId: string | null } | null;
  address: PostalAddress | null;
}

export interface PatientInput {
  clinicId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: Sex;
  pcpId?: string;
  coverage?: { payer: Payer; memberId?: string };
  address?: PostalAddress;
}

export interface PatientQuery {
  clinicId?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export const INSTRUMENT_CODES = [
  'phq-9',
  'phq-2',
  'gad-7',
  'gad-2',
  'audit-c',
  'pc-ptsd-5',
  'c-ssrs-screen',
] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

export const DISPOSITIONS = [
  'none',
  'pcp_addresses',
  'offer_bh',
  'warm_handoff',
  'safety_protocol',
  'administer_full_instrument',
  'refer_external',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export type Answer = number | null;

export interface ScreeningInput {
  instrument: InstrumentCode;
  answers: Answer[];
  /** ISO 8601 with offset. */
  administeredAt: string;
  exclusions?: string[];
}

export interface ScreeningResult {
  id: string;
  instrument: InstrumentCode;
  total: number | null;
  severity: string | null;
  positive: boolean;
  flags: string[];
  reasons: string[];
  triage: {
    disposition: Disposition;
    reasons: string[];
    rulesFired: string[];
    dueBy: string | null;
    itemId: string | null;
  };
}

export interface Screening {
  id: string;
  instrument: InstrumentCode;
  administeredAt: string;
  answers: Answer[];
  total: number | null;
  severity: string | null;
  positive: boolean;
  flags: string[];
  reasons: string[];
  triage: { disposition: Disposition; dueBy: string | null; status: WorklistStatus } | null;
}

export type WorklistStatus = 'open' | 'done';

export interface WorklistItem {
  id: string;
  disposition: Disposition;
  reasons: string[];
  rulesFired: string[];
  dueBy: string | null;
  overdue: boolean;
  status: WorklistStatus;
  createdAt: string;
  completedAt: string | null;
  screening: { id: string; instrument: InstrumentCode; total: number | null; administeredAt: string };
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

/** `same_day`: end of the clinic's day; hours: elapsed; days: end of the clinic's day n days later. */
export type Due = 'same_day' | { hours: number } | { days: number } | null;

export interface TriageAction {
  disposition: Disposition;
  due: Due;
}

export interface TriageBand extends TriageAction {
  min: number;
  max: number;
}

export interface ScreenActions {
  positive: TriageAction;
  negative: TriageAction;
}

export interface TriageRules {
  phq9: { item9: TriageAction; bands: TriageBand[] };
  gad7: { bands: TriageBand[] };
  phq2: ScreenActions;
  gad2: ScreenActions;
  auditC: ScreenActions;
  pcPtsd5: ScreenActions;
  cSsrs: { negative: TriageAction; low: TriageAction; moderate: TriageAction; high: TriageAction };
  exclusions: Record<string, TriageAction & { label: string }>;
  unlistedExclusion: TriageAction;
}

export interface ClinicRules {
  /** Instrument cutoffs and severity bands; edited as JSON. */
  instruments: Record<string, unknown>;
  triage: TriageRules;
}

export interface VersionedRules {
  clinicId: string;
  version: number;
  updatedAt: string | null;
  rules: ClinicRules;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  patientId: string | null;
  clinicId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  patientId?: string;
  actorId?: string;
  action?: string;
  before?: number;
  limit?: number;
}

export interface UserInput {
  email: string;
  name: string;
  password: string;
  roles: Role[];
  clinicIds: string[];
  npi?: string;
  credential?: Credential;
}

// ---- Collaborative care: registry, episodes, contacts, case review, notes, billing.

export const FLAG_CODES = [
  'safety_risk',
  'needs_case_review',
  'not_improving',
  'no_recent_contact',
  'no_follow_up_4_weeks',
  'measurement_overdue',
  'recommendation_unacknowledged',
  'inactive_6_months',
  'ready_for_relapse_prevention',
  'minutes_at_risk',
] as const;

export interface RegistryFlag {
  code: string;
  reason: string;
  rulesVersion?: string;
}

export const EPISODE_STATUSES = ['referred', 'active', 'relapse_prevention', 'discharged'] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];
export const PROGRAMS = ['cocm', 'general_bhi'] as const;
export type Program = (typeof PROGRAMS)[number];
export const MEASURES = ['phq-9', 'gad-7'] as const;
export type Measure = (typeof MEASURES)[number];

export interface RegistryPatient {
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate?: string;
  payer?: string | null;
  memberId?: string | null;
}

export interface RegistryRow {
  episodeId: string;
  patientId: string;
  patient: RegistryPatient;
  clinicId: string;
  program: Program;
  status: EpisodeStatus;
  careManagerId: string;
  psychiatricConsultantId: string | null;
  pcpId: string | null;
  diagnoses: string[];
  /** Display name of the measure (`PHQ-9`). */
  primaryMeasure: string;
  referredAt: string | null;
  enrolledAt: string | null;
  weeksInTreatment: number | null;
  baselineScore: number | null;
  latestScore: number | null;
  latestScoreAt: string | null;
  percentChange: number | null;
  lastContactAt: string | null;
  contactCount: number;
  minutesThisMonth: number;
  nextBillingThreshold: { code: string; minutesNeeded: number } | null;
  lastCaseReviewAt: string | null;
  asOf: string;
  flags: RegistryFlag[];
}

export interface RegistryQuery {
  clinicId: string;
  careManagerId?: string;
  psychiatricConsultantId?: string;
  pcpId?: string;
  status?: string;
  flag?: string;
  asOf?: string;
  limit?: number;
  offset?: number;
}

export interface Caseload {
  careManagerId: string;
  name: string;
  count: number;
  capacity: number;
  overCapacity: boolean;
  band: string;
  norm: { min: number; max: number; label: string } | null;
  explanation: string;
}

export const CONSENT_METHODS = ['verbal', 'written'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface Consent {
  obtainedAt: string;
  method: ConsentMethod;
  obtainedBy: string;
}

export const DISCHARGE_REASONS = [
  'completed',
  'referred_to_specialty',
  'declined_or_withdrew',
  'lost_to_follow_up',
  'moved_or_changed_pcp',
  'deceased',
  'inactive_6_months',
  'other',
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

export interface Episode {
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
  primaryMeasure: Measure;
  consent: Consent | null;
  reviewRequestedAt: string | null;
  safetyConcernAt: string | null;
  dischargedAt: string | null;
  dischargeReason: DischargeReason | null;
}

export interface Medication {
  id: string;
  episodeId: string;
  name: string;
  dose: string | null;
  startedOn: string;
  stoppedOn: string | null;
  changeNote: string | null;
  recordedAt: string;
  recordedBy: string;
}

export const RECOMMENDATION_KINDS = ['medication_change', 'therapy_change', 'referral', 'other'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export interface CaseReview {
  id: string;
  reviewedAt: string;
  consultantId: string;
  minutes: number;
  notes: string | null;
  recommendations: {
    id: string;
    kind: RecommendationKind;
    text: string;
    pcpId: string | null;
    sentAt: string;
    acknowledgedAt: string | null;
  }[];
}

export interface EpisodeDetail extends Episode {
  registry: RegistryRow | null;
  medications: Medication[];
  caseReviews: CaseReview[];
}

export interface EpisodeInput {
  program: Program;
  referredAt: string;
  billingPractitionerId: string;
  careManagerId: string;
  psychiatricConsultantId?: string;
  pcpId?: string;
  diagnoses: string[];
  primaryMeasure: Measure;
  consent?: Consent;
}

export interface EpisodePatch {
  status?: EpisodeStatus;
  dischargeReason?: DischargeReason;
  careManagerId?: string;
  reviewRequested?: boolean;
  safetyConcern?: boolean;
}

export const ACTIVITIES = [
  'initial_assessment',
  'follow_up',
  'outreach',
  'care_coordination',
  'registry_review',
  'case_review',
  'psychotherapy',
  'other',
] as const;
export type Activity = (typeof ACTIVITIES)[number];
export const MODALITIES = ['in_person', 'phone', 'video', 'none'] as const;
export type Modality = (typeof MODALITIES)[number];

export interface ContactInput {
  occurredAt: string;
  minutes: number;
  staffId: string;
  activity: Activity;
  modality: Modality;
  billedSeparately?: boolean;
  note?: string;
}

export interface Contact {
  id: string;
  episodeId: string;
  kind: 'entry' | 'reversal';
  amendsContactId: string | null;
  occurredAt: string;
  minutes: number;
  staffId: string;
  staffRole: string;
  activity: Activity;
  modality: Modality;
  billedSeparately: boolean;
  countsTowardProgram: boolean;
  reason: string;
  note: string | null;
  createdAt: string;
  createdBy: string;
  reversed?: boolean;
}

export interface ContactLog {
  contacts: Contact[];
  months: { month: string; countedMinutes: number; loggedMinutes: number }[];
}

export interface CorrectionInput {
  reason: string;
  replacement?: ContactInput;
}

export interface ReviewReason {
  code: string;
  reason: string;
  since?: string;
}

export interface ReviewQueueItem {
  priority: string;
  reasons: ReviewReason[];
  episode: RegistryRow;
}

export interface CaseReviewInput {
  reviewedAt: string;
  consultantId: string;
  minutes: number;
  notes?: string;
  recommendations: { kind: RecommendationKind; text: string }[];
}

export type RecommendationStatus = 'open' | 'acknowledged' | 'all';

export interface Recommendation {
  id: string;
  episodeId: string;
  caseReviewId: string;
  kind: RecommendationKind;
  text: string;
  pcpId: string | null;
  sentAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  reviewedAt: string;
  consultantId: string;
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

export const NOTE_KINDS = ['bh_progress_note', 'risk_summary', 'treatment_plan'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface Note {
  id: string;
  episodeId: string;
  kind: string;
  body: string;
  authorId: string;
  createdAt: string;
}

export interface NotesReply {
  notes: Note[];
  visibleKinds: string[];
}

export type MonthStatus = 'open' | 'closed' | 'locked';

export interface BillingLine {
  code: string;
  units: number;
  minutes: number;
  reasons: string[];
}

export interface NextThreshold {
  code: string;
  units: number;
  atMinutes: number;
  minutesNeeded: number;
}

export interface PreviewEpisode {
  episodeId: string;
  patientId: string;
  patient: RegistryPatient;
  program: Program;
  countedMinutes: number;
  minutesByRole: Record<string, number>;
  monthKind: string | null;
  lines: BillingLine[];
  skipped: { reason: string } | null;
  nextThreshold: NextThreshold | null;
  warnings: string[];
}

export interface BillingPreview {
  month: string;
  clinicId: string;
  timeZone: string;
  status: MonthStatus;
  monthEnded: boolean;
  totals: Record<string, number>;
  episodes: PreviewEpisode[];
  minutesAtRisk: {
    episodeId: string;
    patientId: string;
    patient: RegistryPatient;
    countedMinutes: number;
    next: NextThreshold;
  }[];
}

export interface Claim {
  id?: string;
  month?: string;
  episodeId: string;
  patientId: string;
  patient?: RegistryPatient;
  billingPractitionerId: string;
  billingPractitioner?: { name: string; npi: string | null };
  program?: Program;
  code: string;
  units: number;
  serviceDate: string;
  minutes: number;
  diagnoses: string[];
  reasons: string[];
  monthKind?: string;
  rulePackId?: string;
  feeCents?: number | null;
}

export interface MonthClaims {
  month?: string;
  status?: MonthStatus;
  claims: Claim[];
  skipped?: { episodeId: string; patientId?: string; reason: string }[];
}

export interface BillingSummaryMonth {
  month: string;
  status: MonthStatus;
  codes: Record<string, number>;
  expectedRevenue: number;
  linesWithoutFee: number;
  staffCost: number;
  net: number;
}

export interface BillingSummary {
  months: BillingSummaryMonth[];
  staff: { role: string; fte: number; annualCost: number }[];
  totals: Omit<BillingSummaryMonth, 'month' | 'status'>;
}

export type BillingExport = 'csv' | '837p' | 'fhir';
