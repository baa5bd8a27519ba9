// Outreach outcome: whether an outreach reached the patient (a completed contact) or was only an attempt,
// which the registry's `unreachable` flag counts. Null on every other activity.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE contacts ADD COLUMN reached boolean;
    ALTER TABLE contacts ADD CONSTRAINT contacts_reached_outreach_only CHECK (reached IS NULL OR activity = 'outreach');
  `.execute(db);
}
