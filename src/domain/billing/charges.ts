// The practice's charge schedule: its own price per code (organization default, clinic override), not a payer's payment.
import { z } from 'zod';

/**
 * A CPT code (5 characters: 4 digits then a digit, or F/T for Category II/III) or a HCPCS Level II code (a
 * letter and 4 digits, e.g. G2214). billing.md §9a: line charges are the practice's charges, per code.
 */
export const chargeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{4}[0-9FT]|[A-Z]\d{4})$/, {
    message: 'expected a CPT code (5 digits, e.g. 99492) or a HCPCS code (a letter and 4 digits, e.g. G2214)',
  });

/** A whole number of cents, so 125.5 and 125.50 are accepted and 125.505 is not. */
const hasCents = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** A price in US dollars: positive, at most 2 decimals. */
export const priceSchema = z
  .number({ message: 'expected a price in dollars, e.g. 185.00' })
  .positive('must be more than 0')
  .max(99_999.99, 'must be at most 99999.99')
  .refine(hasCents, 'use at most 2 decimals (cents)');

export const toCents = (price: number): number => Math.round(price * 100);

/** One price of the schedule; `clinicId: null` is the organization's price for every clinic. */
export interface ChargeEntry {
  code: string;
  clinicId: string | null;
  priceCents: number;
}

export interface ChargeLookup {
  priceCents: number;
  /** Where the price came from: the clinic's own override, or the organization's default. */
  source: 'clinic' | 'organization';
}

/** The practice's price for a code billed by a clinic: the clinic's override wins over the organization's. */
export function chargeFor(
  schedule: readonly ChargeEntry[],
  code: string,
  clinicId: string,
): ChargeLookup | null {
  const clinic = schedule.find((e) => e.code === code && e.clinicId === clinicId);
  if (clinic) return { priceCents: clinic.priceCents, source: 'clinic' };
  const org = schedule.find((e) => e.code === code && e.clinicId === null);
  return org ? { priceCents: org.priceCents, source: 'organization' } : null;
}

/** A line's charge: units × the price per unit (fhir.md §6: `item.net` = `unitPrice` × `quantity`, SV102). */
export const lineChargeCents = (priceCents: number, units: number): number => priceCents * units;

/** The codes among billed lines that have no price for that clinic, sorted, each once. */
export function codesWithoutCharge(
  schedule: readonly ChargeEntry[],
  lines: readonly { code: string }[],
  clinicId: string,
): string[] {
  return [...new Set(lines.map((l) => l.code))].filter((code) => !chargeFor(schedule, code, clinicId)).sort();
}
