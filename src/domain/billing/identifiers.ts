// Billing identities as a claim needs them: NPI (with its check digit), EIN, USPS state, ZIP and postal address.
import { z } from 'zod';

/**
 * CMS, "Requirements for National Provider Identifier Check Digit": the 10th digit is the Luhn check digit
 * of the first nine, computed as if they were prefixed by the card-issuer prefix 80840 — which adds a
 * constant 24 to the Luhn sum.
 */
const NPI_PREFIX_SUM = 24;

/** The Luhn check digit of an NPI's first nine digits. */
export function npiCheckDigit(first9: string): number {
  if (!/^\d{9}$/.test(first9)) throw new RangeError('an NPI check digit needs exactly nine digits');
  let sum = NPI_PREFIX_SUM;
  // Luhn doubles every second digit from the right, starting with the rightmost of the nine.
  for (let i = 0; i < 9; i++) {
    const digit = Number(first9[8 - i]);
    const doubled = i % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

/** Appends the check digit: `withNpiCheckDigit('123456789')` is `1234567893` (the CMS worked example). */
export const withNpiCheckDigit = (first9: string): string => `${first9}${npiCheckDigit(first9)}`;

export const isValidNpi = (value: string): boolean =>
  /^\d{10}$/.test(value) && npiCheckDigit(value.slice(0, 9)) === Number(value[9]);

/** A National Provider Identifier: ten digits whose last is the Luhn check digit (individual or group). */
export const npiSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!/^\d{10}$/.test(value)) ctx.addIssue({ code: 'custom', message: 'must be a 10-digit NPI' });
    else if (!isValidNpi(value))
      ctx.addIssue({ code: 'custom', message: 'is not a valid NPI: the check digit (Luhn) does not match' });
  });

/** An IRS Employer Identification Number: nine digits, written `12-3456789` or `123456789`; stored as digits. */
export const einSchema = z
  .string()
  .trim()
  .regex(/^\d{2}-?\d{7}$/, 'must be a 9-digit EIN, e.g. 12-3456789')
  .transform((value) => value.replace('-', ''));

/**
 * USPS two-letter codes: the 50 states, DC, the territories and the armed-forces codes (USPS Publication 28,
 * Appendix B). An 837P N402 carries exactly these for a US address.
 */
// prettier-ignore
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND',
  'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
  'DC', 'AS', 'GU', 'MP', 'PR', 'VI', 'FM', 'MH', 'PW', 'AA', 'AE', 'AP',
] as const;
const STATE_SET: ReadonlySet<string> = new Set(US_STATES);

export const usStateSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine((value) => STATE_SET.has(value), 'must be a 2-letter USPS state code such as NY');

/** ZIP or ZIP+4, stored as `12345` or `12345-6789`; the 837P sends the digits only (N403). */
export const zipSchema = z
  .string()
  .trim()
  .regex(/^\d{5}(-?\d{4})?$/, 'must be a ZIP code: 5 digits or ZIP+4 (12345-6789)')
  .transform((value) => (value.length === 5 ? value : `${value.slice(0, 5)}-${value.slice(-4)}`));

/** X12 element limits (005010X222A1): N301/N302 at most 55 characters, N401 city at most 30. */
const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const postalAddressSchema = z.object({
  line1: text(55),
  line2: text(55).nullish(),
  city: text(30),
  state: usStateSchema,
  postalCode: zipSchema,
});
export type PostalAddressInput = z.input<typeof postalAddressSchema>;

export interface PostalAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  postalCode: string;
}
