// Calendar months in the clinic's time zone, including DST edges (docs/domain/README.md, billing.md §5).
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayOf,
  isClosedMonth,
  isCurrentMonth,
  isFutureMonth,
  lastDayOfMonth,
  monthOf,
  monthRange,
  monthsBetween,
  parseMonth,
  startOfDay,
} from '../../../src/domain/calendar/index.js';
import { billMonth, MEDICARE_2025 } from '../../../src/domain/billing/index.js';
import { subsequentMonth } from './fixtures.js';

describe('monthOf in the clinic zone', () => {
  it.each([
    [
      '2025-11-01T06:30:00Z',
      'America/Los_Angeles',
      '2025-10',
      '23:30 on Oct 31 in Los Angeles belongs to October',
    ],
    ['2025-11-01T07:00:00Z', 'America/Los_Angeles', '2025-11', 'midnight Nov 1 PDT belongs to November'],
    ['2025-11-01T06:59:59.999Z', 'America/Los_Angeles', '2025-10', 'the last millisecond of October PDT'],
    ['2025-11-01T06:30:00Z', 'UTC', '2025-11', 'the same instant is November in UTC'],
    ['2025-03-01T07:59:59Z', 'America/Los_Angeles', '2025-02', 'February ends at 08:00Z while on PST'],
    ['2025-12-31T18:29:59Z', 'Asia/Kolkata', '2025-12', 'half-hour zone: still December at 23:59:59 IST'],
    ['2025-12-31T18:30:00Z', 'Asia/Kolkata', '2026-01', 'half-hour zone: January from 00:00 IST'],
    ['2025-03-31T11:00:00Z', 'Pacific/Auckland', '2025-04', 'southern-hemisphere DST: Apr 1 00:00 NZDT'],
  ])('%s in %s → %s (%s)', (iso, zone, month) => {
    expect(monthOf(new Date(iso), zone)).toBe(month);
  });

  it('dayOf gives the clinic-zone calendar date', () => {
    expect(dayOf(new Date('2025-11-01T06:30:00Z'), 'America/Los_Angeles')).toBe('2025-10-31');
  });

  it('rejects an unknown zone with a clear error', () => {
    expect(() => monthOf(new Date(), 'Mars/Olympus_Mons')).toThrow(/Unknown time zone 'Mars\/Olympus_Mons'/);
  });
});

describe('monthRange is half-open and follows DST', () => {
  it.each([
    [
      '2025-03',
      'America/Los_Angeles',
      '2025-03-01T08:00:00.000Z',
      '2025-04-01T07:00:00.000Z',
      'March starts on PST, ends on PDT',
    ],
    [
      '2025-11',
      'America/Los_Angeles',
      '2025-11-01T07:00:00.000Z',
      '2025-12-01T08:00:00.000Z',
      'November starts on PDT, ends on PST',
    ],
    [
      '2025-12',
      'America/Chicago',
      '2025-12-01T06:00:00.000Z',
      '2026-01-01T06:00:00.000Z',
      'December rolls into the next year',
    ],
    [
      '2026-04',
      'Pacific/Auckland',
      '2026-03-31T11:00:00.000Z',
      '2026-04-30T12:00:00.000Z',
      'Auckland leaves DST in April',
    ],
  ])('%s in %s = [%s, %s) (%s)', (month, zone, start, end) => {
    const range = monthRange(month, zone);
    expect(range.start.toISOString()).toBe(start);
    expect(range.end.toISOString()).toBe(end);
  });

  it('start belongs to the month and end to the next (half-open)', () => {
    const { start, end } = monthRange('2025-10', 'America/Los_Angeles');
    expect(monthOf(start, 'America/Los_Angeles')).toBe('2025-10');
    expect(monthOf(new Date(end.getTime() - 1), 'America/Los_Angeles')).toBe('2025-10');
    expect(monthOf(end, 'America/Los_Angeles')).toBe('2025-11');
  });

  it('March in Los Angeles is an hour shorter than 31 days (DST)', () => {
    const { start, end } = monthRange('2025-03', 'America/Los_Angeles');
    expect(end.getTime() - start.getTime()).toBe((31 * 24 - 1) * 3_600_000);
  });
});

describe('startOfDay: the first instant of a clinic day, across DST', () => {
  it.each([
    ['2025-03-09', 'America/New_York', '2025-03-09T05:00:00.000Z', 'the spring-forward day starts on EST'],
    ['2025-03-10', 'America/New_York', '2025-03-10T04:00:00.000Z', 'the day after starts on EDT'],
    ['2025-11-02', 'America/Los_Angeles', '2025-11-02T07:00:00.000Z', 'the fall-back day starts on PDT'],
    ['2026-01-01', 'Pacific/Honolulu', '2026-01-01T10:00:00.000Z', 'no DST in Honolulu'],
    [
      '2026-04-05',
      'Pacific/Auckland',
      '2026-04-04T11:00:00.000Z',
      'Auckland day starts on the previous UTC day',
    ],
  ])('%s in %s starts at %s (%s)', (day, zone, instant) => {
    expect(startOfDay(day, zone).toISOString()).toBe(instant);
    expect(dayOf(startOfDay(day, zone), zone)).toBe(day);
    expect(dayOf(new Date(startOfDay(day, zone).getTime() - 1), zone)).not.toBe(day);
  });
});

describe('parseMonth', () => {
  it.each(['2025-13', '2025-00', '2025-1', '25-01', '2025/01', '2025-01-01', '', ' 2025-01'])(
    'rejects %j with a message naming the format',
    (bad) => {
      expect(() => parseMonth(bad)).toThrow(
        `Invalid month '${bad}': expected YYYY-MM with a month from 01 to 12`,
      );
    },
  );

  it('parses YYYY-MM', () => {
    expect(parseMonth('2025-07')).toEqual({ year: 2025, month: 7 });
  });
});

describe('month arithmetic', () => {
  it.each([
    ['2025-11', 2, '2026-01'],
    ['2025-01', -1, '2024-12'],
    ['2025-06', 0, '2025-06'],
    ['2024-03', -15, '2022-12'],
  ])('addMonths(%s, %i) = %s', (month, count, expected) => {
    expect(addMonths(month, count)).toBe(expected);
  });

  it.each([
    ['2025-01', '2025-03', 2],
    ['2024-11', '2025-02', 3],
    ['2025-03', '2025-01', -2],
  ])('monthsBetween(%s, %s) = %i', (from, to, expected) => {
    expect(monthsBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2024-02', '2024-02-29', 'leap year'],
    ['2025-02', '2025-02-28', 'common year'],
    ['2100-02', '2100-02-28', 'century, not a leap year'],
    ['2000-02', '2000-02-29', '400-year leap year'],
    ['2025-12', '2025-12-31', 'December'],
    ['2025-04', '2025-04-30', '30-day month'],
  ])('lastDayOfMonth(%s) = %s (%s)', (month, expected) => {
    expect(lastDayOfMonth(month)).toBe(expected);
  });
});

describe('past, current and future months in the clinic zone', () => {
  // 22:00 on Oct 31 in Los Angeles; already November in New York and UTC.
  const now = new Date('2025-11-01T05:00:00Z');

  it.each([
    ['2025-10', 'America/Los_Angeles', false, true, false],
    ['2025-11', 'America/Los_Angeles', true, false, false],
    ['2025-09', 'America/Los_Angeles', false, false, true],
    ['2025-10', 'America/New_York', false, false, true],
    ['2025-11', 'America/New_York', false, true, false],
  ])('%s in %s: future %s, current %s, closed %s', (month, zone, future, current, closed) => {
    expect(isFutureMonth(month, now, zone)).toBe(future);
    expect(isCurrentMonth(month, now, zone)).toBe(current);
    expect(isClosedMonth(month, now, zone)).toBe(closed);
  });
});

describe('consent around a month end depends on the clinic zone', () => {
  const consentAt = new Date('2025-11-01T06:30:00Z'); // Oct 31 23:30 in LA, Nov 1 02:30 in New York

  it.each([
    ['America/Los_Angeles', null, 'consent at 23:30 on Oct 31 local time is within October'],
    ['America/New_York', 'after 2025-10 ended', 'the same instant is already November in New York'],
  ])('%s → skipped %s (%s)', (timeZone, skippedText, _rule) => {
    const result = billMonth(
      subsequentMonth({
        timeZone,
        countedMinutes: 40,
        consent: { obtainedAt: consentAt, costSharingExplained: true, consultationExplained: true },
      }),
      MEDICARE_2025,
    );
    if (skippedText === null) expect(result.skipped).toBeNull();
    else expect(result.skipped?.reason).toContain(skippedText);
  });

  it('rejects an unknown clinic zone in the billing input', () => {
    expect(() =>
      billMonth(subsequentMonth({ timeZone: 'Nowhere/Land', countedMinutes: 40 }), MEDICARE_2025),
    ).toThrow(/Unknown time zone/);
  });
});
