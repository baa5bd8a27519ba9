// Refuses text no field may hold (NUL, unpaired surrogates) in a route's path, query and JSON body, before
// its schemas run: one check for every route, so no such text reaches a use case or the database.
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import { textIssues } from '../services/schemas.js';
import type { AppEnv } from './env.js';

async function jsonBody(c: Parameters<MiddlewareHandler<AppEnv>>[0]): Promise<unknown> {
  if (!/^application\/([a-z0-9.+-]*\+)?json/i.test(c.req.header('content-type') ?? '')) return undefined;
  // The parsed body is cached by the request, so the route's validator reuses it; malformed JSON is its to report.
  return c.req.json().catch(() => undefined);
}

export function refuseBadText(options: { body: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const issues = [
      ...textIssues(c.req.param()),
      ...textIssues(c.req.queries()).map((i) => ({ ...i, field: i.field.replace(/\.0$/, '') })),
      ...(options.body ? textIssues(await jsonBody(c)) : []),
    ];
    if (issues.length > 0)
      throw AppError.validation(issues, 'Text must not contain NUL characters or unpaired surrogates.');
    return next();
  };
}
