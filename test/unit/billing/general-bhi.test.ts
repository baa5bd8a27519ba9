// General BHI: 99484 at a full 20 minutes, G0323 for a psychologist's or clinical social worker's own time (billing.md §3).
import { describe, expect, it } from 'vitest';
import {
  applyPayerOverride,
  billMonth,
  MEDICARE_2025,
  MEDICARE_2026,
} from '../../../src/domain/billing/index.js';
import { billed, generalBhiMonth } from './fixtures.js';

describe.each([MEDICARE_2025, MEDICARE_2026])('$id general BHI (billing.md §3)', (pack) => {
  it.each([
    [0, 0, 'nothing', 'no minutes bill nothing'],
    [11, 0, 'nothing', '99484 has no midpoint rule: 11 (a midpoint of 20) bills nothing'],
    [19, 0, 'nothing', '99484 needs the full 20: 19 bills nothing'],
    [20, 0, '99484×1', '99484 at the full 20 minutes'],
    [240, 0, '99484×1', '99484 is once a month with no add-on'],
    [19, 19, 'nothing', 'G0323 needs the full 20 of the practitioner’s own time: 19 bills nothing'],
    [20, 20, 'G0323×1', 'G0323 at 20 minutes of a psychologist/clinical social worker’s own time'],
    [24, 19, '99484×1', '19 own + 5 staff minutes: G0323 not reached, 99484 on all 24'],
    [55, 25, 'G0323×1', 'G0323 reached: one general BHI code per month, not 99484 as well [U]'],
  ])('%i counted, %i own → %s (%s)', (countedMinutes, own, expected) => {
    const input = generalBhiMonth({
      month: `${pack.year}-10`,
      countedMinutes,
      minutesByClass: { g0323PractitionerOwn: own },
    });
    expect(billed(billMonth(input, pack))).toBe(expected);
  });
});

describe('general BHI reasons and payer variants', () => {
  it('G0323 line carries the practitioner’s own minutes and names the credentials', () => {
    const result = billMonth(
      generalBhiMonth({ countedMinutes: 55, minutesByClass: { g0323PractitionerOwn: 25 } }),
      MEDICARE_2025,
    );
    expect(result.lines[0]?.minutes).toBe(25);
    expect(result.lines[0]?.reasons[0]).toBe(
      "G0323 ×1: 25 minutes of the practitioner's own time (psychologist, clinical social worker, mental health counselor or marriage and family therapist) ≥ 20 (full 20 required, billing.md §3)",
    );
  });

  it('99484 line says why G0323 was not billed', () => {
    const result = billMonth(
      generalBhiMonth({ countedMinutes: 24, minutesByClass: { g0323PractitionerOwn: 19 } }),
      MEDICARE_2025,
    );
    expect(result.lines[0]?.reasons[1]).toMatch(
      /^G0323 not billed: 19 minutes of a practitioner's own time \(psychologist, .*\), 20 needed$/,
    );
  });

  it('below 20 minutes the month is skipped with the full-20 rule', () => {
    const result = billMonth(generalBhiMonth({ countedMinutes: 19 }), MEDICARE_2025);
    expect(result.skipped?.reason).toBe(
      'below 20 minutes: 19 counted minutes, 99484 needs the full 20 (billing.md §3)',
    );
  });

  it('a payer without G0323 bills the practitioner’s own time as 99484', () => {
    const pack = applyPayerOverride(MEDICARE_2025, {
      id: '2025-commercial-no-g0323',
      payer: 'commercial',
      generalBhi: { practitionerOwn: null },
    });
    const input = generalBhiMonth({ countedMinutes: 25, minutesByClass: { g0323PractitionerOwn: 25 } });
    expect(billed(billMonth(input, pack))).toBe('99484×1');
  });

  it('rejects own minutes above the counted minutes', () => {
    expect(() =>
      billMonth(
        generalBhiMonth({ countedMinutes: 10, minutesByClass: { g0323PractitionerOwn: 11 } }),
        MEDICARE_2025,
      ),
    ).toThrow(/cannot exceed the counted minutes/);
  });
});
