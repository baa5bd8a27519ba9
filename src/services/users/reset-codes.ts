// One-time password reset codes: an admin issues one (shown once); the user sets a new password with it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { lockAccount } from './staff-account.js';
import { newPassword } from '../auth/password-policy.js';
import { hashPassword } from '../auth/passwords.js';
import { endUserSessions, hashToken } from '../auth/sessions.js';

/** How long a code stays usable, and how many wrong tries void it. */
export const RESET_CODE_HOURS = 24;
export const RESET_CODE_MAX_FAILURES = 5;

// Letters and digits that cannot be misread for one another when read aloud or copied by hand.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12; // 32^12 = 2^60 codes

/** `ABCD-EFGH-JKLM`; the random bytes are reduced modulo 32, which divides 256 evenly (no bias). */
function newCode(): string {
  const chars = [...randomBytes(CODE_LENGTH)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]!);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Codes are compared without case, dashes or spaces, as people type them. */
const canonicalCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

export interface IssuedResetCode {
  code: string;
  expiresAt: string;
}

/**
 * Issues a code and retires the old password and every session at once: a reset is also how an admin
 * locks out a password that may be known to someone else. A new code replaces any earlier one.
 */
export async function issueResetCode({
  db,
  actor,
  userId,
  now,
}: {
  db: Db;
  actor: Actor;
  userId: string;
  now: Date;
}): Promise<IssuedResetCode> {
  const code = newCode();
  const expiresAt = new Date(now.getTime() + RESET_CODE_HOURS * 3_600_000);
  // Hashed before the transaction: argon2 is slow on purpose and must not hold the row locks.
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  return db.transaction().execute(async (trx) => {
    const { user } = await lockAccount(trx, actor.orgId, userId);
    if (userId === actor.userId)
      throw AppError.rule('id', 'change your own password from your account page instead');
    if (!user.active) throw AppError.rule('id', 'this account is deactivated; reactivate it first');
    await trx
      .updateTable('users')
      .set({ password_hash: unusable })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', userId)
      .execute();
    await endUserSessions(trx, { orgId: actor.orgId, userId });
    const row = {
      code_hash: hashToken(canonicalCode(code)),
      issued_by: actor.userId,
      expires_at: expiresAt,
      failed_attempts: 0,
    };
    await trx
      .insertInto('password_reset_codes')
      .values({ org_id: actor.orgId, user_id: userId, ...row })
      .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet(row))
      .execute();
    await recordAudit(trx, actor, { action: 'user.password_reset_issue', entity: 'user', entityId: userId });
    return { code, expiresAt: expiresAt.toISOString() };
  });
}

export const resetPasswordInput = z.object({
  email: z.string().trim().toLowerCase().email('must be an email address'),
  code: z.string().trim().min(1, 'is required').max(64),
  newPassword: newPassword,
});

const refused = () =>
  AppError.validation(
    [
      {
        field: 'code',
        reason: 'this code is wrong, already used or expired; ask an administrator for a new one',
      },
    ],
    'The reset code was not accepted.',
  );

/** Sets the new password with a valid code; the code is then spent. A wrong code counts toward voiding it. */
export async function resetPasswordWithCode({
  db,
  input,
  now,
}: {
  db: Db;
  input: z.output<typeof resetPasswordInput>;
  now: Date;
}): Promise<void> {
  const newHash = await hashPassword(input.newPassword);
  const found = await db
    .selectFrom('users as u')
    .innerJoin('password_reset_codes as r', (j) =>
      j.onRef('r.org_id', '=', 'u.org_id').onRef('r.user_id', '=', 'u.id'),
    )
    .select(['u.org_id', 'u.id', 'r.code_hash', 'r.expires_at', 'r.failed_attempts'])
    .where(({ fn }) => fn('lower', ['u.email']), '=', input.email)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!found || found.expires_at <= now) throw refused();
  const actor = { orgId: found.org_id, userId: found.id };
  const given = Buffer.from(hashToken(canonicalCode(input.code)));
  if (!timingSafeEqual(given, Buffer.from(found.code_hash))) {
    // Outside any transaction: the count must survive the refusal that follows.
    await db
      .updateTable('password_reset_codes')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('org_id', '=', found.org_id)
      .where('user_id', '=', found.id)
      .execute();
    await db
      .deleteFrom('password_reset_codes')
      .where('org_id', '=', found.org_id)
      .where('user_id', '=', found.id)
      .where('failed_attempts', '>=', RESET_CODE_MAX_FAILURES)
      .execute();
    await recordAudit(db, actor, {
      action: 'auth.password_reset_failed',
      entity: 'user',
      entityId: found.id,
    });
    throw refused();
  }
  await db.transaction().execute(async (trx) => {
    // Deleting the code is what spends it: of two requests racing with it, only one deletes a row.
    const spent = await trx
      .deleteFrom('password_reset_codes')
      .where('org_id', '=', found.org_id)
      .where('user_id', '=', found.id)
      .where('code_hash', '=', found.code_hash)
      .executeTakeFirst();
    if (Number(spent.numDeletedRows) !== 1) throw refused();
    await trx
      .updateTable('users')
      .set({ password_hash: newHash })
      .where('org_id', '=', found.org_id)
      .where('id', '=', found.id)
      .execute();
    await endUserSessions(trx, actor);
    await recordAudit(trx, actor, { action: 'auth.password_reset', entity: 'user', entityId: found.id });
  });
}
