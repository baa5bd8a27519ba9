// A signed-in user changes their own password; their other sessions end, this one stays.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { newPassword } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { endUserSessions } from './sessions.js';

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'is required').max(1024),
  newPassword: newPassword,
});

export async function changePassword({
  db,
  actor,
  input,
  currentToken,
}: {
  db: Db;
  actor: Actor;
  input: z.output<typeof changePasswordInput>;
  currentToken: string | undefined;
}): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select('password_hash')
    .where('org_id', '=', actor.orgId)
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw AppError.validation([{ field: 'currentPassword', reason: 'is not your current password' }]);
  }
  const newHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: newHash })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', actor.userId)
      .execute();
    const sessionsEnded = await endUserSessions(trx, actor, currentToken);
    await recordAudit(trx, actor, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: actor.userId,
      details: { sessionsEnded },
    });
  });
}
