// The one time-zone check and the cached per-zone formatters every clinic-calendar conversion uses.
import { z } from 'zod';

// Building an Intl formatter costs ~0.1 ms, more than the rest of a contact's checks; the registry,
// month close and bulk import convert millions of instants in the same few clinic zones, so each
// zone is checked once and its formatter kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const unknownZones = new Set<string>();

/** The `YYYY-MM-DD` parts formatter of a zone, or null for a name the runtime's tz database lacks. */
function dayFormatOrNull(timeZone: string): Intl.DateTimeFormat | null {
  let format = dayFormats.get(timeZone);
  if (format) return format;
  if (unknownZones.has(timeZone)) return null;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    // Bounded by the distinct bad names a process is sent; an edge rejects them before storage.
    if (unknownZones.size < 1000) unknownZones.add(timeZone);
    return null;
  }
  dayFormats.set(timeZone, format);
  return format;
}

/** True for an IANA zone name the runtime knows (America/Chicago, UTC…). */
export function isTimeZone(timeZone: string): boolean {
  return dayFormatOrNull(timeZone) !== null;
}

/** Throws a RangeError for a zone name the runtime's tz database does not know. */
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) {
    throw new RangeError(`Unknown time zone '${timeZone}': expected an IANA name such as America/Chicago`);
  }
}

/** The one schema of a clinic's zone, shared by every edge and the environment. */
export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, 'must be an IANA time zone such as America/New_York');

/** The cached formatter giving year, month and day of an instant in the zone (throws on an unknown zone). */
export function dayFormat(timeZone: string): Intl.DateTimeFormat {
  const format = dayFormatOrNull(timeZone);
  if (!format) assertTimeZone(timeZone);
  return format as Intl.DateTimeFormat;
}
