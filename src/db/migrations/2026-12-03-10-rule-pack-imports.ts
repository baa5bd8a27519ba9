// Whole rule packs loaded as data (a new year's Medicare baseline, a payer's own pack) beside payer
// overrides, and the provisional-pack warnings a month was closed under.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE billing_pack_overrides
      ADD COLUMN kind text NOT NULL DEFAULT 'override' CHECK (kind IN ('override', 'pack'));
    ALTER TABLE billing_months
      ADD COLUMN rule_pack_warnings jsonb NOT NULL DEFAULT '[]'::jsonb;
  `.execute(db);
}
