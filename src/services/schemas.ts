// Input schemas shared by every edge (HTTP, CLI, import): one definition of a valid value.
import { z } from 'zod';
import { clinicDaySchema, timeZoneSchema } from '../domain/calendar/index.js';
import type { Issue } from '../errors.js';

export const uuid = z.uuid('must be an id (UUID)');

export const isoDate = clinicDaySchema;

/** ISO 8601 instant with an offset (or Z): a clinic-local time without one is ambiguous. */
export const isoInstant = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 time with an offset, e.g. 2026-10-31T23:30:00-07:00',
  })
  .transform((value) => new Date(value));

export const timeZone = timeZoneSchema;

export const trimmed = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

// A NUL cannot be stored in PostgreSQL text or jsonb, and an unpaired UTF-16 surrogate is not Unicode
// (it would be stored as U+FFFD): neither is ever meant, so both are refused at every edge.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_TEXT_REASON = 'must not contain NUL characters or unpaired surrogates';

/** Issues naming every field (as a JSON path) of `value` whose text or key holds NUL or a lone surrogate. */
export function textIssues(value: unknown, path: (string | number)[] = []): Issue[] {
  const field = (p: (string | number)[]) => p.map(String).join('.') || 'body';
  if (typeof value === 'string')
    return BAD_TEXT.test(value) ? [{ field: field(path), reason: BAD_TEXT_REASON }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => textIssues(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      BAD_TEXT.test(key)
        ? [{ field: field([...path, key]), reason: BAD_TEXT_REASON }]
        : textIssues(v, [...path, key]),
    );
  }
  return [];
}
