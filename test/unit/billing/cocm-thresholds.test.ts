// Minutes → CoCM codes, every row of billing.md §2.1 with the minutes on both sides of each boundary.
import { describe, expect, it } from 'vitest';
import {
  applyPayerOverride,
  billMonth,
  MEDICARE_2025,
  MEDICARE_2026,
} from '../../../src/domain/billing/index.js';
import { billed, initialMonth, subsequentMonth, unitsOf } from './fixtures.js';

const packs = [MEDICARE_2025, MEDICARE_2026];

describe.each(packs)('$id: initial month of an episode (billing.md §2.1)', (pack) => {
  it.each([
    [0, 'nothing', 'no minutes bill nothing'],
    [15, 'nothing', '0–15 bills nothing: G2214 starts at 16 (midpoint of 30)'],
    [16, 'G2214×1', 'G2214 starts at 16 (midpoint of 30)'],
    [35, 'G2214×1', 'G2214 covers up to 35 in the initial month: 99492 needs 36 [U: derived]'],
    [36, '99492×1', '99492 starts at 36 (midpoint of 70)'],
    [85, '99492×1', '99492 alone up to 85: the add-on starts at 86'],
    [86, '99492×1 + 99494×1', '99494 first unit at 86 (70 + midpoint of 30)'],
    [115, '99492×1 + 99494×1', 'one 99494 unit up to 115'],
    [116, '99492×1 + 99494×2', 'second 99494 unit at 116 (86 + 30)'],
    [145, '99492×1 + 99494×2', 'two 99494 units up to 145'],
    [146, '99492×1 + 99494×3', 'third 99494 unit at 146, ⌈(146 − 85) / 30⌉ = 3'],
  ])('%i counted minutes → %s (%s)', (countedMinutes, expected) => {
    expect(billed(billMonth(initialMonth({ countedMinutes, month: `${pack.year}-10` }), pack))).toBe(
      expected,
    );
  });

  it('99494 units follow ⌈(m − 85) / 30⌉ for every m from 86 to 600 (billing.md §2.1 general row)', () => {
    for (let m = 86; m <= 600; m += 1) {
      const result = billMonth(initialMonth({ countedMinutes: m, month: `${pack.year}-10` }), pack);
      expect(unitsOf(result, '99494')).toBe(Math.ceil((m - 85) / 30));
    }
  });
});

describe.each(packs)('$id: subsequent months (billing.md §2.1)', (pack) => {
  it.each([
    [0, 'nothing', 'no minutes bill nothing'],
    [15, 'nothing', '0–15 bills nothing: G2214 starts at 16 (midpoint of 30)'],
    [16, 'G2214×1', 'G2214 starts at 16 (midpoint of 30)'],
    [30, 'G2214×1', 'G2214 covers up to 30: 99493 needs 31'],
    [31, '99493×1', '99493 starts at 31 (midpoint of 60)'],
    [75, '99493×1', '99493 alone up to 75: the add-on starts at 76'],
    [76, '99493×1 + 99494×1', '99494 first unit at 76 (60 + midpoint of 30)'],
    [105, '99493×1 + 99494×1', 'one 99494 unit up to 105'],
    [106, '99493×1 + 99494×2', 'second 99494 unit at 106 (76 + 30)'],
    [135, '99493×1 + 99494×2', 'two 99494 units up to 135'],
    [136, '99493×1 + 99494×3', 'third 99494 unit at 136, ⌈(136 − 75) / 30⌉ = 3'],
  ])('%i counted minutes → %s (%s)', (countedMinutes, expected) => {
    expect(billed(billMonth(subsequentMonth({ countedMinutes, month: `${pack.year}-10` }), pack))).toBe(
      expected,
    );
  });

  it('99494 units follow ⌈(m − 75) / 30⌉ for every m from 76 to 600 (billing.md §2.1 general row)', () => {
    for (let m = 76; m <= 600; m += 1) {
      const result = billMonth(subsequentMonth({ countedMinutes: m, month: `${pack.year}-10` }), pack);
      expect(unitsOf(result, '99494')).toBe(Math.ceil((m - 75) / 30));
    }
  });
});

describe('reasons a billing clerk can read (billing.md §2.1)', () => {
  it('99493 line states the minutes, the threshold, the rule and the month kind', () => {
    const [line] = billMonth(subsequentMonth({ countedMinutes: 42 }), MEDICARE_2025).lines;
    expect(line?.reasons[0]).toBe('99493 ×1: 42 counted minutes ≥ 31 (midpoint of 60), subsequent month');
    expect(line?.minutes).toBe(42);
  });

  it('99494 line states which unit threshold was passed', () => {
    const result = billMonth(subsequentMonth({ countedMinutes: 120 }), MEDICARE_2025);
    expect(result.lines[1]?.reasons[0]).toMatch(/^99494 ×2: 120 counted minutes ≥ 106 \(first unit at 76/);
  });

  it('G2214 line says why 99492 was not reached in an initial month', () => {
    const result = billMonth(initialMonth({ countedMinutes: 33 }), MEDICARE_2025);
    expect(result.lines[0]?.reasons[0]).toBe(
      'G2214 ×1: 33 counted minutes ≥ 16 (midpoint of 30), below 36 for 99492, initial month',
    );
  });

  it('a month below 16 minutes is skipped "below 16 minutes"', () => {
    const result = billMonth(subsequentMonth({ countedMinutes: 15 }), MEDICARE_2025);
    expect(result.lines).toEqual([]);
    expect(result.skipped?.reason).toContain('below 16 minutes');
    expect(result.serviceDate).toBeNull();
  });
});

describe('payer requiring the full 70/60 minutes (full_time override, billing.md §2.1 without the midpoint rule)', () => {
  const fullTime = applyPayerOverride(MEDICARE_2025, {
    id: '2025-commercial-full-time',
    payer: 'commercial',
    cocm: { timeRule: 'full_time' },
  });

  it.each([
    ['initial', 29, 'nothing', 'G2214 needs its full 30'],
    ['initial', 30, 'G2214×1', 'G2214 at the full 30'],
    ['initial', 69, 'G2214×1', '99492 needs its full 70'],
    ['initial', 70, '99492×1', '99492 at the full 70'],
    ['initial', 99, '99492×1', 'the add-on needs 70 + a full 30'],
    ['initial', 100, '99492×1 + 99494×1', '99494 first unit at 100'],
    ['initial', 130, '99492×1 + 99494×2', 'second 99494 unit at 130'],
    ['subsequent', 59, 'G2214×1', '99493 needs its full 60'],
    ['subsequent', 60, '99493×1', '99493 at the full 60'],
    ['subsequent', 89, '99493×1', 'the add-on needs 60 + a full 30'],
    ['subsequent', 90, '99493×1 + 99494×1', '99494 first unit at 90'],
  ])('%s month, %i minutes → %s (%s)', (kind, countedMinutes, expected) => {
    const input = kind === 'initial' ? initialMonth({ countedMinutes }) : subsequentMonth({ countedMinutes });
    expect(billed(billMonth(input, fullTime))).toBe(expected);
  });

  it('reasons name the full-time rule', () => {
    const result = billMonth(subsequentMonth({ countedMinutes: 60 }), fullTime);
    expect(result.lines[0]?.reasons[0]).toBe(
      '99493 ×1: 60 counted minutes ≥ 60 (full 60 minutes required by this payer), subsequent month',
    );
  });
});

describe('unit caps (billing.md §2: no CPT cap; NC Medicaid caps 99494 at 4 a month)', () => {
  const ncMedicaid = applyPayerOverride(MEDICARE_2025, {
    id: '2025-medicaid-nc',
    payer: 'medicaid',
    unitCaps: { '99494': 4 },
  });

  it.each([
    ['subsequent', 195, 4, false, '4 units reached at 166, still under the cap up to 195'],
    ['subsequent', 196, 4, true, '196 would reach a 5th unit, capped at 4'],
    ['subsequent', 600, 4, true, 'any larger month stays at 4'],
    ['initial', 205, 4, false, '4 units in the initial month up to 205'],
    ['initial', 206, 4, true, '206 would reach a 5th unit in the initial month, capped at 4'],
  ])('%s month, %i minutes → 99494 ×%i, cap reason %s (%s)', (kind, countedMinutes, units, capped) => {
    const input = kind === 'initial' ? initialMonth({ countedMinutes }) : subsequentMonth({ countedMinutes });
    const addOn = billMonth(input, ncMedicaid).lines.find((line) => line.code === '99494');
    expect(addOn?.units).toBe(units);
    expect(addOn?.reasons.some((reason) => reason.startsWith('99494 capped at 4 units'))).toBe(capped);
  });

  it('Medicare has no cap: 600 subsequent minutes bill 99494 ×18', () => {
    expect(unitsOf(billMonth(subsequentMonth({ countedMinutes: 600 }), MEDICARE_2025), '99494')).toBe(18);
  });
});
