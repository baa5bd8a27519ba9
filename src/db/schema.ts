// Table types for Kysely: snake_case columns as stored; every table carries org_id.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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

export interface TriageRuleSetsTable {
  org_id: string;
  clinic_id: string;
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
  details: Json<Record<string, unknown>>;
}

export interface Database {
  organizations: OrganizationsTable;
  clinics: ClinicsTable;
  users: UsersTable;
  user_clinics: UserClinicsTable;
  sessions: SessionsTable;
  patients: PatientsTable;
  screenings: ScreeningsTable;
  triage_rule_sets: TriageRuleSetsTable;
  triage_items: TriageItemsTable;
  audit_events: AuditEventsTable;
}

export type UserRow = Selectable<UsersTable>;
export type PatientRow = Selectable<PatientsTable>;
export type ScreeningRow = Selectable<ScreeningsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
