// Scheduling (issue 13): visit types per clinic, each BH clinician's template, closures, appointments and same-day handoffs.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE visit_types (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      name text NOT NULL,
      kind text NOT NULL,
      minutes integer NOT NULL CHECK (minutes > 0),
      buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes >= 0),
      capacity integer NOT NULL DEFAULT 1 CHECK (capacity >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id)
    );
    CREATE INDEX visit_types_clinic ON visit_types (org_id, clinic_id);

    -- One row per clinician who holds a schedule; booking locks it, so one clinician's bookings are serial.
    CREATE TABLE clinician_templates (
      org_id uuid NOT NULL,
      clinician_id uuid NOT NULL,
      template jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid NOT NULL,
      PRIMARY KEY (org_id, clinician_id),
      FOREIGN KEY (org_id, clinician_id) REFERENCES users(org_id, id)
    );

    CREATE TABLE schedule_closures (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      clinician_id uuid,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      reason text NOT NULL,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX schedule_closures_clinic ON schedule_closures (org_id, clinic_id, starts_at);

    CREATE TABLE appointments (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      clinician_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      visit_type_id uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'booked'
        CHECK (status IN ('booked', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show')),
      from_protected_slot boolean NOT NULL DEFAULT false,
      worklist_item_id uuid,
      booking_reason text,
      booked_at timestamptz NOT NULL,
      booked_by uuid NOT NULL,
      checked_in_at timestamptz,
      checked_in_by uuid,
      started_at timestamptz,
      started_by uuid,
      completed_at timestamptz,
      completed_by uuid,
      cancelled_at timestamptz,
      cancelled_by uuid,
      cancelled_by_party text CHECK (cancelled_by_party IN ('patient', 'clinic')),
      late_cancel boolean NOT NULL DEFAULT false,
      no_show_at timestamptz,
      no_show_by uuid,
      contact_id uuid,
      -- RFC 5545 SEQUENCE: raised on every change a calendar shows.
      sequence integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id),
      FOREIGN KEY (org_id, clinician_id) REFERENCES users(org_id, id),
      FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id),
      FOREIGN KEY (org_id, visit_type_id) REFERENCES visit_types(org_id, id),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX appointments_clinician_time ON appointments (org_id, clinician_id, starts_at);
    CREATE INDEX appointments_clinic_time ON appointments (org_id, clinic_id, starts_at);
    CREATE INDEX appointments_patient ON appointments (org_id, patient_id, starts_at);
  `.execute(db);
}
