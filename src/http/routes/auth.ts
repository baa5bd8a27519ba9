// Sign-in and sign-out: a bearer token in the reply and an HttpOnly SameSite session cookie.
import { OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import { login, loginInput, type SessionUser } from '../../services/auth/login.js';
import { endSession } from '../../services/auth/sessions.js';
import { changePassword, changePasswordInput } from '../../services/auth/change-password.js';
import { resetPasswordInput, resetPasswordWithCode } from '../../services/users/reset-codes.js';
import { recordAudit } from '../../services/audit/audit-event.js';
import { SESSION_COOKIE, cameOverTls, credentialOf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { defineRoute } from '../route.js';

const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  clinicIds: z.array(z.string()),
});

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

export function authRoutes(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>();
  defineRoute(
    router,
    {
      method: 'post',
      path: '/auth/login',
      roles: 'public',
      summary: 'Sign in with email and password',
      tags: ['auth'],
      body: loginInput,
      response: z.object({ token: z.string(), user: userView }),
    },
    async ({ c, deps, now, body }) => {
      const result = await login({
        db: deps.db,
        now,
        input: body,
        throttle: deps.throttle,
        clientAddress: clientAddress(c),
        sessionHours: deps.sessionHours,
      });
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: cameOverTls(c),
        path: '/',
        expires: result.expiresAt,
      });
      return { token: result.token, user: result.user };
    },
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/auth/logout',
      roles: 'any',
      summary: 'End this session',
      tags: ['auth'],
      status: 204,
    },
    async ({ c, deps, actor }) => {
      const token = credentialOf(c);
      await deps.db.transaction().execute(async (trx) => {
        if (token) await endSession(trx, token);
        await recordAudit(trx, actor, { action: 'auth.logout', entity: 'user', entityId: actor.userId });
      });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    },
  );
  defineRoute(
    router,
    {
      method: 'get',
      path: '/auth/me',
      roles: 'any',
      summary: 'The signed-in user',
      tags: ['auth'],
      response: userView,
    },
    async ({ deps, actor }): Promise<SessionUser> => {
      const user = await deps.db
        .selectFrom('users')
        .select(['id', 'email', 'name'])
        .where('org_id', '=', actor.orgId)
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      // The session's roles and clinics, as every route enforces them.
      return { ...user, roles: actor.roles, clinicIds: actor.clinicIds };
    },
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/auth/change-password',
      roles: 'any',
      summary: 'Change your own password; your other sessions end',
      tags: ['auth'],
      body: changePasswordInput,
      status: 204,
    },
    ({ c, deps, actor, body }) =>
      changePassword({ db: deps.db, actor, input: body, currentToken: credentialOf(c) }),
  );
  defineRoute(
    router,
    {
      method: 'post',
      path: '/auth/reset-password',
      roles: 'public',
      summary:
        'Set a new password with the one-time code an administrator issued; the code is then spent, then sign in',
      tags: ['auth'],
      body: resetPasswordInput,
      status: 204,
    },
    ({ deps, now, body }) => resetPasswordWithCode({ db: deps.db, now, input: body }),
  );
  return router;
}
