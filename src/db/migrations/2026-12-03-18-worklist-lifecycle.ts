// Worklist life cycle: an owner per item, why an item closed (the event that answered it, or by hand),
// and an index to find a patient's open items when an event arrives.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE triage_items ADD COLUMN owner_id uuid;
    ALTER TABLE triage_items ADD COLUMN resolution text;
    ALTER TABLE triage_items ADD COLUMN resolved_by_event_id uuid;
    UPDATE triage_items SET resolution = 'manual' WHERE status = 'done';
    CREATE INDEX triage_items_patient_open_idx ON triage_items (org_id, patient_id) WHERE status = 'open';
  `.execute(db);
}
