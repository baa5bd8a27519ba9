// Resolves the caller from a bearer token or the session cookie, and enforces each route's roles.
import { getCookie } from 'hono/cookie';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import { actorForToken } from '../services/auth/sessions.js';
import type { Role } from '../services/actor.js';
import type { AppEnv } from './env.js';

export const SESSION_COOKIE = 'careloop_session';

/** `public` routes need no sign-in; every other route names the roles it admits. */
export type RouteRoles = 'public' | 'any' | readonly Role[];

export function credentialOf(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  return getCookie(c, SESSION_COOKIE);
}

export function requireRoles(roles: RouteRoles): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (roles === 'public') return next();
    const token = credentialOf(c);
    const actor = token ? await actorForToken(c.var.deps.db, token) : null;
    if (!actor)
      throw new AppError('UNAUTHENTICATED', 'Sign in first; the session is missing or has expired.');
    // Known before the role check, so that a refusal is audited under the user who tried.
    c.set('actor', {
      ...actor,
      requestId: c.var.requestId,
      ...(c.var.clientRequestId ? { clientRequestId: c.var.clientRequestId } : {}),
    });
    if (roles !== 'any' && !roles.some((r) => actor.roles.includes(r))) {
      throw AppError.forbidden(`This needs one of the roles: ${roles.join(', ')}.`);
    }
    return next();
  };
}
