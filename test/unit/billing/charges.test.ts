// The practice's charge schedule: clinic override vs organization default vs missing, line charges, code and price formats.
import { describe, expect, it } from 'vitest';
import {
  chargeCodeSchema,
  chargeFor,
  codesWithoutCharge,
  lineChargeCents,
  priceSchema,
  type ChargeEntry,
} from '../../../src/domain/billing/charges.js';

const CLINIC_A = '00000000-0000-4000-8000-00000000000a';
const CLINIC_B = '00000000-0000-4000-8000-00000000000b';

const SCHEDULE: ChargeEntry[] = [
  { code: '99492', clinicId: null, priceCents: 18_000 },
  { code: '99492', clinicId: CLINIC_A, priceCents: 20_000 },
  { code: '99493', clinicId: null, priceCents: 16_000 },
  { code: '99494', clinicId: CLINIC_B, priceCents: 7_000 },
];

describe('chargeFor', () => {
  it.each([
    [
      'a clinic override wins over the organization price',
      '99492',
      CLINIC_A,
      { priceCents: 20_000, source: 'clinic' },
    ],
    [
      'another clinic falls back to the organization price',
      '99492',
      CLINIC_B,
      { priceCents: 18_000, source: 'organization' },
    ],
    [
      'the organization price applies where no clinic overrides it',
      '99493',
      CLINIC_A,
      { priceCents: 16_000, source: 'organization' },
    ],
    [
      'a clinic-only price applies to that clinic',
      '99494',
      CLINIC_B,
      { priceCents: 7_000, source: 'clinic' },
    ],
    ['a clinic-only price does not reach other clinics: missing', '99494', CLINIC_A, null],
    ['a code with no price anywhere is missing', 'G2214', CLINIC_A, null],
  ])('%s (%s at clinic %s)', (_rule, code, clinicId, expected) => {
    expect(chargeFor(SCHEDULE, code, clinicId)).toEqual(expected);
  });

  it('lists the billed codes without a price for the clinic, each once and sorted', () => {
    const lines = [{ code: 'G2214' }, { code: '99494' }, { code: '99492' }, { code: 'G2214' }];
    expect(codesWithoutCharge(SCHEDULE, lines, CLINIC_A)).toEqual(['99494', 'G2214']);
    expect(codesWithoutCharge(SCHEDULE, lines, CLINIC_B)).toEqual(['G2214']);
  });
});

describe('line charge', () => {
  it.each([
    ['one unit is the price (fhir.md §6: net = unitPrice × quantity)', 18_000, 1, 18_000],
    ['add-on units multiply the price (99494 ×3)', 7_000, 3, 21_000],
  ])('%s', (_rule, price, units, expected) => {
    expect(lineChargeCents(price, units)).toBe(expected);
  });
});

describe('schedule formats', () => {
  it.each([
    ['99492', '99492', 'CPT: five digits'],
    ['g2214', 'G2214', 'HCPCS Level II: a letter and four digits, upper-cased'],
    [' 0521F ', '0521F', 'CPT Category II ends in F, trimmed'],
    ['0591T', '0591T', 'CPT Category III ends in T'],
    ['9949', null, 'four digits is too short'],
    ['994921', null, 'six digits is too long'],
    ['G22A4', null, 'a HCPCS code has four digits after the letter'],
    ['9949X', null, 'a CPT code ends in a digit, F or T'],
  ])('code %j → %j (%s)', (input, expected, _rule) => {
    const parsed = chargeCodeSchema.safeParse(input);
    expect(parsed.success ? parsed.data : null).toBe(expected);
  });

  it.each([
    [185, true, 'whole dollars'],
    [185.5, true, 'one decimal'],
    [0.01, true, 'one cent is positive'],
    [55.96, true, 'two decimals that binary floats cannot hold exactly'],
    [0, false, 'zero is not a charge (billing.md §9a: never 0.00 for a billed service)'],
    [-10, false, 'negative'],
    [185.505, false, 'more than 2 decimals'],
    [100_000, false, 'beyond 99999.99'],
  ])('price %s accepted=%s (%s)', (price, ok, _rule) => {
    expect(priceSchema.safeParse(price).success).toBe(ok);
  });
});
