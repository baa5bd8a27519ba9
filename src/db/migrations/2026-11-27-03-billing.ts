// Billing: payer rule-pack overrides, month close and lock, claims with reasons, skipped episodes,
// and staff cost for the financial summary.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE billing_pack_overrides (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      year integer NOT NULL,
      payer text NOT NULL,
      override jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid NOT NULL,
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, year, payer)
    );

    CREATE TABLE billing_months (
      org_id uuid NOT NULL,
      clinic_id uuid NOT NULL,
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      status text NOT NULL CHECK (status IN ('closed', 'locked')),
      closed_at timestamptz NOT NULL,
      closed_by uuid NOT NULL,
      locked_at timestamptz,
      locked_by uuid,
      reopened_at timestamptz,
      reopened_by uuid,
      reopen_reason text,
      PRIMARY KEY (org_id, clinic_id, month),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id)
    );

    CREATE TABLE claims (
      org_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      clinic_id uuid NOT NULL,
      month text NOT NULL,
      episode_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      billing_practitioner_id uuid NOT NULL,
      program text NOT NULL,
      code text NOT NULL,
      units integer NOT NULL CHECK (units > 0),
      service_date date NOT NULL,
      minutes integer NOT NULL,
      diagnoses text[] NOT NULL,
      reasons jsonb NOT NULL,
      rule_pack_id text NOT NULL,
      month_kind text,
      fee_cents integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      -- One line per code per episode and month: units never split across claims.
      UNIQUE (org_id, episode_id, month, code),
      FOREIGN KEY (org_id, clinic_id, month) REFERENCES billing_months(org_id, clinic_id, month),
      FOREIGN KEY (org_id, episode_id) REFERENCES episodes(org_id, id)
    );
    CREATE INDEX claims_month_idx ON claims (org_id, clinic_id, month);

    CREATE TABLE billing_skips (
      org_id uuid NOT NULL,
      clinic_id uuid NOT NULL,
      month text NOT NULL,
      episode_id uuid NOT NULL,
      patient_id uuid NOT NULL,
      reason text NOT NULL,
      PRIMARY KEY (org_id, clinic_id, month, episode_id),
      FOREIGN KEY (org_id, clinic_id, month) REFERENCES billing_months(org_id, clinic_id, month)
    );

    CREATE TABLE staff_costs (
      org_id uuid NOT NULL,
      clinic_id uuid NOT NULL,
      role text NOT NULL,
      fte numeric(6, 2) NOT NULL CHECK (fte >= 0),
      annual_cost_cents bigint NOT NULL CHECK (annual_cost_cents >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid NOT NULL,
      PRIMARY KEY (org_id, clinic_id, role),
      FOREIGN KEY (org_id, clinic_id) REFERENCES clinics(org_id, id)
    );
  `.execute(db);
}
