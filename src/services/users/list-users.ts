// Lists staff: an admin sees the organization, others see colleagues who share one of their clinics.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Actor, Role } from '../actor.js';
import { toUserView, type UserView } from './create-user.js';

export const USER_STATUS_FILTERS = ['active', 'inactive', 'all'] as const;
export type UserStatusFilter = (typeof USER_STATUS_FILTERS)[number];

export async function listUsers({
  db,
  actor,
  role,
  clinicId,
  status = 'active',
}: {
  db: Db;
  actor: Actor;
  role?: Role | undefined;
  clinicId?: string | undefined;
  status?: UserStatusFilter | undefined;
}): Promise<UserView[]> {
  const isAdmin = actor.roles.includes('admin');
  const clinicScope = clinicId ? [clinicId].filter((id) => actor.clinicIds.includes(id)) : actor.clinicIds;
  if (!isAdmin && clinicScope.length === 0) return [];
  let query = db
    .selectFrom('users as u')
    .leftJoin('user_clinics as uc', (j) =>
      j.onRef('uc.org_id', '=', 'u.org_id').onRef('uc.user_id', '=', 'u.id'),
    )
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.given_name as givenName',
      'u.family_name as familyName',
      'u.roles',
      'u.npi',
      'u.credential',
      'u.active',
      sql<string[]>`coalesce(array_agg(uc.clinic_id) filter (where uc.clinic_id is not null), '{}')`.as(
        'clinicIds',
      ),
    ])
    .where('u.org_id', '=', actor.orgId)
    .groupBy([
      'u.id',
      'u.email',
      'u.name',
      'u.given_name',
      'u.family_name',
      'u.roles',
      'u.npi',
      'u.credential',
      'u.active',
    ])
    .orderBy('u.name');
  // Pickers offer active staff only; names on past records need the deactivated too ('all').
  if (status !== 'all') query = query.where('u.active', '=', status === 'active');
  if (role) query = query.where(sql<boolean>`${role} = any(u.roles)`);
  if (!isAdmin || clinicId) {
    query = query.having(sql<boolean>`array_agg(uc.clinic_id) && ${sql.val(clinicScope)}::uuid[]`);
  }
  return (await query.execute()).map(toUserView);
}
