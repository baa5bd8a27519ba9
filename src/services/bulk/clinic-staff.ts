// The clinic's active staff, loaded once per import: every row names one of them.
import type { Db } from '../../db/connection.js';
import type { Role } from '../actor.js';

export interface ClinicStaffMember {
  roles: Role[];
  credential: string | null;
}

/** Same rule as `findClinicStaff`: assigned to the clinic and active. */
export async function loadClinicStaff(
  db: Db,
  orgId: string,
  clinicId: string,
): Promise<Map<string, ClinicStaffMember>> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_clinics as uc', (j) =>
      j.onRef('uc.org_id', '=', 'u.org_id').onRef('uc.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.roles', 'u.credential'])
    .where('u.org_id', '=', orgId)
    .where('uc.clinic_id', '=', clinicId)
    .where('u.active', '=', true)
    .execute();
  return new Map(rows.map((r) => [r.id, { roles: r.roles as Role[], credential: r.credential }]));
}

export const NO_SUCH_STAFF = 'no active staff member with this id in this clinic';
