// Decides whether a CoCM month is the initial month of an episode or a subsequent one (billing.md §2.2).
import type { RulePack } from './rule-pack-schema.js';
import { compareMonths, monthsBetween, type ClinicMonth } from '../calendar/index.js';

export type MonthKind = 'initial' | 'subsequent';

export interface EpisodeFacts {
  month: ClinicMonth;
  /** first month of the current episode as the registry records it */
  episodeStartMonth: ClinicMonth;
  /** months in which the patient received any CoCM service, billed or not; months ≥ `month` are ignored */
  priorServiceMonths: readonly ClinicMonth[];
}

export type MonthClassification =
  | { kind: MonthKind; reason: string; warnings: string[] }
  | { kind: 'before_episode'; reason: string; warnings: string[] };

function latest(months: readonly ClinicMonth[]): ClinicMonth | undefined {
  return months.reduce<ClinicMonth | undefined>(
    (best, month) => (best === undefined || compareMonths(month, best) > 0 ? month : best),
    undefined,
  );
}

/** Calendar months strictly between two months: 2025-02 → 2025-09 has 6 (March–August). */
export function gapMonths(lastServiceMonth: ClinicMonth, month: ClinicMonth): number {
  return monthsBetween(lastServiceMonth, month) - 1;
}

/** Any program: a month before the episode start has nothing billable; null when the month is in the episode. */
export function beforeEpisode(
  month: ClinicMonth,
  episodeStartMonth: ClinicMonth,
): MonthClassification | null {
  if (compareMonths(month, episodeStartMonth) >= 0) return null;
  return {
    kind: 'before_episode',
    reason: `${month} is before the episode start ${episodeStartMonth}; minutes before the episode are not billable`,
    warnings: [],
  };
}

/**
 * billing.md §2.2: 99492 belongs to the first calendar month of an episode; a new episode may
 * begin only after `newEpisodeGapMonths` (6) consecutive months without CoCM service. The first
 * service month of the registry episode is its initial month (billing.md §2.2 implementation
 * note: initial month = month of the first counted minute), so a short first month billed as
 * G2214 still makes the next month a subsequent one.
 */
export function classifyCocmMonth(facts: EpisodeFacts, pack: RulePack): MonthClassification {
  const { month, episodeStartMonth } = facts;
  const required = pack.cocm.newEpisodeGapMonths;
  const before = beforeEpisode(month, episodeStartMonth);
  if (before) return before;
  const prior = facts.priorServiceMonths.filter((m) => compareMonths(m, month) < 0);
  const lastInEpisode = latest(prior.filter((m) => compareMonths(m, episodeStartMonth) >= 0));
  if (lastInEpisode !== undefined) {
    const gap = gapMonths(lastInEpisode, month);
    const warnings =
      gap >= required
        ? [
            `no CoCM service for ${gap} months (since ${lastInEpisode}): the episode has ended by rule; ` +
              `start a new episode with a new referral to bill an initial month (billing.md §2.2)`,
          ]
        : [];
    return {
      kind: 'subsequent',
      reason: `subsequent month of the episode started ${episodeStartMonth} (billing.md §2.2)`,
      warnings,
    };
  }
  const lastBefore = latest(prior);
  if (lastBefore === undefined) {
    return {
      kind: 'initial',
      reason: `initial month: first month of CoCM service in the episode started ${episodeStartMonth} (billing.md §2.2)`,
      warnings: [],
    };
  }
  const gap = gapMonths(lastBefore, month);
  if (gap >= required) {
    return {
      kind: 'initial',
      reason: `initial month: new episode after ${gap} months without CoCM service since ${lastBefore} (${required} required, billing.md §2.2)`,
      warnings: [],
    };
  }
  return {
    kind: 'subsequent',
    reason:
      `subsequent month: a new episode needs ${required} consecutive months without CoCM service, ` +
      `only ${gap} since ${lastBefore} (billing.md §2.2)`,
    warnings: [],
  };
}
