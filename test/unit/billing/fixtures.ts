// Shared builders for billing tests: a consented, diagnosed patient month with sensible defaults.
import type { BillingMonthInput, BillingMonthResult } from '../../../src/domain/billing/index.js';

/** A subsequent CoCM month (October 2025, episode started September) in Chicago, consent and initiating visit on file. */
export function subsequentMonth(overrides: Partial<BillingMonthInput> = {}): BillingMonthInput {
  return {
    month: '2025-10',
    program: 'cocm',
    timeZone: 'America/Chicago',
    consent: {
      obtainedAt: new Date('2025-09-03T15:00:00Z'),
      costSharingExplained: true,
      consultationExplained: true,
    },
    initiatingVisit: { date: '2025-08-20', type: 'em', byBillingPractitioner: true },
    diagnoses: ['F33.1'],
    countedMinutes: 0,
    priorServiceMonths: ['2025-09'],
    episodeStartMonth: '2025-09',
    ...overrides,
  };
}

/** The first month of a new episode (October 2025, no earlier CoCM service). */
export function initialMonth(overrides: Partial<BillingMonthInput> = {}): BillingMonthInput {
  return subsequentMonth({ priorServiceMonths: [], episodeStartMonth: '2025-10', ...overrides });
}

/** A general BHI month (October 2025). */
export function generalBhiMonth(overrides: Partial<BillingMonthInput> = {}): BillingMonthInput {
  return subsequentMonth({ program: 'general_bhi', ...overrides });
}

/** Compact "99493×1 + 99494×2" (or "nothing") so tables read like billing.md §2.1. */
export function billed(result: BillingMonthResult): string {
  return result.lines.length === 0 ? 'nothing' : result.lines.map((l) => `${l.code}×${l.units}`).join(' + ');
}

/** Total units of a month's lines (one family per month, so this is the family total). */
export function totalUnits(result: BillingMonthResult): number {
  return result.lines.reduce((sum, line) => sum + line.units, 0);
}

export function unitsOf(result: BillingMonthResult, code: string): number {
  return result.lines.find((line) => line.code === code)?.units ?? 0;
}
