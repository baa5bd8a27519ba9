// The clinic calendar's tables: zones, DST days, month ends and leap years, one schema per kind of value.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  assertTimeZone,
  clinicDaySchema,
  clinicMonthSchema,
  daysBetween,
  daysInMonth,
  dayOf,
  isTimeZone,
  lastDayOfMonth,
  monthOf,
  monthOfDay,
  monthRange,
  monthsIn,
  startOfDay,
  timeZoneSchema,
} from '../../../src/domain/calendar/index.js';

describe('leap years and month ends', () => {
  it.each([
    ['2024-02', '2024-02-29', 'a year divisible by 4 is a leap year'],
    ['2026-02', '2026-02-28', 'an ordinary year'],
    ['2100-02', '2100-02-28', 'a century is not a leap year'],
    ['2000-02', '2000-02-29', 'unless divisible by 400'],
    ['2026-04', '2026-04-30', 'a 30-day month'],
    ['2026-12', '2026-12-31', 'December ends the year'],
  ])('lastDayOfMonth(%s) is %s (%s)', (month, last) => {
    expect(lastDayOfMonth(month)).toBe(last);
    expect(daysInMonth(last)).toBe(Number(last.slice(8)));
    expect(monthOfDay(addDays(last, 1))).toBe(addMonths(month, 1));
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29', 'into a leap day'],
    ['2024-02-29', 1, '2024-03-01', 'out of a leap day'],
    ['2026-12-31', 1, '2027-01-01', 'across a year end'],
    ['2026-03-01', -1, '2026-02-28', 'backwards over a month end'],
  ])('addDays(%s, %i) is %s (%s)', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(n);
  });

  it.each([
    ['2026-11', 2, '2027-01', 'across a year end'],
    ['2026-01', -1, '2025-12', 'backwards across a year end'],
    ['2026-06', 0, '2026-06', 'no change'],
  ])('addMonths(%s, %i) is %s (%s)', (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected);
  });
});

describe('DST days in the clinic zone', () => {
  it.each([
    [
      '2026-03-08',
      'America/New_York',
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
      23,
      'spring forward: 23 hours',
    ],
    [
      '2026-11-01',
      'America/New_York',
      '2026-11-01T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
      25,
      'fall back: 25 hours',
    ],
    [
      '2026-04-05',
      'Pacific/Auckland',
      '2026-04-04T11:00:00.000Z',
      '2026-04-05T12:00:00.000Z',
      25,
      'southern fall back',
    ],
    [
      '2026-07-01',
      'Asia/Kolkata',
      '2026-06-30T18:30:00.000Z',
      '2026-07-01T18:30:00.000Z',
      24,
      'no DST, half-hour offset',
    ],
  ])('%s in %s starts at %s (%s)', (day, zone, start, next, hours) => {
    expect(startOfDay(day, zone).toISOString()).toBe(start);
    expect(startOfDay(addDays(day, 1), zone).toISOString()).toBe(next);
    expect((new Date(next).getTime() - new Date(start).getTime()) / 3_600_000).toBe(hours);
    expect(dayOf(new Date(new Date(next).getTime() - 1), zone)).toBe(day);
  });

  it('a month range spans the DST change inside it', () => {
    const { start, end } = monthRange('2026-03', 'America/New_York');
    expect([start.toISOString(), end.toISOString()]).toEqual([
      '2026-03-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
    ]);
  });
});

describe('one zone check', () => {
  it.each([
    ['America/Chicago', true],
    ['UTC', true],
    ['Asia/Kathmandu', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('isTimeZone(%j) is %s, and the schema and assertion agree', (zone, known) => {
    expect(isTimeZone(zone)).toBe(known);
    expect(timeZoneSchema.safeParse(zone).success).toBe(known);
    if (known) expect(() => assertTimeZone(zone)).not.toThrow();
    else expect(() => assertTimeZone(zone)).toThrow(RangeError);
  });

  it('an unknown zone refuses every conversion', () => {
    expect(() => dayOf(new Date(), 'Nowhere/Land')).toThrow(/Unknown time zone 'Nowhere\/Land'/);
    expect(() => startOfDay('2026-01-01', 'Nowhere/Land')).toThrow(/Unknown time zone/);
    expect(() => monthsIn('Nowhere/Land')).toThrow(/Unknown time zone/);
  });
});

describe('schemas', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-2-1', false],
  ])('clinicDaySchema(%s) accepts: %s', (value, ok) => {
    expect(clinicDaySchema.safeParse(value).success).toBe(ok);
  });

  it.each([
    ['2026-01', true],
    ['2026-12', true],
    ['2026-13', false],
    ['2026-00', false],
    ['2026-1', false],
  ])('clinicMonthSchema(%s) accepts: %s', (value, ok) => {
    expect(clinicMonthSchema.safeParse(value).success).toBe(ok);
  });
});

describe('monthsIn remembers per minute and agrees with monthOf', () => {
  it.each([
    ['2025-11-01T06:59:59.999Z', 'America/Los_Angeles'],
    ['2025-11-01T07:00:00.000Z', 'America/Los_Angeles'],
    ['2025-12-31T18:30:00.000Z', 'Asia/Kolkata'],
  ])('%s in %s', (iso, zone) => {
    const months = monthsIn(zone);
    expect(months(new Date(iso))).toBe(monthOf(new Date(iso), zone));
    expect(months(new Date(iso))).toBe(monthOf(new Date(iso), zone));
  });
});
