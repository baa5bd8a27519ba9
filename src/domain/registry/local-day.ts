// Calendar-day arithmetic on 'YYYY-MM-DD' strings that already denote a day in the clinic's time zone.
import { z } from 'zod';
import type { FieldIssue } from './field-issue.js';

/** A calendar day in the clinic's time zone, 'YYYY-MM-DD'. */
export type LocalDay = string;

/** A calendar month, 'YYYY-MM'. */
export type LocalMonth = string;

export const localDaySchema = z.iso.date();
export const localMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

const MS_PER_DAY = 86_400_000;

function parts(day: LocalDay): { year: number; month: number; date: number } {
  if (!localDaySchema.safeParse(day).success)
    throw new RangeError(`Not a calendar day (YYYY-MM-DD): '${day}'`);
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), date: Number(day.slice(8, 10)) };
}

// Counting through UTC midnights keeps the arithmetic independent of the server's own zone and DST.
function dayNumber(day: LocalDay): number {
  const { year, month, date } = parts(day);
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(day: LocalDay, days: number): LocalDay {
  return new Date((dayNumber(day) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayOfMonth(day: LocalDay): number {
  return parts(day).date;
}

export function daysInMonth(day: LocalDay): number {
  const { year, month } = parts(day);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthOf(day: LocalDay): LocalMonth {
  parts(day);
  return day.slice(0, 7);
}

/** Calendar months from `from` to `to` ('2026-01' → '2026-03' is 2). */
export function monthsBetween(from: LocalMonth, to: LocalMonth): number {
  const index = (month: LocalMonth): number => {
    if (!localMonthSchema.safeParse(month).success) throw new RangeError(`Not a month (YYYY-MM): '${month}'`);
    return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  };
  return index(to) - index(from);
}

// One formatter per zone: building one (or a zoned date per call) costs more than the rest of a
// contact's checks, and bulk imports and the registry call this for every row.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, formatter);
  }
  return formatter;
}

/** The clinic-local day on which an instant falls; the bridge from stored instants to registry days. */
export function toLocalDay(instant: Date | string, timeZone: string): LocalDay {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid instant: '${String(instant)}'`);
  let year = '';
  let month = '';
  let day = '';
  for (const part of dayFormat(timeZone).formatToParts(date)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/**
 * "Not in the future" for a calendar day (a birth date, a medication start): judged against the clinic's
 * today, never the server's or UTC's, so the clinic's own today is always accepted and its tomorrow never.
 */
export function futureDayIssues(field: string, day: LocalDay, now: Date, timeZone: string): FieldIssue[] {
  const today = toLocalDay(now, timeZone);
  return day > today
    ? [{ field, reason: `${day} is in the future (today is ${today} in the clinic's time zone)` }]
    : [];
}
