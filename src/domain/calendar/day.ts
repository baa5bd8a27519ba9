// Clinic days: 'YYYY-MM-DD' in the clinic's time zone, their schema, arithmetic and the bridge from instants.
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { dayFormat } from './zone.js';

declare const dayFlavor: unique symbol;

/**
 * A calendar day in the clinic's time zone, `YYYY-MM-DD`. Flavoured rather than strictly branded: a
 * plain string (a DATE column, a literal) is accepted, but a `ClinicMonth` is not, so days and months
 * cannot be swapped unnoticed.
 */
export type ClinicDay = string & { readonly [dayFlavor]?: 'ClinicDay' };

/** The one schema of a clinic day. */
export const clinicDaySchema = z.iso.date('must be a date YYYY-MM-DD');

const MS_PER_DAY = 86_400_000;

function parts(day: ClinicDay): { year: number; month: number; date: number } {
  if (!clinicDaySchema.safeParse(day).success)
    throw new RangeError(`Not a calendar day (YYYY-MM-DD): '${day}'`);
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), date: Number(day.slice(8, 10)) };
}

// Counting through UTC midnights keeps the arithmetic independent of the server's own zone and DST.
function dayNumber(day: ClinicDay): number {
  const { year, month, date } = parts(day);
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: ClinicDay, to: ClinicDay): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(day: ClinicDay, days: number): ClinicDay {
  return new Date((dayNumber(day) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayOfMonth(day: ClinicDay): number {
  return parts(day).date;
}

export function daysInMonth(day: ClinicDay): number {
  const { year, month } = parts(day);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The clinic day on which an instant falls: 23:30 on Oct 31 in Los Angeles is Oct 31. */
export function dayOf(instant: Date | string, timeZone: string): ClinicDay {
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

/** The first instant of a clinic day: day boundaries for SQL without zone math per row (DST from the tz database). */
export function startOfDay(day: ClinicDay, timeZone: string): Date {
  dayFormat(timeZone);
  const { year, month, date } = parts(day);
  return new Date(new TZDate(year, month - 1, date, timeZone).getTime());
}
