// Deactivating a staff member ends their sessions and tokens at once; reactivating lets them sign in again.
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { endUserSessions } from '../auth/sessions.js';
import type { UserView } from './create-user.js';
import { assertNotLastAdmin, lockAccount } from './staff-account.js';

/** The user row stays (with its name) so the records they made keep saying who made them. */
export async function deactivateUser({
  db,
  actor,
  userId,
}: {
  db: Db;
  actor: Actor;
  userId: string;
}): Promise<UserView> {
  return db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, actor.orgId, userId);
    if (!account.user.active) return account.user;
    if (userId === actor.userId)
      throw AppError.rule('id', 'you cannot deactivate your own account; another administrator can');
    if (account.user.roles.includes('admin')) assertNotLastAdmin(account, 'id');
    await trx
      .updateTable('users')
      .set({ active: false })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', userId)
      .execute();
    const sessionsEnded = await endUserSessions(trx, { orgId: actor.orgId, userId });
    // A pending reset code must not outlive the account's access.
    await trx
      .deleteFrom('password_reset_codes')
      .where('org_id', '=', actor.orgId)
      .where('user_id', '=', userId)
      .execute();
    await recordAudit(trx, actor, {
      action: 'user.deactivate',
      entity: 'user',
      entityId: userId,
      details: { sessionsEnded },
    });
    return { ...account.user, active: false };
  });
}

export async function reactivateUser({
  db,
  actor,
  userId,
}: {
  db: Db;
  actor: Actor;
  userId: string;
}): Promise<UserView> {
  return db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, actor.orgId, userId);
    if (account.user.active) return account.user;
    await trx
      .updateTable('users')
      .set({ active: true })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', userId)
      .execute();
    await recordAudit(trx, actor, { action: 'user.reactivate', entity: 'user', entityId: userId });
    return { ...account.user, active: true };
  });
}
