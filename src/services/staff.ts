// Checks that a staff id names a colleague in the clinic with the role a field needs.
import type { Db } from '../db/connection.js';
import { AppError } from '../errors.js';
import type { Role } from './actor.js';

export interface StaffMember {
  id: string;
  name: string;
  roles: Role[];
  credential: string | null;
}

/** The staff member assigned to the clinic (admins see every clinic but are not assigned care). */
export async function findClinicStaff(
  db: Db,
  orgId: string,
  clinicId: string,
  staffId: string,
): Promise<StaffMember | undefined> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('user_clinics as uc', (j) =>
      j.onRef('uc.org_id', '=', 'u.org_id').onRef('uc.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.name', 'u.roles', 'u.credential'])
    .where('u.org_id', '=', orgId)
    .where('u.id', '=', staffId)
    .where('uc.clinic_id', '=', clinicId)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row ? { ...row, roles: row.roles as Role[] } : undefined;
}

/** Loads a staff member for `field` and requires one of `roles`; a clear 400 otherwise. */
export async function requireStaff(
  db: Db,
  ids: { orgId: string; clinicId: string },
  staffId: string,
  field: string,
  roles: readonly Role[],
): Promise<StaffMember> {
  const staff = await findClinicStaff(db, ids.orgId, ids.clinicId, staffId);
  if (!staff)
    throw AppError.validation([{ field, reason: 'no active staff member with this id in this clinic' }]);
  if (!roles.some((r) => staff.roles.includes(r))) {
    throw AppError.validation([
      { field, reason: `must be a ${roles.join(' or ')} (this staff member is ${staff.roles.join(', ')})` },
    ]);
  }
  return staff;
}
