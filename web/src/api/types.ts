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

export interface Clinic {
  id: string;
  name: string;
  timezone: string;
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

// ---- Announced in the public interface (api.md); screens for them appear once the server has them.

export interface RegistryFlag {
  code: string;
  reason: string;
}

export interface RegistryRow {
  episodeId: string;
  patientId: string;
  patient?: { mrn: string; givenName: string; familyName: string };
  status: string;
  enrolledAt: string | null;
  weeksInTreatment: number | null;
  baselineScore: number | null;
  latestScore: number | null;
  percentChange: number | null;
  lastContactAt: string | null;
  contactCount: number;
  minutesThisMonth: number;
  lastCaseReviewAt: string | null;
  flags: RegistryFlag[];
  nextBillingThreshold?: { code: string; minutesNeeded: number } | null;
}

export interface RegistryQuery {
  clinicId: string;
  careManagerId?: string;
  status?: string;
  flag?: string;
  asOf?: string;
}

export interface Claim {
  episodeId: string;
  patientId: string;
  patient?: { mrn: string; givenName: string; familyName: string };
  billingPractitionerId: string;
  code: string;
  units: number;
  serviceDate: string;
  minutes: number;
  diagnoses: string[];
  reasons: string[];
}

export interface MonthClaims {
  status?: string;
  claims: Claim[];
  skipped?: { episodeId: string; reason: string }[];
}
