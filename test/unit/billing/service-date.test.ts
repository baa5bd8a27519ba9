// Date of service under the pack's convention (billing.md §5).
import { describe, expect, it } from 'vitest';
import { applyPayerOverride, billMonth, MEDICARE_2025 } from '../../../src/domain/billing/index.js';
import { generalBhiMonth, subsequentMonth } from './fixtures.js';

const thresholdDate = applyPayerOverride(MEDICARE_2025, {
  id: '2025-other-threshold-date',
  payer: 'other',
  dateOfService: 'date_threshold_met',
});

const days = [
  { date: '2025-10-03', counted: 30, g0323PractitionerOwn: 0 },
  { date: '2025-10-09', counted: 20, g0323PractitionerOwn: 20 },
  { date: '2025-10-21', counted: 30, g0323PractitionerOwn: 0 },
  { date: '2025-10-28', counted: 30, g0323PractitionerOwn: 0 },
];

describe('date of service (billing.md §5)', () => {
  it('Medicare packs use the last day of the month', () => {
    const result = billMonth(subsequentMonth({ countedMinutes: 45 }), MEDICARE_2025);
    expect(result.serviceDate).toBe('2025-10-31');
    expect(result.lines[0]?.reasons.at(-1)).toBe(
      'date of service 2025-10-31: last day of the month (billing.md §5)',
    );
  });

  it.each([
    [50, '2025-10-09', '99493 reached on Oct 9 (31st minute)'],
    [80, '2025-10-21', '99494 ×1 reached on Oct 21 (76th minute), the last billed unit'],
    [110, '2025-10-28', '99494 ×2 reached on Oct 28 (106th minute)'],
  ])('date_threshold_met, %i minutes → %s (%s)', (countedMinutes, expected) => {
    let remaining = countedMinutes;
    const dailyMinutes = days
      .map((day) => {
        const counted = Math.min(day.counted, remaining);
        remaining -= counted;
        return { ...day, counted, g0323PractitionerOwn: Math.min(day.g0323PractitionerOwn, counted) };
      })
      .filter((day) => day.counted > 0);
    const own = dailyMinutes.reduce((sum, day) => sum + day.g0323PractitionerOwn, 0);
    const result = billMonth(
      subsequentMonth({ countedMinutes, dailyMinutes, minutesByClass: { g0323PractitionerOwn: own } }),
      thresholdDate,
    );
    expect(result.serviceDate).toBe(expected);
  });

  it('G0323 uses the day the billing practitioner’s own minutes reached 20', () => {
    const result = billMonth(
      generalBhiMonth({
        countedMinutes: 110,
        minutesByClass: { g0323PractitionerOwn: 20 },
        billingPractitionerCredential: 'lcsw',
        dailyMinutes: days,
      }),
      thresholdDate,
    );
    expect(result.lines[0]?.code).toBe('G0323');
    expect(result.serviceDate).toBe('2025-10-09');
  });

  it('falls back to month end without daily minutes, and says why', () => {
    const result = billMonth(subsequentMonth({ countedMinutes: 45 }), thresholdDate);
    expect(result.serviceDate).toBe('2025-10-31');
    expect(result.lines[0]?.reasons.at(-1)).toContain('no daily minutes were given');
  });

  it.each([
    [{ countedMinutes: 100 }, 'daily counted minutes add up to 110, not countedMinutes 100'],
    [
      {
        countedMinutes: 110,
        dailyMinutes: [...days, { date: '2025-11-01', counted: 0, g0323PractitionerOwn: 0 }],
      },
      '2025-11-01 is outside 2025-10',
    ],
  ])('rejects inconsistent daily minutes: %j', (overrides, message) => {
    expect(() =>
      billMonth(
        subsequentMonth({ dailyMinutes: days, minutesByClass: { g0323PractitionerOwn: 20 }, ...overrides }),
        thresholdDate,
      ),
    ).toThrow(message);
  });
});
