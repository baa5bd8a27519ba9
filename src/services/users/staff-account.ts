// What every change to a staff account shares: the locked row, its view, and the last-admin rule.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { toUserView, userColumns, type UserView } from './create-user.js';

export interface LockedAccount {
  user: UserView;
  /** The organization's active admins, locked with the user. */
  activeAdminIds: string[];
}

/**
 * Locks the organization's active admins (always first and in id order, so concurrent changes queue
 * instead of deadlocking), then the user's row; another organization's user is not found.
 */
export async function lockAccount(db: Db, orgId: string, userId: string): Promise<LockedAccount> {
  const admins = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where(sql<boolean>`'admin' = any(roles)`)
    .orderBy('id')
    .forUpdate()
    .execute();
  const row = await db
    .selectFrom('users')
    .select(userColumns)
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw AppError.notFound('User');
  const clinics = await db
    .selectFrom('user_clinics')
    .select('clinic_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  return {
    user: toUserView({ ...row, clinicIds: clinics.map((c) => c.clinic_id) }),
    activeAdminIds: admins.map((a) => a.id),
  };
}

/** An organization must keep one active admin, or nobody could manage its staff again. */
export function assertNotLastAdmin(account: LockedAccount, field: string): void {
  if (!account.activeAdminIds.some((id) => id !== account.user.id)) {
    throw AppError.rule(
      field,
      'this is the last active administrator: make another staff member an administrator first',
    );
  }
}
