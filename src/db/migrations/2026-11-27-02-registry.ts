// The CoCM registry: episodes of care, the append-only contact log, case reviews, recommendations,
// medications and notes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE episodes (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      program text NOT NULL CHECK (program IN ('cocm', 'general_bhi')),
      status text NOT NULL CHECK (status IN ('referred', 'active', 'relapse_prevention', 'discharged')),
      referred_at timestamptz NOT NULL,
      enrolled_at timestamptz,
      billing_practitioner_id uuid NOT NULL,
      care_manager_id uuid NOT NULL,
      psychiatric_consultant_id uuid,
      pcp_id uuid,
      diagnoses text[] NOT NULL,
      primary_measure text NOT NULL,
      consent_obtained_at timestamptz,
      consent_method text CHECK (consent_method IN ('verbal', 'written')),
      consent_obtained_by uuid,
      review_requested_at timestamptz,
      safety_flagged_at timestamptz,
      relapse_prevention_at timestamptz,
      discharged_at timestamptz,
      discharge_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id),
      FOREIGN KEY (org_id, billing_practitioner_id) REFERENCES users(org_id, id),
      FOREIGN KEY (org_id, care_manager_id) REFERENCES users(org_id, id),
      FOREIGN KEY (org_id, psychiatric_consultant_id) REFERENCES users(org_id, id),
      FOREIGN KEY (org_id, pcp_id) REFERENCES users(org_id, id)
    );
    -- A patient has at most one open episode per program.
    CREATE UNIQUE INDEX episodes_one_open_per_program ON episodes (org_id, patient_id, program)
      WHERE status <> 'discharged';
    CREATE INDEX episodes_registry_idx ON episodes (org_id, clinic_id, status, care_manager_id);

    CREATE TABLE episode_events (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL,
      kind text NOT NULL,
      from_status text,
      to_status text,
      detail jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now(),
      by_user uuid,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, episode_id) REFERENCES episodes(org_id, id)
    );
    CREATE INDEX episode_events_episode_idx ON episode_events (org_id, episode_id, at);

    -- Append-only: a correction is a reversal row (negative minutes) plus, for an edit, a new entry.
    CREATE TABLE contacts (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL,
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      kind text NOT NULL DEFAULT 'entry' CHECK (kind IN ('entry', 'reversal')),
      amends_contact_id uuid,
      occurred_at timestamptz NOT NULL,
      minutes integer NOT NULL,
      staff_id uuid NOT NULL,
      staff_role text NOT NULL,
      activity text NOT NULL,
      modality text NOT NULL,
      billed_separately boolean NOT NULL DEFAULT false,
      counts_toward_program boolean NOT NULL,
      count_reason text NOT NULL,
      note text,
      idempotency_key text,
      request_hash text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid NOT NULL,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, episode_id) REFERENCES episodes(org_id, id),
      FOREIGN KEY (org_id, staff_id) REFERENCES users(org_id, id),
      FOREIGN KEY (org_id, amends_contact_id) REFERENCES contacts(org_id, id),
      CHECK ((kind = 'entry' AND minutes > 0) OR (kind = 'reversal' AND minutes < 0 AND amends_contact_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX contacts_idempotency_key ON contacts (org_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    -- Only one reversal per contact: a contact is corrected once, its replacement after that.
    CREATE UNIQUE INDEX contacts_one_reversal ON contacts (org_id, amends_contact_id) WHERE kind = 'reversal';
    CREATE INDEX contacts_episode_idx ON contacts (org_id, episode_id, occurred_at);

    CREATE TABLE case_reviews (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL,
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      reviewed_at timestamptz NOT NULL,
      consultant_id uuid NOT NULL,
      minutes integer NOT NULL CHECK (minutes > 0),
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid NOT NULL,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, episode_id) REFERENCES episodes(org_id, id),
      FOREIGN KEY (org_id, consultant_id) REFERENCES users(org_id, id)
    );
    CREATE INDEX case_reviews_episode_idx ON case_reviews (org_id, episode_id, reviewed_at);

    CREATE TABLE recommendations (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      case_review_id uuid NOT NULL,
      episode_id uuid NOT NULL,
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      kind text NOT NULL,
      text text NOT NULL,
      pcp_id uuid,
      sent_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by uuid,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, case_review_id) REFERENCES case_reviews(org_id, id),
      FOREIGN KEY (org_id, pcp_id) REFERENCES users(org_id, id)
    );
    CREATE INDEX recommendations_inbox_idx ON recommendations (org_id, pcp_id, acknowledged_at);
    CREATE INDEX recommendations_episode_idx ON recommendations (org_id, episode_id);

    CREATE TABLE medications (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      name text NOT NULL,
      dose text,
      started_on date NOT NULL,
      stopped_on date,
      change_note text,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      recorded_by uuid NOT NULL,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, episode_id) REFERENCES episodes(org_id, id)
    );
    CREATE INDEX medications_episode_idx ON medications (org_id, episode_id);

    CREATE TABLE notes (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      clinic_id uuid NOT NULL,
      kind text NOT NULL,
      body text NOT NULL,
      author_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, episode_id) REFERENCES episodes(org_id, id)
    );
    CREATE INDEX notes_episode_idx ON notes (org_id, episode_id, created_at);
  `.execute(db);
}
