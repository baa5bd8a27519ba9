// Sign-in back-off kept in the database, so it holds across requests in parallel and across processes.
// One row per throttled key (an email or a client address, stored only as a SHA-256): no organization
// owns it, since sign-in comes before anyone is known.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sign_in_throttle (
      key_hash text PRIMARY KEY,
      failures integer NOT NULL CHECK (failures >= 0),
      blocked_until timestamptz,
      updated_at timestamptz NOT NULL
    );
  `.execute(db);
}
