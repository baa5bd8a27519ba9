// Maps every failure to the public error body; unknown errors become a generic 500 logged by request id.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, zodIssues, type ErrorCode, type Issue } from '../errors.js';
import { operationOutcome } from '../fhir/operation-outcome.js';
import { lockedMonthRefusal } from '../services/billing/billing-month.js';
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

export function handleError(thrown: Error, c: Context<AppEnv>): Response {
  const error = lockedMonthRefusal(thrown) ?? thrown;
  if (error instanceof AppError) {
    if (error.code === 'TOO_MANY_REQUESTS') c.header('Retry-After', '900');
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
