// How a code's first billable minute follows from its unit time: CPT midpoint rule or a payer's full-time rule.
import type { BillingCode } from './vocabulary.js';

/**
 * `midpoint`: a unit is reached once its midpoint is passed (billing.md §2.1, CPT time rule).
 * `full_time`: the payer wants the whole unit (e.g. the full 70/60 minutes).
 * `payer_specific`: thresholds follow neither rule and are taken as written in the pack.
 */
export const TIME_RULES = ['midpoint', 'full_time', 'payer_specific'] as const;
export type TimeRule = (typeof TIME_RULES)[number];

/** billing.md §2.1: "a unit of time is reached once the midpoint is passed" → 60 → 31, 70 → 36, 30 → 16. */
export function midpointMinute(unitMinutes: number): number {
  return Math.floor(unitMinutes / 2) + 1;
}

/** First billable minute of a unit under a rule; `payer_specific` has no derivation. */
export function unitThreshold(rule: Exclude<TimeRule, 'payer_specific'>, unitMinutes: number): number {
  return rule === 'midpoint' ? midpointMinute(unitMinutes) : unitMinutes;
}

/** First add-on unit: the base code's full time plus the add-on's own threshold (70 + 16 = 86, 60 + 16 = 76). */
export function addOnThreshold(
  rule: Exclude<TimeRule, 'payer_specific'>,
  baseUnitMinutes: number,
  addOnUnitMinutes: number,
): number {
  return baseUnitMinutes + unitThreshold(rule, addOnUnitMinutes);
}

/** Clerk-readable "(midpoint of 60)" style note for a base or short-month threshold. */
export function describeThreshold(rule: TimeRule, unitMinutes: number): string {
  switch (rule) {
    case 'midpoint':
      return `midpoint of ${unitMinutes}`;
    case 'full_time':
      return `full ${unitMinutes} minutes required by this payer`;
    case 'payer_specific':
      return `payer threshold for a ${unitMinutes}-minute unit`;
  }
}

/** Clerk-readable note for an add-on's first unit, e.g. "first unit at 76 = 60 + midpoint of 30". */
export function describeAddOnThreshold(
  rule: TimeRule,
  base: { code: BillingCode; unitMinutes: number },
  addOn: { unitMinutes: number; fromMinutes: number },
): string {
  const tail = `one more unit per further ${addOn.unitMinutes}`;
  switch (rule) {
    case 'midpoint':
      return `first unit at ${addOn.fromMinutes} = ${base.unitMinutes} of ${base.code} + midpoint of ${addOn.unitMinutes}; ${tail}`;
    case 'full_time':
      return `first unit at ${addOn.fromMinutes} = ${base.unitMinutes} of ${base.code} + full ${addOn.unitMinutes}; ${tail}`;
    case 'payer_specific':
      return `payer's first unit at ${addOn.fromMinutes}; ${tail}`;
  }
}
