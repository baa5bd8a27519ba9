// Per-episode monthly minute rollups, kept in the same transaction as every contact row, so the registry
// and month close read O(episodes) rows instead of O(contacts).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE episode_month_minutes (
      org_id uuid NOT NULL,
      episode_id uuid NOT NULL,
      -- Calendar month in the clinic's time zone (the billing service period).
      month text NOT NULL,
      staff_role text NOT NULL,
      -- The staff member's credential: G0323 depends on whose own time it was.
      credential text NOT NULL DEFAULT '',
      counted_minutes integer NOT NULL DEFAULT 0,
      logged_minutes integer NOT NULL DEFAULT 0,
      PRIMARY KEY (org_id, episode_id, month, staff_role, credential),
      FOREIGN KEY (org_id, episode_id) REFERENCES episodes(org_id, id)
    );
    CREATE INDEX contacts_clinic_time_idx ON contacts (org_id, clinic_id, occurred_at);
    CREATE INDEX episodes_care_manager_idx ON episodes (org_id, care_manager_id, status);
    CREATE INDEX screenings_primary_idx ON screenings (org_id, patient_id, instrument, administered_at);
  `.execute(db);
}
