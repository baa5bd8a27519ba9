// Sign-in: checks the password, backs off guessing, opens a session, audits both outcomes.
import { z } from 'zod';
import { AppError, RetryLaterError } from '../../errors.js';
import type { Db } from '../../db/connection.js';
import type { Role } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import type { LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import { clinicIdsFor, createSession } from './sessions.js';

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().email('must be an email address'),
  password: z.string().min(1, 'is required').max(1024),
});

/** The signed-in user as sign-in and `GET /auth/me` show it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  clinicIds: string[];
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

export async function login({
  db,
  input,
  throttle,
  clientAddress,
  sessionHours,
  now,
}: {
  db: Db;
  input: z.infer<typeof loginInput>;
  throttle: LoginThrottle;
  clientAddress: string;
  sessionHours: number;
  /** The caller's clock, by which sign-in back-off waits. */
  now: Date;
}): Promise<LoginResult> {
  const account = `email:${input.email}`;
  const address = `addr:${clientAddress}`;
  const waitMs = await throttle.admit(db, [account, address], now);
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new RetryLaterError(`Too many failed sign-ins. Try again in ${seconds} seconds.`, seconds);
  }
  const user = await db
    .selectFrom('users')
    .select(['org_id', 'id', 'email', 'name', 'roles', 'password_hash'])
    .where(({ fn }) => fn('lower', ['email']), '=', input.email)
    .where('active', '=', true)
    .executeTakeFirst();
  // An unknown email is checked against a decoy hash, so it takes as long as a wrong password.
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !ok) {
    if (user) {
      await recordAudit(
        db,
        { orgId: user.org_id, userId: user.id },
        { action: 'auth.login_failed', entity: 'user', entityId: user.id },
      );
    }
    throw new AppError('UNAUTHENTICATED', 'Email or password is wrong.', [
      { field: 'password', reason: 'email or password is wrong' },
    ]);
  }
  await throttle.succeeded(db, account, [address]);
  const actor = { orgId: user.org_id, userId: user.id };
  return db.transaction().execute(async (trx) => {
    const session = await createSession(trx, actor, sessionHours);
    await recordAudit(trx, actor, { action: 'auth.login', entity: 'user', entityId: user.id });
    return {
      ...session,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        // Written only through createUserInput, so every stored role is a Role.
        roles: user.roles as Role[],
        clinicIds: await clinicIdsFor(trx, { ...actor, roles: user.roles }),
      },
    };
  });
}
