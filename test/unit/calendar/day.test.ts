// Clinic-day arithmetic: day and month counts independent of the server zone, and instant → clinic day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  daysInMonth,
  dayOf,
  monthsBetween,
} from '../../../src/domain/calendar/index.js';
import { futureDayIssues } from '../../../src/domain/registry/future-day.js';

describe('local days', () => {
  it.each([
    ['same day', '2026-03-08', '2026-03-08', 0],
    ['across the US spring-forward weekend', '2026-03-07', '2026-03-09', 2],
    ['across a leap day', '2024-02-28', '2024-03-01', 2],
    ['backwards is negative', '2026-01-31', '2026-01-01', -30],
  ])('daysBetween: %s', (_rule, from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['February 2026', '2026-02-10', 28],
    ['February 2024 (leap year)', '2024-02-10', 29],
    ['December', '2026-12-31', 31],
  ])('daysInMonth: %s', (_rule, day, n) => {
    expect(daysInMonth(day)).toBe(n);
  });

  it.each([
    ['within a year', '2026-01', '2026-07', 6],
    ['across a year', '2025-11', '2026-02', 3],
  ])('monthsBetween: %s', (_rule, from, to, n) => {
    expect(monthsBetween(from, to)).toBe(n);
  });

  it.each([
    [
      'late evening in New York is the previous UTC day',
      '2026-03-01T04:30:00Z',
      'America/New_York',
      '2026-02-28',
    ],
    ['the same instant in UTC', '2026-03-01T04:30:00Z', 'UTC', '2026-03-01'],
    ['Honolulu, 10 hours behind', '2026-07-01T09:59:00Z', 'Pacific/Honolulu', '2026-06-30'],
  ])('dayOf: %s', (_rule, instant, zone, day) => {
    expect(dayOf(instant, zone)).toBe(day);
  });

  it.each([
    ['a non-date', () => daysBetween('2026-02-30', '2026-03-01')],
    ['a wrong shape', () => addDays('2026-3-1', 1)],
    ['an invalid instant', () => dayOf('yesterday', 'UTC')],
  ])('throws on %s', (_rule, call) => {
    expect(call).toThrow(RangeError);
  });

  it('addDays and daysBetween are inverse (property)', () => {
    const anyDay = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -1000, max: 1000 }), (day, n) => {
        expect(daysBetween(day, addDays(day, n))).toBe(n);
      }),
    );
  });
});

describe('futureDayIssues: "not in the future" is judged on the clinic’s day', () => {
  it.each([
    [
      '2026-12-03T23:30:00-05:00',
      'America/New_York',
      '2026-12-03',
      true,
      'New York’s today at 23:30 (already tomorrow in UTC)',
    ],
    [
      '2026-12-03T23:30:00-05:00',
      'America/New_York',
      '2026-12-04',
      false,
      'New York’s tomorrow, though UTC’s today',
    ],
    [
      '2026-12-04T00:30:00+13:00',
      'Pacific/Auckland',
      '2026-12-04',
      true,
      'Auckland’s today at 00:30 (still yesterday in UTC)',
    ],
    ['2026-12-04T00:30:00+13:00', 'Pacific/Auckland', '2026-12-05', false, 'Auckland’s tomorrow'],
    [
      '2026-12-31T23:59:59-10:00',
      'Pacific/Honolulu',
      '2026-12-31',
      true,
      'the last second of the year, clinic time',
    ],
    [
      '2026-12-31T23:59:59-10:00',
      'Pacific/Honolulu',
      '2027-01-01',
      false,
      'New Year’s Day in UTC, not yet in Honolulu',
    ],
    ['2026-12-03T12:00:00Z', 'UTC', '1950-07-04', true, 'a birth date long past'],
  ])('now %s in %s: %s accepted %s (%s)', (now, zone, day, accepted, _rule) => {
    const issues = futureDayIssues('birthDate', day, new Date(now), zone);
    expect(issues.length === 0).toBe(accepted);
    if (!accepted) expect(issues[0]?.field).toBe('birthDate');
  });
});
