// Property tests: monotone units, one line per code per month, determinism, and month containment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthOf, monthRange } from '../../../src/domain/calendar/index.js';
import {
  applyPayerOverride,
  billMonth,
  MEDICARE_2025,
  MEDICARE_2026,
} from '../../../src/domain/billing/index.js';
import type { BillingMonthInput, BillingMonthResult, RulePack } from '../../../src/domain/billing/index.js';
import { generalBhiMonth, initialMonth, subsequentMonth, totalUnits, unitsOf } from './fixtures.js';

const packs: RulePack[] = [
  MEDICARE_2025,
  applyPayerOverride(MEDICARE_2025, { id: 'nc-medicaid', payer: 'medicaid', unitCaps: { '99494': 4 } }),
  applyPayerOverride(MEDICARE_2025, {
    id: 'full-time',
    payer: 'commercial',
    cocm: { timeRule: 'full_time' },
  }),
  applyPayerOverride(MEDICARE_2025, {
    id: 'no-g2214',
    payer: 'other',
    cocm: { initial: { shortMonth: null }, subsequent: { shortMonth: null } },
  }),
];
const packArb = fc.constantFrom(...packs);
const kindArb = fc.constantFrom('initial', 'subsequent');
const minutesArb = fc.integer({ min: 0, max: 1_000 });

function cocmInput(kind: string, countedMinutes: number): BillingMonthInput {
  return kind === 'initial' ? initialMonth({ countedMinutes }) : subsequentMonth({ countedMinutes });
}

/** none < G2214 < base code: the "level" a month reached, which must never drop as minutes grow. */
function level(result: BillingMonthResult): number {
  if (result.lines.some((line) => line.code === '99492' || line.code === '99493')) return 2;
  return result.lines.length > 0 ? 1 : 0;
}

describe('more minutes never yield fewer units (per code family)', () => {
  it('CoCM: family units, 99494 units and code level are non-decreasing in minutes', () => {
    fc.assert(
      fc.property(packArb, kindArb, minutesArb, minutesArb, (pack, kind, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const less = billMonth(cocmInput(kind, low), pack);
        const more = billMonth(cocmInput(kind, high), pack);
        expect(totalUnits(more)).toBeGreaterThanOrEqual(totalUnits(less));
        expect(unitsOf(more, '99494')).toBeGreaterThanOrEqual(unitsOf(less, '99494'));
        expect(level(more)).toBeGreaterThanOrEqual(level(less));
      }),
    );
  });

  it('general BHI: units are non-decreasing in staff minutes and in the billing practitioner’s own minutes, whoever bills', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('md' as const, 'np' as const, 'lcsw' as const, 'psychologist' as const, null),
        (own, staff, extraOwn, extraStaff, credential) => {
          const bill = (o: number, s: number) =>
            billMonth(
              generalBhiMonth({
                countedMinutes: o + s,
                minutesByClass: { g0323PractitionerOwn: o },
                billingPractitionerCredential: credential,
              }),
              MEDICARE_2025,
            );
          expect(totalUnits(bill(own + extraOwn, staff + extraStaff))).toBeGreaterThanOrEqual(
            totalUnits(bill(own, staff)),
          );
        },
      ),
    );
  });
});

const inputArb: fc.Arbitrary<BillingMonthInput> = fc
  .record({
    program: fc.constantFrom('cocm', 'general_bhi'),
    kind: kindArb,
    countedMinutes: minutesArb,
    ownShare: fc.double({ min: 0, max: 1, noNaN: true }),
    consent: fc.option(
      fc.date({
        min: new Date('2024-01-01T00:00:00Z'),
        max: new Date('2026-06-30T00:00:00Z'),
        noInvalidDate: true,
      }),
    ),
    diagnoses: fc.constantFrom([], ['F33.1'], ['Z13.31'], ['F41.1', 'F10.20']),
    sameMonthCodes: fc.subarray(['99484', '99490', 'G0323', '99492', '99214', 'G0556']),
    timeZone: fc.constantFrom('America/Chicago', 'America/Los_Angeles', 'Pacific/Honolulu', 'UTC'),
  })
  .map(({ program, kind, countedMinutes, ownShare, consent, diagnoses, sameMonthCodes, timeZone }) => {
    const base = cocmInput(kind, countedMinutes);
    return {
      ...base,
      program,
      timeZone,
      diagnoses: [...diagnoses],
      sameMonthCodes,
      consent:
        consent === null
          ? null
          : { obtainedAt: consent, costSharingExplained: true, consultationExplained: true },
      minutesByClass: { g0323PractitionerOwn: Math.floor(countedMinutes * ownShare) },
    } satisfies BillingMonthInput;
  });

describe('claim shape', () => {
  it('one line per code per month, each with units ≥ 1 and reasons; skipped months have no lines', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...packs), (input, pack) => {
        const result = billMonth(input, pack);
        const codes = result.lines.map((line) => line.code);
        expect(new Set(codes).size).toBe(codes.length);
        for (const line of result.lines) {
          expect(line.units).toBeGreaterThanOrEqual(1);
          expect(line.reasons.length).toBeGreaterThan(0);
        }
        expect(result.skipped === null).toBe(result.lines.length > 0);
        expect(result.serviceDate === null).toBe(result.lines.length === 0);
      }),
    );
  });

  it('an add-on never appears without its base code (billing.md §4)', () => {
    fc.assert(
      fc.property(inputArb, packArb, (input, pack) => {
        const codes = billMonth(input, pack).lines.map((line) => line.code);
        if (codes.includes('99494'))
          expect(codes.some((code) => code === '99492' || code === '99493')).toBe(true);
      }),
    );
  });

  it('nextThreshold is exact: reached at atMinutes, not one minute earlier', () => {
    fc.assert(
      fc.property(packArb, kindArb, fc.integer({ min: 0, max: 400 }), (pack, kind, minutes) => {
        const next = billMonth(cocmInput(kind, minutes), pack).nextThreshold;
        if (next === null) return;
        expect(next.minutesNeeded).toBe(next.atMinutes - minutes);
        expect(next.minutesNeeded).toBeGreaterThan(0);
        expect(unitsOf(billMonth(cocmInput(kind, next.atMinutes), pack), next.code)).toBe(next.units);
        expect(unitsOf(billMonth(cocmInput(kind, next.atMinutes - 1), pack), next.code)).toBeLessThan(
          next.units,
        );
      }),
    );
  });
});

describe('determinism', () => {
  it('the same input gives the same output, and the input is not mutated', () => {
    fc.assert(
      fc.property(inputArb, packArb, (input, pack) => {
        const snapshot = structuredClone(input);
        const first = billMonth(input, pack);
        const second = billMonth(structuredClone(input), pack);
        expect(second).toEqual(first);
        expect(input).toEqual(snapshot);
      }),
    );
  });

  it('the 2026 pack bills CoCM minutes the same as 2025 (no threshold change found, billing.md §2.1)', () => {
    fc.assert(
      fc.property(kindArb, minutesArb, (kind, minutes) => {
        const in2025 = billMonth(cocmInput(kind, minutes), MEDICARE_2025).lines.map((l) => [l.code, l.units]);
        const input2026 = { ...cocmInput(kind, minutes), month: '2026-10' };
        if (kind === 'subsequent')
          Object.assign(input2026, { priorServiceMonths: ['2026-09'], episodeStartMonth: '2026-09' });
        else Object.assign(input2026, { episodeStartMonth: '2026-10' });
        Object.assign(input2026, {
          initiatingVisit: { date: '2026-08-20', type: 'em', byBillingPractitioner: true },
        });
        const in2026 = billMonth(input2026, MEDICARE_2026).lines.map((l) => [l.code, l.units]);
        expect(in2026).toEqual(in2025);
      }),
    );
  });
});

describe('clinic-zone months', () => {
  it('every instant lies in the half-open range of its own month', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2018-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(
          'America/Los_Angeles',
          'America/New_York',
          'America/Asuncion',
          'America/Santiago',
          'Australia/Lord_Howe',
          'Asia/Kathmandu',
          'Europe/London',
          'UTC',
        ),
        (instant, zone) => {
          const { start, end } = monthRange(monthOf(instant, zone), zone);
          expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime()).toBeLessThan(end.getTime());
          expect(monthOf(new Date(start.getTime() - 1), zone)).not.toBe(monthOf(instant, zone));
        },
      ),
    );
  });
});
