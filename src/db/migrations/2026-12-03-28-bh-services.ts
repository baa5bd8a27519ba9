// Documented behavioral health services (psychotherapy, HBAI, diagnostic evaluations, E/M) billed per encounter.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE bh_services (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      -- clinic-zone date the service was delivered
      service_date date NOT NULL,
      clinician_id uuid NOT NULL,
      -- the rendering clinician's credential when the service was documented (who may bill what)
      credential text,
      kind text NOT NULL,
      minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 600),
      primary_diagnosis text NOT NULL,
      interactive_complexity boolean NOT NULL DEFAULT false,
      group_size integer CHECK (group_size IS NULL OR group_size >= 2),
      -- billing.md §1: set when the service coded, so its minutes never count toward CoCM/BHI
      billed_separately boolean NOT NULL,
      -- the minute-log entry written for it on the patient's episode, when there is one
      contact_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid NOT NULL,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id),
      FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id),
      FOREIGN KEY (org_id, clinician_id) REFERENCES users(org_id, id),
      FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id)
    );
    CREATE INDEX bh_services_clinic_date_idx ON bh_services (org_id, clinic_id, service_date);
    CREATE INDEX bh_services_patient_date_idx ON bh_services (org_id, patient_id, service_date);
  `.execute(db);
}
