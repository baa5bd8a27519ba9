// The one error type every layer throws; the HTTP edge maps it to the public error body.
import type { z } from 'zod';

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_VIOLATION: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface Issue {
  field: string;
  reason: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static validation(issues: Issue[], message = 'The request is not valid.'): AppError {
    return new AppError('VALIDATION_FAILED', message, issues);
  }

  static notFound(what: string, field = 'id'): AppError {
    return new AppError('NOT_FOUND', `${what} not found.`, [
      { field, reason: `no ${what.toLowerCase()} with this id` },
    ]);
  }

  static forbidden(message = 'Your roles do not allow this.'): AppError {
    return new AppError('FORBIDDEN', message);
  }

  static rule(field: string, reason: string): AppError {
    return new AppError('RULE_VIOLATION', reason, [{ field, reason }]);
  }

  static conflict(field: string, reason: string): AppError {
    return new AppError('CONFLICT', reason, [{ field, reason }]);
  }
}

/** A refusal to try again yet: 429 with a Retry-After of this many seconds. */
export class RetryLaterError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('TOO_MANY_REQUESTS', message);
  }
}

/** zod issue paths as the JSON paths the API promises (`answers.8`, `consent.obtainedAt`). */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((issue) => ({
    field: [...prefix, ...issue.path].map(String).join('.') || prefix.join('.') || 'body',
    reason: issue.message,
  }));
}
