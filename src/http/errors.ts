// Maps every failure to the public error body; unknown errors become a generic 500 logged by request id.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, zodIssues, type ErrorCode, type Issue } from '../errors.js';
import type { AppEnv } from './env.js';

export function errorBody(code: ErrorCode, message: string, issues: Issue[] = []) {
  return { error: { code, message, issues } };
}

export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof AppError) {
    if (error.code === 'TOO_MANY_REQUESTS') c.header('Retry-After', '900');
    return c.json(errorBody(error.code, error.message, error.issues), error.status as ContentfulStatusCode);
  }
  if (error instanceof HTTPException) {
    if (error.status === 413) {
      return c.json(
        errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.', [
          { field: 'body', reason: 'too large' },
        ]),
        413,
      );
    }
    if (error.status === 415) {
      return c.json(
        errorBody('VALIDATION_FAILED', 'Send JSON with Content-Type: application/json.', [
          { field: 'content-type', reason: 'must be application/json' },
        ]),
        415,
      );
    }
    if (error.status === 400) {
      return c.json(
        errorBody('VALIDATION_FAILED', 'The body is not valid JSON.', [
          { field: 'body', reason: 'malformed JSON' },
        ]),
        400,
      );
    }
  }
  if (error.name === 'ZodError') {
    return c.json(
      errorBody('VALIDATION_FAILED', 'The request is not valid.', zodIssues(error as never)),
      400,
    );
  }
  // Messages can echo input (a database error quotes the value), so only the name, code and frames are logged.
  const frames = error.stack?.split('\n').slice(1).join('\n');
  const code = (error as { code?: unknown }).code;
  c.var.deps.logger.error(
    { requestId: c.var.requestId, errName: error.name, code, frames },
    'unhandled error',
  );
  return c.json(errorBody('INTERNAL', `Something went wrong on our side (request ${c.var.requestId}).`), 500);
}
