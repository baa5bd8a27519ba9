// Foundation: organizations, clinics, staff and sessions, patients, screenings, triage, audit.
import { sql, type Kysely } from 'kysely';

// Every key starts with org_id so the schema distributes by organization (docs/scaling.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      is_demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE clinics (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      name text NOT NULL,
      timezone text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );

    CREATE TABLE users (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      roles text[] NOT NULL,
      npi text,
      credential text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    -- Sign-in is by email alone, so an email names one user across all organizations.
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));

    CREATE TABLE user_clinics (
      org_id uuid NOT NULL,
      user_id uuid NOT NULL,
      clinic_id uuid NOT NULL,
      PRIMARY KEY (org_id, user_id, clinic_id),
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id)
    );

    CREATE TABLE sessions (
      org_id uuid NOT NULL,
      token_hash text NOT NULL,
      user_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (token_hash),
      FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
    );

    CREATE TABLE patients (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      mrn text NOT NULL,
      given_name text NOT NULL,
      family_name text NOT NULL,
      birth_date date NOT NULL,
      sex text NOT NULL,
      pcp_id uuid,
      payer text,
      member_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, clinic_id, mrn),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id),
      FOREIGN KEY (org_id, pcp_id) REFERENCES users(org_id, id)
    );
    CREATE INDEX patients_name_idx ON patients (org_id, clinic_id, lower(family_name), lower(given_name));

    CREATE TABLE screenings (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      instrument text NOT NULL,
      answers jsonb NOT NULL,
      administered_at timestamptz NOT NULL,
      administered_by uuid,
      total integer,
      severity text,
      positive boolean NOT NULL,
      flags text[] NOT NULL,
      reasons jsonb NOT NULL,
      item9 integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id)
    );
    CREATE INDEX screenings_patient_idx ON screenings (org_id, patient_id, administered_at);

    -- Versioned, clinic-editable rule packs (screening/triage, registry thresholds, ...).
    CREATE TABLE clinic_rule_sets (
      org_id uuid NOT NULL,
      clinic_id uuid NOT NULL,
      kind text NOT NULL,
      rules jsonb NOT NULL,
      version integer NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by uuid,
      PRIMARY KEY (org_id, clinic_id, kind),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id)
    );

    CREATE TABLE triage_items (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      screening_id uuid NOT NULL,
      disposition text NOT NULL,
      reasons jsonb NOT NULL,
      rules_fired text[] NOT NULL,
      due_by timestamptz,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
      completed_at timestamptz,
      completed_by uuid,
      completion_note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, screening_id) REFERENCES screenings(org_id, id)
    );
    CREATE INDEX triage_items_open_idx ON triage_items (org_id, clinic_id, due_by) WHERE status = 'open';

    CREATE TABLE audit_events (
      org_id uuid NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      action text NOT NULL,
      entity text NOT NULL,
      entity_id uuid,
      patient_id uuid,
      clinic_id uuid,
      request_id text,
      details jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (org_id, id)
    );
    CREATE INDEX audit_events_patient_idx ON audit_events (org_id, patient_id, at);
  `.execute(db);
}
