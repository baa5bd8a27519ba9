// Input schemas shared by every edge (HTTP, CLI, import): one definition of a valid value.
import { z } from 'zod';
import { isIanaTimeZone } from '../config.js';

export const uuid = z.uuid('must be an id (UUID)');

export const isoDate = z.iso.date('must be a date YYYY-MM-DD');

/** ISO 8601 instant with an offset (or Z): a clinic-local time without one is ambiguous. */
export const isoInstant = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 time with an offset, e.g. 2026-10-31T23:30:00-07:00',
  })
  .transform((value) => new Date(value));

export const timeZone = z
  .string()
  .refine(isIanaTimeZone, 'must be an IANA time zone such as America/New_York');

export const trimmed = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
