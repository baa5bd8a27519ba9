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

function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  return header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
}

export function credentialOf(c: Context<AppEnv>): string | undefined {
  return bearerToken(c) ?? getCookie(c, SESSION_COOKIE);
}

/** The first value of a proxy header, believed only when CARELOOP_TRUST_PROXY says a proxy sets it. */
function forwarded(c: Context<AppEnv>, name: string): string | undefined {
  if (!c.var.deps.trustProxy) return undefined;
  return c.req.header(name)?.split(',')[0]?.trim().toLowerCase() || undefined;
}

/** Whether the client reached us over TLS: directly, or through a trusted proxy that says so. */
export function cameOverTls(c: Context<AppEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:' || forwarded(c, 'x-forwarded-proto') === 'https';
}

/**
 * A browser names the page that sent a request in Origin (and Sec-Fetch-Site); a change made with
 * the session cookie must come from this site's own pages. Hosts are compared (the scheme can differ
 * behind a TLS proxy); a request with neither header is not from a browser page, so it passes.
 */
function fromOwnSite(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin');
  if (!origin) return (c.req.header('sec-fetch-site') ?? 'same-origin') !== 'cross-site';
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
  return host === (forwarded(c, 'x-forwarded-host') ?? new URL(c.req.url).host);
}

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
    // Bearer clients send their token on purpose; a cookie is sent by the browser from any page.
    if (CHANGES.has(c.req.method) && !bearerToken(c) && !fromOwnSite(c)) {
      throw AppError.forbidden(
        'A change made with the session cookie must come from this site (Origin check).',
      );
    }
    return next();
  };
}
