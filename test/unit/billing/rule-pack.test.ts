// Rule packs as data: the Medicare packs, validation errors, payer overrides and pack selection.
import { describe, expect, it } from 'vitest';
import {
  applyPayerOverride,
  MEDICARE_2025,
  MEDICARE_2026,
  MEDICARE_PACKS,
  RulePackNotFoundError,
  selectPack,
  validatePack,
} from '../../../src/domain/billing/index.js';
import type { RulePack } from '../../../src/domain/billing/index.js';

/** A deep copy with one change, so the shipped packs are never touched. */
function mutated(change: (pack: RulePack) => void): unknown {
  const copy = structuredClone(MEDICARE_2025);
  change(copy);
  return copy;
}

describe('Medicare packs hold billing.md as data', () => {
  it.each(MEDICARE_PACKS.map((pack) => [pack.id, pack] as const))('%s passes validation', (_id, pack) => {
    expect(validatePack(pack).success).toBe(true);
  });

  it.each([
    ['initial', 'shortMonth', 'G2214', 16, 'G2214 from 16 (midpoint of 30), billing.md §2.1'],
    ['initial', 'base', '99492', 36, '99492 from 36 (midpoint of 70), billing.md §2.1'],
    ['initial', 'addOn', '99494', 86, '99494 from 86 (70 + midpoint of 30), billing.md §2.1'],
    ['subsequent', 'shortMonth', 'G2214', 16, 'G2214 from 16 (midpoint of 30), billing.md §2.1'],
    ['subsequent', 'base', '99493', 31, '99493 from 31 (midpoint of 60), billing.md §2.1'],
    ['subsequent', 'addOn', '99494', 76, '99494 from 76 (60 + midpoint of 30), billing.md §2.1'],
  ] as const)('%s %s is %s from %i (%s)', (kind, slot, code, from, _rule) => {
    for (const pack of MEDICARE_PACKS) {
      expect(pack.cocm[kind][slot]).toMatchObject({ code, fromMinutes: from });
    }
  });

  it('general BHI: 99484 and G0323 at a full 20 minutes (billing.md §3)', () => {
    expect(MEDICARE_2025.generalBhi.clinicalStaff).toEqual({
      code: '99484',
      unitMinutes: 20,
      fromMinutes: 20,
    });
    expect(MEDICARE_2025.generalBhi.practitionerOwn?.timed.fromMinutes).toBe(20);
  });

  it('CY2025 fees from billing.md §9; CY2026 fees not verified, two conversion factors', () => {
    expect(MEDICARE_2025.fees).toMatchObject({
      '99492': 145.24,
      '99493': 133.59,
      '99494': 55.96,
      '99484': 53.05,
    });
    expect(MEDICARE_2025.conversionFactor).toEqual({ standard: 32.3465, qualifyingApm: null });
    expect(Object.values(MEDICARE_2026.fees).every((fee) => fee === null)).toBe(true);
    expect(MEDICARE_2026.conversionFactor).toEqual({ standard: 33.4009, qualifyingApm: 33.5675 });
  });

  it('shipped packs are frozen, so no caller can change the baseline every payer falls back to', () => {
    expect(Object.isFrozen(MEDICARE_2025.cocm.subsequent.base)).toBe(true);
    expect(() => {
      (MEDICARE_2026.unitCaps as Record<string, number>)['99494'] = 1;
    }).toThrow(TypeError);
  });

  it('new episode after 6 months without service; last day of month as date of service', () => {
    expect(MEDICARE_2025.cocm.newEpisodeGapMonths).toBe(6);
    expect(MEDICARE_2025.dateOfService).toBe('last_day_of_month');
  });
});

describe('validatePack rejects bad thresholds with clear issue paths', () => {
  it.each([
    [
      'G2214 overlapping 99492',
      (p: RulePack) => {
        p.cocm.timeRule = 'payer_specific';
        p.cocm.initial.shortMonth = { code: 'G2214', unitMinutes: 70, fromMinutes: 36 };
      },
      'cocm.initial.shortMonth.fromMinutes',
      'G2214 (from 36) must start below 99492 (from 36); the minute ranges would overlap',
    ],
    [
      '99494 not above 99493',
      (p: RulePack) => {
        p.cocm.timeRule = 'payer_specific';
        p.cocm.subsequent.addOn = { code: '99494', unitMinutes: 30, fromMinutes: 31 };
      },
      'cocm.subsequent.addOn.fromMinutes',
      '99494 first unit (from 31) must start above 99493 (from 31); thresholds must increase',
    ],
    [
      '99492 above its own unit time',
      (p: RulePack) => {
        p.cocm.timeRule = 'payer_specific';
        p.cocm.initial.base.fromMinutes = 80;
      },
      'cocm.initial.base.fromMinutes',
      '99492 starts at 80, above its own 70-minute unit',
    ],
    [
      '99493 not at the midpoint under the midpoint rule',
      (p: RulePack) => {
        p.cocm.subsequent.base.fromMinutes = 40;
      },
      'cocm.subsequent.base.fromMinutes',
      "99493 starts at 40, but the midpoint rule gives 31 for a 60-minute unit; fix the threshold or set timeRule 'payer_specific'",
    ],
    [
      '99484 with a midpoint',
      (p: RulePack) => {
        p.generalBhi.clinicalStaff.fromMinutes = 11;
      },
      'generalBhi.clinicalStaff.fromMinutes',
      '99484 needs its full 20 minutes (billing.md §3); got 11',
    ],
    [
      'zero new-episode gap',
      (p: RulePack) => {
        p.cocm.newEpisodeGapMonths = 0;
      },
      'cocm.newEpisodeGapMonths',
      undefined,
    ],
    [
      'zero unit cap',
      (p: RulePack) => {
        p.unitCaps['99494'] = 0;
      },
      'unitCaps.99494',
      undefined,
    ],
    [
      'psychotherapy both counted and never counted',
      (p: RulePack) => {
        p.counting.careManagementActivities.push('psychotherapy');
      },
      'counting.neverCountedActivities.0',
      "'psychotherapy' is listed both as a care-management activity and as never counted",
    ],
  ])('%s → issue at %s', (_name, change, path, message) => {
    const result = validatePack(mutated(change));
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join('.') === path);
    expect(issue, JSON.stringify(result.error?.issues)).toBeDefined();
    if (message) expect(issue?.message).toBe(message);
  });

  it('rejects a misspelt key instead of ignoring it', () => {
    const result = validatePack({ ...structuredClone(MEDICARE_2025), unitCap: { '99494': 4 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/unitCap/);
  });

  it('rejects a pack that leaves out a staff role', () => {
    const result = validatePack(
      mutated((p) => {
        delete (p.counting.roles.cocm as Partial<RulePack['counting']['roles']['cocm']>).billing;
      }),
    );
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('counting.roles.cocm.billing');
  });
});

describe('applyPayerOverride', () => {
  it('Medicaid unit cap of 4 × 99494 (billing.md §2, NC Medicaid)', () => {
    const pack = applyPayerOverride(MEDICARE_2025, {
      id: '2025-medicaid-nc',
      payer: 'medicaid',
      unitCaps: { '99494': 4 },
    });
    expect(pack).toMatchObject({
      id: '2025-medicaid-nc',
      payer: 'medicaid',
      year: 2025,
      unitCaps: { '99494': 4 },
    });
    expect(pack.cocm).toEqual(MEDICARE_2025.cocm);
  });

  it('full 70/60 minutes re-derives every CoCM threshold', () => {
    const pack = applyPayerOverride(MEDICARE_2026, {
      id: 'ft',
      payer: 'commercial',
      cocm: { timeRule: 'full_time' },
    });
    expect(pack.cocm.initial).toMatchObject({
      shortMonth: { fromMinutes: 30 },
      base: { fromMinutes: 70 },
      addOn: { fromMinutes: 100 },
    });
    expect(pack.cocm.subsequent).toMatchObject({
      shortMonth: { fromMinutes: 30 },
      base: { fromMinutes: 60 },
      addOn: { fromMinutes: 90 },
    });
  });

  it('switching back to the midpoint rule re-derives 36/86 and 31/76', () => {
    const fullTime = applyPayerOverride(MEDICARE_2025, {
      id: 'ft',
      payer: 'commercial',
      cocm: { timeRule: 'full_time' },
    });
    const back = applyPayerOverride(fullTime, {
      id: 'mid',
      payer: 'commercial',
      cocm: { timeRule: 'midpoint' },
    });
    expect(back.cocm).toEqual(MEDICARE_2025.cocm);
  });

  it('an explicit threshold contradicting the new time rule fails validation', () => {
    expect(() =>
      applyPayerOverride(MEDICARE_2025, {
        id: 'bad',
        payer: 'commercial',
        cocm: { timeRule: 'full_time', subsequent: { base: { fromMinutes: 31 } } },
      }),
    ).toThrow(/the full_time rule gives 60/);
  });

  it('payer-specific thresholds are allowed when marked as such', () => {
    const pack = applyPayerOverride(MEDICARE_2025, {
      id: 'custom',
      payer: 'commercial',
      cocm: { timeRule: 'payer_specific', subsequent: { base: { fromMinutes: 40 } } },
    });
    expect(pack.cocm.subsequent.base.fromMinutes).toBe(40);
  });

  it('null removes G2214 and a cap; notes are appended; the base pack is untouched', () => {
    const before = structuredClone(MEDICARE_2025);
    const capped = applyPayerOverride(MEDICARE_2025, {
      id: 'cap',
      payer: 'medicaid',
      unitCaps: { '99494': 4 },
    });
    const pack = applyPayerOverride(capped, {
      id: 'no-g2214',
      payer: 'medicaid',
      cocm: { initial: { shortMonth: null }, subsequent: { shortMonth: null } },
      unitCaps: { '99494': null },
      notes: ['state plan does not recognise G2214'],
    });
    expect(pack.cocm.subsequent.shortMonth).toBeNull();
    expect(pack.unitCaps['99494']).toBeNull();
    expect(pack.notes.at(-1)).toBe('state plan does not recognise G2214');
    expect(pack.notes.length).toBe(MEDICARE_2025.notes.length + 1);
    expect(MEDICARE_2025).toEqual(before);
  });

  it('keeps the base year', () => {
    expect(() =>
      applyPayerOverride(MEDICARE_2025, { id: 'x', payer: 'other', year: 2026 } as Parameters<
        typeof applyPayerOverride
      >[1]),
    ).toThrow(/cannot change the year/);
  });

  it('reports a broken override at its path in the merged pack', () => {
    expect(() =>
      applyPayerOverride(MEDICARE_2025, { id: 'x', payer: 'other', cocm: { newEpisodeGapMonths: -1 } }),
    ).toThrow(/newEpisodeGapMonths/);
  });
});

describe('selectPack', () => {
  const ncMedicaid = applyPayerOverride(MEDICARE_2025, {
    id: '2025-medicaid-nc',
    payer: 'medicaid',
    unitCaps: { '99494': 4 },
  });
  const packs = [...MEDICARE_PACKS, ncMedicaid];

  it.each([
    [2025, 'medicaid', '2025-medicaid-nc', false],
    [2025, 'medicare', '2025-medicare-v1', false],
    [2026, 'medicare', '2026-medicare-v1', false],
    [2025, 'commercial', '2025-medicare-v1', true],
    [2026, 'medicaid', '2026-medicare-v1', true],
  ] as const)('%i %s → %s (fell back: %s)', (year, payer, id, fellBack) => {
    const selection = selectPack(packs, { year, payer });
    expect(selection.pack.id).toBe(id);
    expect(selection.fellBack).toBe(fellBack);
  });

  it('says when it fell back to Medicare', () => {
    expect(selectPack(packs, { year: 2025, payer: 'self_pay' }).reason).toBe(
      'no 2025 rule pack for self_pay; using the 2025 Medicare pack 2025-medicare-v1 as the baseline',
    );
  });

  it('throws only when neither the payer nor Medicare has a pack in any year', () => {
    expect(() => selectPack([ncMedicaid], { year: 2027, payer: 'commercial' })).toThrow(
      RulePackNotFoundError,
    );
  });

  it('throws when two packs claim the same year and payer', () => {
    const twin = { ...ncMedicaid, id: '2025-medicaid-other' };
    expect(() => selectPack([...packs, twin], { year: 2025, payer: 'medicaid' })).toThrow(/Ambiguous/);
  });
});
