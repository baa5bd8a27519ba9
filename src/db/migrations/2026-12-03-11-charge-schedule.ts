// The practice's charge schedule: its price per code for the organization, optionally overridden per clinic.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // clinic_id NULL is the organization's price; NULLS NOT DISTINCT (PostgreSQL 15+) keeps one per code.
  await sql`
    CREATE TABLE charge_schedule (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid,
      code text NOT NULL CHECK (code ~ '^([0-9]{4}[0-9FT]|[A-Z][0-9]{4})$'),
      price_cents integer NOT NULL CHECK (price_cents > 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid NOT NULL,
      PRIMARY KEY (org_id, id),
      UNIQUE NULLS NOT DISTINCT (org_id, clinic_id, code),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id)
    );
  `.execute(db);
}
