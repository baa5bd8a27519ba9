// Years roll over by themselves: pack selection falls back to another year's pack, provisionally, and says so.
import { describe, expect, it } from 'vitest';
import {
  applyPayerOverride,
  billMonth,
  MEDICARE_2025,
  MEDICARE_2026,
  MEDICARE_PACKS,
  packWarnings,
  selectPack,
} from '../../../src/domain/billing/index.js';
import type { Payer } from '../../../src/domain/billing/index.js';
import { billed, subsequentMonth } from './fixtures.js';

const medicaid2025 = applyPayerOverride(MEDICARE_2025, {
  id: '2025-medicaid-nc',
  payer: 'medicaid',
  unitCaps: { '99494': 4 },
});
const commercial2026 = applyPayerOverride(MEDICARE_2026, {
  id: '2026-commercial-x',
  payer: 'commercial',
  unitCaps: { '99494': 2 },
});
const packs = [...MEDICARE_PACKS, medicaid2025, commercial2026];

describe('selectPack across years (issue: years roll over by themselves)', () => {
  it.each([
    [2026, 'medicare', '2026-medicare-v1', false, 'a year with its own pack is final'],
    [2026, 'self_pay', '2026-medicare-v1', false, 'the same year’s Medicare baseline is final too'],
    [
      2027,
      'medicare',
      '2026-medicare-v1',
      true,
      'a year without a pack uses the latest earlier Medicare pack',
    ],
    [2031, 'medicare', '2026-medicare-v1', true, 'several years on it is still the latest earlier pack'],
    [
      2027,
      'commercial',
      '2026-commercial-x',
      true,
      'the payer’s own pack of that latest year before Medicare’s',
    ],
    [2027, 'self_pay', '2026-medicare-v1', true, 'a payer without a pack in that year gets Medicare’s'],
    [
      2027,
      'medicaid',
      '2026-medicare-v1',
      true,
      'the latest earlier year decides first (medicaid’s own pack is of 2025)',
    ],
    [2024, 'medicare', '2025-medicare-v1', true, 'a year before every pack uses the earliest pack'],
    [2019, 'medicaid', '2025-medicaid-nc', true, 'before every pack: the earliest year, the payer’s first'],
  ] as const)('%i %s → %s (provisional: %s): %s', (year, payer, id, provisional, _rule) => {
    const selection = selectPack(packs, { year, payer: payer as Payer });
    expect(selection.pack.id).toBe(id);
    expect(selection.provisional).toBe(provisional);
    expect(selection.warning === null).toBe(!provisional);
  });

  it('the warning names the year asked and the pack and year used', () => {
    const { warning, reason } = selectPack(packs, { year: 2027, payer: 'medicare' });
    expect(warning).toEqual({
      code: 'provisional_rule_pack',
      year: 2027,
      packId: '2026-medicare-v1',
      packYear: 2026,
      message:
        'No rule pack is loaded for 2027; the latest earlier pack, 2026-medicare-v1 (2026), is used provisionally until a 2027 pack is loaded',
    });
    expect(reason).toBe(warning!.message);
    expect(selectPack(packs, { year: 2024, payer: 'medicare' }).warning!.message).toContain(
      'the earliest pack, 2025-medicare-v1 (2025)',
    );
  });

  it('packWarnings keeps one warning per year and pack, in order', () => {
    const a = selectPack(packs, { year: 2027, payer: 'medicare' }).warning;
    const b = selectPack(packs, { year: 2027, payer: 'commercial' }).warning;
    const c = selectPack(packs, { year: 2027, payer: 'self_pay' }).warning;
    expect(packWarnings([a, null, b, c, undefined]).map((w) => w.packId)).toEqual([
      '2026-commercial-x',
      '2026-medicare-v1',
    ]);
  });
});

describe('billMonth under a provisional pack', () => {
  const month2027 = subsequentMonth({
    month: '2027-01',
    consent: {
      obtainedAt: new Date('2026-11-03T15:00:00Z'),
      costSharingExplained: true,
      consultationExplained: true,
    },
    initiatingVisit: { date: '2026-11-02', type: 'em', byBillingPractitioner: true },
    priorServiceMonths: ['2026-12'],
    episodeStartMonth: '2026-11',
    countedMinutes: 40,
  });

  it('refuses another year’s pack unless selection marked it provisional', () => {
    expect(() => billMonth(month2027, MEDICARE_2026)).toThrow(/needs a 2027 pack/);
  });

  it('bills with the provisional pack and every line says it was priced provisionally', () => {
    const { pack, warning } = selectPack(packs, { year: 2027, payer: 'medicare' });
    const result = billMonth(month2027, pack, { provisional: warning });
    expect(billed(result)).toBe('99493×1');
    expect(result.rulePackId).toBe('2026-medicare-v1');
    expect(result.lines[0]!.reasons).toContain(warning!.message);
  });

  it('a warning for another pack does not unlock the year check', () => {
    const other = selectPack(packs, { year: 2027, payer: 'commercial' }).warning;
    expect(() => billMonth(month2027, MEDICARE_2026, { provisional: other })).toThrow(/needs a 2027 pack/);
  });
});

describe('payer overrides are checked before they are merged (no input reaches the merge unchecked)', () => {
  const apply = (patch: Record<string, unknown>) => () =>
    applyPayerOverride(MEDICARE_2026, { id: 'x', payer: 'commercial', ...patch } as never);

  it.each([
    ['notes a string', { notes: 'see contract' }, /notes/],
    ['notes a number', { notes: 7 }, /notes/],
    ['notes an object', { notes: { a: 1 } }, /notes/],
    ['a note not a string', { notes: ['ok', 3] }, /notes/],
    ['cocm not an object', { cocm: 'midpoint' }, /cocm/],
    ['an unknown time rule', { cocm: { timeRule: 'quarter' } }, /timeRule/],
    ['an unknown key', { discount: 3 }, /discount/],
    ['a __proto__ key', JSON.parse('{"__proto__": {"label": "x"}}') as Record<string, unknown>, /__proto__/],
  ])('%s is refused with its path', (_name, patch, message) => {
    expect(apply(patch)).toThrow(message);
  });
});
