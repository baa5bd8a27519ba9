// Clinic months: 'YYYY-MM' in the clinic's time zone, their schema, arithmetic, ranges and the bridge from instants.
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { dayOf, type ClinicDay } from './day.js';
import { assertTimeZone } from './zone.js';

declare const monthFlavor: unique symbol;

/** A calendar month in the clinic's time zone, `YYYY-MM` (billing.md §1: the service period); flavoured like `ClinicDay`. */
export type ClinicMonth = string & { readonly [monthFlavor]?: 'ClinicMonth' };

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The one schema of a clinic month. */
export const clinicMonthSchema = z
  .string()
  .regex(MONTH_PATTERN, { message: 'expected a month as YYYY-MM (01–12)' });

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

/** Parses `YYYY-MM`; throws a RangeError that quotes the bad value. */
export function parseMonth(month: string): ParsedMonth {
  const match = MONTH_PATTERN.exec(month);
  if (!match) {
    throw new RangeError(`Invalid month '${month}': expected YYYY-MM with a month from 01 to 12`);
  }
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function formatMonth({ year, month }: ParsedMonth): ClinicMonth {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month a clinic day falls in. */
export function monthOfDay(day: ClinicDay): ClinicMonth {
  return day.slice(0, 7);
}

/** The clinic-zone month an instant belongs to: 23:30 on Oct 31 in Los Angeles is October. */
export function monthOf(instant: Date, timeZone: string): ClinicMonth {
  return monthOfDay(dayOf(instant, timeZone));
}

/**
 * `monthOf` for one zone, remembered per UTC minute: bulk import asks it for millions of rows. Zone
 * offsets since the 1970s are whole minutes, so every instant of one UTC minute shares a month.
 */
export function monthsIn(timeZone: string): (instant: Date) => ClinicMonth {
  assertTimeZone(timeZone);
  const memo = new Map<number, ClinicMonth>();
  return (instant) => {
    const minute = Math.floor(instant.getTime() / 60_000);
    let month = memo.get(minute);
    if (month === undefined) {
      month = monthOf(instant, timeZone);
      if (memo.size >= 200_000) memo.clear();
      memo.set(minute, month);
    }
    return month;
  };
}

/** Half-open instant range [start, end) of a month in the clinic zone; DST shifts are handled by the tz database. */
export function monthRange(month: ClinicMonth, timeZone: string): MonthRange {
  assertTimeZone(timeZone);
  const { year, month: m } = parseMonth(month);
  // TZDate months are 0-based; month 12 rolls into January of the next year.
  const start = new TZDate(year, m - 1, 1, timeZone);
  const end = new TZDate(year, m, 1, timeZone);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

export function addMonths(month: ClinicMonth, count: number): ClinicMonth {
  const { year, month: m } = parseMonth(month);
  const index = year * 12 + (m - 1) + count;
  return formatMonth({ year: Math.floor(index / 12), month: (index % 12) + 1 });
}

/** Whole months from `from` to `to` (positive when `to` is later): 2025-01 → 2025-03 is 2. */
export function monthsBetween(from: ClinicMonth, to: ClinicMonth): number {
  const index = (month: ClinicMonth): number => {
    if (!MONTH_PATTERN.test(month)) throw new RangeError(`Not a month (YYYY-MM): '${month}'`);
    return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  };
  return index(to) - index(from);
}

export function compareMonths(a: ClinicMonth, b: ClinicMonth): number {
  return Math.sign(monthsBetween(b, a));
}

/** Last calendar day of the month, `YYYY-MM-DD` (billing.md §5: a common date of service). */
export function lastDayOfMonth(month: ClinicMonth): ClinicDay {
  const { year, month: m } = parseMonth(month);
  // Day 0 of the next month is the last day of this one; UTC avoids any host-zone influence.
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

export function isFutureMonth(month: ClinicMonth, now: Date, timeZone: string): boolean {
  return compareMonths(month, monthOf(now, timeZone)) > 0;
}

/** True once the month has ended in the clinic zone (billing.md §5: generate claims after month close). */
export function isClosedMonth(month: ClinicMonth, now: Date, timeZone: string): boolean {
  return compareMonths(month, monthOf(now, timeZone)) < 0;
}

export function isCurrentMonth(month: ClinicMonth, now: Date, timeZone: string): boolean {
  return month === monthOf(now, timeZone);
}
