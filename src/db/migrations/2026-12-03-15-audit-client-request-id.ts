// The audit trail's request id is the server's own; what a client sent as X-Request-Id is kept apart,
// length-limited, so it can correlate logs but never pose as one of ours.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_events
      ADD COLUMN client_request_id text CHECK (length(client_request_id) <= 64);
  `.execute(db);
}
