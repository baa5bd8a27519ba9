// Maps every failure to the public error body; unknown errors become a generic 500 logged by request id.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, RetryLaterError, zodIssues, type ErrorCode, type Issue } from '../errors.js';
import { operationOutcome } from '../fhir/operation-outcome.js';
import type { Actor } from '../services/actor.js';
import { recordAudit } from '../services/audit/audit-event.js';
import { lockedMonthRefusal } from '../services/billing/billing-month.js';
import { uuid } from '../services/schemas.js';
import type { AppEnv } from './env.js';

export function errorBody(code: ErrorCode, message: string, issues: Issue[] = []) {
  return { error: { code, message, issues } };
}

/** The error reply: the API's error body, or an OperationOutcome on FHIR routes. */
function reply(
  c: Context<AppEnv>,
  code: ErrorCode,
  message: string,
  issues: Issue[],
  status: number,
): Response {
  if (c.req.path.startsWith('/api/fhir/')) {
    return c.body(JSON.stringify(operationOutcome(code, message, issues)), status as ContentfulStatusCode, {
      'Content-Type': 'application/fhir+json',
    });
  }
  return c.json(errorBody(code, message, issues), status as ContentfulStatusCode);
}

/**
 * Records a refused attempt: a 403 or 404 in the audit trail under the signed-in user (route pattern and
 * the path's id only), a 401 — nobody known — in the log. Refusals are how probing shows.
 */
async function recordRefusal(c: Context<AppEnv>, error: AppError): Promise<void> {
  const route = c.req.routePath;
  if (error.code === 'UNAUTHENTICATED' && route !== '/api/auth/login') {
    c.var.deps.logger.warn(
      { requestId: c.var.requestId, method: c.req.method, route },
      'refused: not signed in',
    );
    return;
  }
  const actor = c.var.actor as Actor | undefined;
  if (!actor || (error.code !== 'FORBIDDEN' && error.code !== 'NOT_FOUND')) return;
  const id = c.req.param('id');
  try {
    await recordAudit(c.var.deps.db, actor, {
      action: 'access.denied',
      entity: 'route',
      entityId: id && uuid.safeParse(id).success ? id : null,
      details: { status: error.status, method: c.req.method, route: route.slice(0, 64) },
    });
  } catch (failure) {
    // The refusal itself still answers; the lost audit row is what the log must show.
    c.var.deps.logger.error(
      { requestId: c.var.requestId, errName: (failure as Error).name },
      'refusal not audited',
    );
  }
}

export async function handleError(thrown: Error, c: Context<AppEnv>): Promise<Response> {
  const error = lockedMonthRefusal(thrown) ?? thrown;
  if (error instanceof AppError) {
    await recordRefusal(c, error);
    if (error instanceof RetryLaterError) c.header('Retry-After', String(error.retryAfterSeconds));
    return reply(c, error.code, error.message, error.issues, error.status);
  }
  if (error instanceof HTTPException) {
    if (error.status === 413) {
      return reply(
        c,
        'PAYLOAD_TOO_LARGE',
        'The request body is too large.',
        [{ field: 'body', reason: 'too large' }],
        413,
      );
    }
    if (error.status === 415) {
      const issue = { field: 'content-type', reason: 'must be application/json' };
      return reply(
        c,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send JSON with Content-Type: application/json.',
        [issue],
        415,
      );
    }
    if (error.status === 400) {
      return reply(
        c,
        'VALIDATION_FAILED',
        'The body is not valid JSON.',
        [{ field: 'body', reason: 'malformed JSON' }],
        400,
      );
    }
  }
  if (error.name === 'ZodError') {
    return reply(c, 'VALIDATION_FAILED', 'The request is not valid.', zodIssues(error as never), 400);
  }
  // Messages can echo input (a database error quotes the value), so only the name, code and frames are logged.
  const frames = error.stack?.split('\n').slice(1).join('\n');
  const code = (error as { code?: unknown }).code;
  c.var.deps.logger.error(
    { requestId: c.var.requestId, errName: error.name, code, frames },
    'unhandled error',
  );
  return reply(c, 'INTERNAL', `Something went wrong on our side (request ${c.var.requestId}).`, [], 500);
}
