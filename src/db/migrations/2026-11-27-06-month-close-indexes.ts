// Indexes month close needs at health-system size: a patient's CoCM episodes in any clinic (their service
// months decide initial vs subsequent), and the month's claims of other clinics for the same patients.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX episodes_patient_idx ON episodes (org_id, patient_id, program);
    CREATE INDEX claims_patient_month_idx ON claims (org_id, month, patient_id);
  `.execute(db);
}
