// Calendar-month arithmetic in the clinic's time zone (docs/domain/README.md: compute months in the clinic zone).
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { monthsBetween, toLocalDay } from '../registry/local-day.js';
import type { DateString, MonthString } from './vocabulary.js';

export interface ParsedMonth {
  year: number;
  /** 1–12 */
  month: number;
}

export interface MonthRange {
  /** first instant of the month in the clinic zone (inclusive) */
  start: Date;
  /** first instant of the next month in the clinic zone (exclusive) */
  end: Date;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Parses `YYYY-MM`; throws a RangeError that quotes the bad value. */
export function parseMonth(month: string): ParsedMonth {
  const match = MONTH_PATTERN.exec(month);
  if (!match) {
    throw new RangeError(`Invalid month '${month}': expected YYYY-MM with a month from 01 to 12`);
  }
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function formatMonth({ year, month }: ParsedMonth): MonthString {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

// Checking a zone builds a formatter (~0.1 ms); month close and contact logging check the same few
// clinic zones thousands of times, so each zone is checked once.
const knownZones = new Set<string>();

/** Throws a RangeError for a zone name the runtime's tz database does not know. */
export function assertTimeZone(timeZone: string): void {
  if (knownZones.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(`Unknown time zone '${timeZone}': expected an IANA name such as America/Chicago`);
  }
  knownZones.add(timeZone);
}

/** The clinic-zone month an instant belongs to: 23:30 on Oct 31 in Los Angeles is October. */
export function monthOf(instant: Date, timeZone: string): MonthString {
  assertTimeZone(timeZone);
  return format(instant, 'yyyy-MM', { in: tz(timeZone) });
}

/** The clinic-zone calendar date of an instant, `YYYY-MM-DD`. */
export function dateOf(instant: Date, timeZone: string): DateString {
  assertTimeZone(timeZone);
  return toLocalDay(instant, timeZone);
}

/** Half-open instant range [start, end) of a month in the clinic zone; DST shifts are handled by the tz database. */
export function monthRange(month: MonthString, timeZone: string): MonthRange {
  assertTimeZone(timeZone);
  const { year, month: m } = parseMonth(month);
  // TZDate months are 0-based; month 12 rolls into January of the next year.
  const start = new TZDate(year, m - 1, 1, timeZone);
  const end = new TZDate(year, m, 1, timeZone);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

/** The first instant of a clinic-zone calendar day (`YYYY-MM-DD`): day boundaries for SQL without zone math per row. */
export function startOfDay(day: DateString, timeZone: string): Date {
  assertTimeZone(timeZone);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date, timeZone).getTime());
}

export function addMonths(month: MonthString, count: number): MonthString {
  const { year, month: m } = parseMonth(month);
  const index = year * 12 + (m - 1) + count;
  return formatMonth({ year: Math.floor(index / 12), month: (index % 12) + 1 });
}

/** Whole months from `from` to `to` (positive when `to` is later): 2025-01 → 2025-03 is 2. */
export { monthsBetween };

export function compareMonths(a: MonthString, b: MonthString): number {
  return Math.sign(monthsBetween(b, a));
}

/** Last calendar day of the month, `YYYY-MM-DD` (billing.md §5: a common date of service). */
export function lastDayOfMonth(month: MonthString): DateString {
  const { year, month: m } = parseMonth(month);
  // Day 0 of the next month is the last day of this one; UTC avoids any host-zone influence.
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

export function isFutureMonth(month: MonthString, now: Date, timeZone: string): boolean {
  return compareMonths(month, monthOf(now, timeZone)) > 0;
}

/** True once the month has ended in the clinic zone (billing.md §5: generate claims after month close). */
export function isClosedMonth(month: MonthString, now: Date, timeZone: string): boolean {
  return compareMonths(month, monthOf(now, timeZone)) < 0;
}

export function isCurrentMonth(month: MonthString, now: Date, timeZone: string): boolean {
  return month === monthOf(now, timeZone);
}
