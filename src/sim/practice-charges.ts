// The simulated practice's own (invented) price per code, so closed demo and scale months export with charges.
import { toCents } from '../domain/billing/charges.js';

/**
 * A practice's charge is its own list price, usually above what payers allow, not a Medicare amount
 * (billing.md §9a); these are invented round figures for fake organizations.
 */
const PRICES: readonly { code: string; price: number }[] = [
  { code: '99492', price: 190 },
  { code: '99493', price: 170 },
  { code: '99494', price: 75 },
  { code: 'G2214', price: 65 },
  { code: '99484', price: 70 },
  { code: 'G0323', price: 70 },
];

/** The organization-wide charge schedule rows of a simulated organization. */
export const simulatedCharges = (orgId: string, adminId: string) =>
  PRICES.map((c) => ({
    org_id: orgId,
    clinic_id: null,
    code: c.code,
    price_cents: toCents(c.price),
    updated_by: adminId,
  }));
