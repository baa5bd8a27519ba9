// A clinic's IANA time zone: the zone its days and billing months are cut in.
import type { Db } from '../../db/connection.js';

export async function clinicTimeZone(db: Db, orgId: string, clinicId: string): Promise<string> {
  const clinic = await db
    .selectFrom('clinics')
    .select('timezone')
    .where('org_id', '=', orgId)
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return clinic.timezone;
}
