// "Not in the future" for a calendar day input, judged against the clinic's today.
import { dayOf, type ClinicDay } from '../calendar/index.js';
import type { FieldIssue } from './field-issue.js';

/**
 * "Not in the future" for a calendar day (a birth date, a medication start): judged against the clinic's
 * today, never the server's or UTC's, so the clinic's own today is always accepted and its tomorrow never.
 */
export function futureDayIssues(field: string, day: ClinicDay, now: Date, timeZone: string): FieldIssue[] {
  const today = dayOf(now, timeZone);
  return day > today
    ? [{ field, reason: `${day} is in the future (today is ${today} in the clinic's time zone)` }]
    : [];
}
