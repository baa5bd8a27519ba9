// Billing identities: NPI check digit (CMS Luhn with the 80840 prefix), EIN, USPS state, ZIP and address.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  einSchema,
  isValidNpi,
  npiCheckDigit,
  npiSchema,
  postalAddressSchema,
  usStateSchema,
  withNpiCheckDigit,
  zipSchema,
} from '../../../src/domain/billing/identifiers.js';

const reasons = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.message);

describe('NPI', () => {
  it.each([
    ['1234567893', true, 'the CMS worked example: 123456789 → check digit 3'],
    ['1245319599', true, 'another valid NPI (check digit 9)'],
    ['1000000004', true, 'mostly zeros: the 80840 prefix (constant 24) decides the check digit'],
    ['1234567890', false, 'wrong check digit (0 instead of 3)'],
    ['1234567839', false, 'two digits swapped: Luhn catches adjacent transpositions'],
    ['2234567893', false, 'one digit changed'],
    ['123456789', false, 'nine digits is too short'],
    ['12345678931', false, 'eleven digits is too long'],
    ['12345678a3', false, 'letters are not digits'],
  ])('%s valid=%s (%s)', (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });

  it.each([
    ['123456789', 3, 'CMS example'],
    ['100000001', withNpiCheckDigit('100000001').at(-1), 'withNpiCheckDigit appends npiCheckDigit'],
  ])('check digit of %s is %s (%s)', (first9, digit, _rule) => {
    expect(String(npiCheckDigit(first9))).toBe(String(digit));
    expect(isValidNpi(withNpiCheckDigit(first9))).toBe(true);
  });

  it('agrees with a plain Luhn check over 80840 + the NPI (the "constant 24" shortcut is exact)', () => {
    const luhn = (digits: string) =>
      [...digits].reverse().reduce((sum, c, i) => {
        const d = Number(c) * (i % 2 === 1 ? 2 : 1);
        return sum + (d > 9 ? d - 9 : d);
      }, 0) %
        10 ===
      0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (n) => {
        const first9 = String(n).padStart(9, '0');
        expect(luhn(`80840${withNpiCheckDigit(first9)}`)).toBe(true);
      }),
    );
  });

  it.each([
    ['1234567893', null, 'a valid NPI passes'],
    [' 1234567893 ', null, 'surrounding spaces are trimmed'],
    ['1234567890', 'is not a valid NPI: the check digit (Luhn) does not match', 'bad check digit'],
    ['12345', 'must be a 10-digit NPI', 'too short: the format rule, not the check digit'],
    ['', 'must be a 10-digit NPI', 'empty'],
  ])('schema: %j → %s (%s)', (value, reason, _rule) => {
    const result = npiSchema.safeParse(value);
    expect(reasons(result)).toEqual(reason ? [reason] : []);
  });
});

describe('EIN', () => {
  it.each([
    ['12-3456789', '123456789', 'the IRS way of writing it, stored as digits'],
    ['123456789', '123456789', 'nine digits without the hyphen'],
    ['000000101', '000000101', 'format only: prefixes are not checked against IRS campuses'],
    ['12345678', null, 'eight digits is too short'],
    ['1234567890', null, 'ten digits is too long'],
    ['123-456789', null, 'the hyphen belongs after two digits'],
    ['12-345678X', null, 'letters are not digits'],
  ])('%j → %s (%s)', (value, stored, _rule) => {
    const result = einSchema.safeParse(value);
    if (stored === null) expect(reasons(result)).toEqual(['must be a 9-digit EIN, e.g. 12-3456789']);
    else expect(result.data).toBe(stored);
  });
});

describe('USPS state', () => {
  it.each([
    ['NY', 'NY', 'a state'],
    ['az', 'AZ', 'lower case is upper-cased'],
    ['DC', 'DC', 'the District of Columbia'],
    ['PR', 'PR', 'a territory (Puerto Rico)'],
    ['AE', 'AE', 'an armed-forces code'],
    ['XX', null, 'not a USPS code'],
    ['New York', null, 'a name, not the code'],
    ['N', null, 'one letter'],
  ])('%j → %s (%s)', (value, stored, _rule) => {
    const result = usStateSchema.safeParse(value);
    if (stored === null) expect(reasons(result)).toEqual(['must be a 2-letter USPS state code such as NY']);
    else expect(result.data).toBe(stored);
  });
});

describe('ZIP', () => {
  it.each([
    ['12207', '12207', 'ZIP 5'],
    ['12207-1001', '12207-1001', 'ZIP+4 with a hyphen'],
    ['122071001', '12207-1001', 'nine digits are written as ZIP+4'],
    ['00901', '00901', 'leading zeros are kept (San Juan)'],
    ['1220', null, 'four digits'],
    ['12207-10', null, 'a short +4'],
    ['12207 1001', null, 'a space instead of the hyphen'],
    ['ABCDE', null, 'letters'],
  ])('%j → %s (%s)', (value, stored, _rule) => {
    const result = zipSchema.safeParse(value);
    if (stored === null)
      expect(reasons(result)).toEqual(['must be a ZIP code: 5 digits or ZIP+4 (12345-6789)']);
    else expect(result.data).toBe(stored);
  });
});

describe('postal address', () => {
  const good = { line1: '100 Main St', city: 'Albany', state: 'ny', postalCode: '122071001' };

  it('normalises state and ZIP, and leaves line 2 optional', () => {
    expect(postalAddressSchema.parse(good)).toEqual({ ...good, state: 'NY', postalCode: '12207-1001' });
  });

  it.each([
    [{ line1: '  ' }, 'line1', 'is required', 'line 1 cannot be blank'],
    [{ line1: 'x'.repeat(56) }, 'line1', 'must be at most 55 characters', 'X12 N301 holds 55 characters'],
    [{ city: 'x'.repeat(31) }, 'city', 'must be at most 30 characters', 'X12 N401 holds 30 characters'],
    [{ state: 'ZZ' }, 'state', 'must be a 2-letter USPS state code such as NY', 'USPS codes only'],
    [
      { postalCode: '1234' },
      'postalCode',
      'must be a ZIP code: 5 digits or ZIP+4 (12345-6789)',
      'ZIP format',
    ],
  ])('%j fails on %s: %s (%s)', (change, field, reason, _rule) => {
    const result = postalAddressSchema.safeParse({ ...good, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[field, reason]]);
  });
});
