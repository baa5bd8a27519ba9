// Same-day warm handoffs (issue 13): a PCP or MA asks, a BH clinician on duty accepts into a protected slot.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE handoffs (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      reason text NOT NULL,
      status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted')),
      requested_at timestamptz NOT NULL,
      requested_by uuid NOT NULL,
      accepted_at timestamptz,
      accepted_by uuid,
      appointment_id uuid,
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id),
      FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id),
      FOREIGN KEY (org_id, appointment_id) REFERENCES appointments(org_id, id)
    );
    CREATE INDEX handoffs_open ON handoffs (org_id, clinic_id, status, requested_at);
  `.execute(db);
}
