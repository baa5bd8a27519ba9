// Lets a clinic open CoCM/BHI episodes without an F-code diagnosis (off by default; billing.md §1).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE clinics ADD COLUMN allow_non_behavioral_diagnosis boolean NOT NULL DEFAULT false`.execute(
    db,
  );
}
