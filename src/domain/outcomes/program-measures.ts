// Program outcome measures over episodes: which episodes count, which are excluded and why, and what each achieved.
import { z } from 'zod';
import { addDays, daysBetween, type ClinicDay } from '../calendar/index.js';
import {
  ELEVATED_BASELINE_MIN,
  REMISSION_BELOW,
  RESPONSE_REDUCTION_PERCENT,
  isRemission,
  isResponse,
} from '../registry/outcomes.js';

/**
 * The measure definitions, every figure configurable within the range the sources give
 * (measurement-based-care.md §2 and §3). The SQL read model takes these same values as parameters,
 * so the definition lives here and nowhere else.
 */
export const programMeasureRuleSchema = z
  .strictObject({
    /** Only episodes whose baseline is at least this count (mbc.md §2: "≥ 10"). */
    elevatedBaselineMin: z.int().min(1).max(27),
    /** Response: at least this % below baseline (mbc.md §2). */
    responseReductionPercent: z.int().min(1).max(100),
    /** Remission: below this score (mbc.md §2). */
    remissionBelow: z.int().min(1).max(27),
    /** The short-term outcome window in weeks since enrollment: programs report 12–16 (mbc.md §3, [P]). */
    outcomeWindowWeeks: z.strictObject({ from: z.int().min(8).max(26), to: z.int().min(8).max(26) }),
    /** Early follow-up window in weeks after the baseline (mbc.md §3: first follow-up within 4 weeks). */
    followUpWindowWeeks: z.strictObject({ from: z.int().min(0).max(12), to: z.int().min(1).max(12) }),
  })
  .refine((r) => r.outcomeWindowWeeks.from <= r.outcomeWindowWeeks.to, {
    path: ['outcomeWindowWeeks', 'to'],
    message: 'must not be before from',
  })
  .refine((r) => r.followUpWindowWeeks.from <= r.followUpWindowWeeks.to, {
    path: ['followUpWindowWeeks', 'to'],
    message: 'must not be before from',
  });
export type ProgramMeasureRule = z.infer<typeof programMeasureRuleSchema>;

export const DEFAULT_PROGRAM_MEASURE_RULE: ProgramMeasureRule = Object.freeze({
  elevatedBaselineMin: ELEVATED_BASELINE_MIN,
  responseReductionPercent: RESPONSE_REDUCTION_PERCENT,
  remissionBelow: REMISSION_BELOW,
  outcomeWindowWeeks: Object.freeze({ from: 12, to: 16 }),
  followUpWindowWeeks: Object.freeze({ from: 4, to: 8 }),
});

/** Why an episode is left out of the response/remission denominator; each is counted and shown. */
export const OUTCOME_EXCLUSIONS = [
  'no_baseline',
  'baseline_below_threshold',
  'discharged_before_window',
  'window_not_reached',
] as const;
export type OutcomeExclusion = (typeof OUTCOME_EXCLUSIONS)[number];

export const OUTCOME_EXCLUSION_LABELS: Readonly<Record<OutcomeExclusion, string>> = {
  no_baseline: 'no score of the measure since enrollment',
  baseline_below_threshold: 'baseline below the elevated threshold',
  discharged_before_window: 'discharged before the outcome window opened',
  window_not_reached: 'outcome window not reached yet',
};

/** A score on a clinic-local day; the caller converts instants with the clinic's time zone. */
export interface DayScore {
  day: ClinicDay;
  total: number;
}

export interface EpisodeMeasureInput {
  enrolledOn: ClinicDay;
  dischargedOn: ClinicDay | null;
  /** Scores of one instrument, any order; those before enrollment or after discharge/asOf are ignored. */
  scores: readonly DayScore[];
  asOf: ClinicDay;
}

export interface EpisodeMeasures {
  baseline: DayScore | null;
  /** The latest score after the baseline (up to discharge and asOf); null with no follow-up. */
  latest: DayScore | null;
  /** latest − baseline; negative is improvement. */
  change: number | null;
  outcome:
    | { included: false; exclusion: OutcomeExclusion }
    | {
        included: true;
        /** The last score in the outcome window; null: no measure in the window (counts as not met). */
        windowScore: DayScore | null;
        response: boolean;
        remission: boolean;
      };
  /** null: the follow-up window has not closed (or the episode ended before it opened); else met or not. */
  followUpInWindow: boolean | null;
  /** Days from baseline to the first score meeting response; null if not (yet) reached or not elevated. */
  daysToResponse: number | null;
}

const scoresInEpisode = (input: EpisodeMeasureInput): DayScore[] => {
  const end =
    input.dischargedOn !== null && input.dischargedOn < input.asOf ? input.dischargedOn : input.asOf;
  return input.scores
    .filter((s) => s.day >= input.enrolledOn && s.day <= end)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
};

/** The measures of one episode for one instrument; every day is a clinic-local day. */
export function measureEpisode(
  input: EpisodeMeasureInput,
  rule: ProgramMeasureRule = DEFAULT_PROGRAM_MEASURE_RULE,
): EpisodeMeasures {
  const scores = scoresInEpisode(input);
  // mbc.md §2: the first score at or after enrollment; a later first score still serves (registry rule).
  const baseline = scores[0] ?? null;
  const after = scores.slice(1);
  const latest = after.at(-1) ?? null;
  const change = baseline && latest ? latest.total - baseline.total : null;
  if (!baseline)
    return {
      baseline,
      latest,
      change,
      outcome: { included: false, exclusion: 'no_baseline' },
      followUpInWindow: null,
      daysToResponse: null,
    };

  const fuFrom = addDays(baseline.day, rule.followUpWindowWeeks.from * 7);
  const fuTo = addDays(baseline.day, rule.followUpWindowWeeks.to * 7);
  const followedUp = after.some((s) => s.day >= fuFrom && s.day <= fuTo);
  const endedBeforeFollowUp = input.dischargedOn !== null && input.dischargedOn < fuFrom;
  const followUpInWindow = followedUp ? true : input.asOf > fuTo && !endedBeforeFollowUp ? false : null;

  const elevated = baseline.total >= rule.elevatedBaselineMin;
  const responded = after.find((s) => isResponse(baseline.total, s.total, rule.responseReductionPercent));
  const daysToResponse = elevated && responded ? daysBetween(baseline.day, responded.day) : null;

  return {
    baseline,
    latest,
    change,
    outcome: judgeOutcome(input, baseline, after, elevated, rule),
    followUpInWindow,
    daysToResponse,
  };
}

function judgeOutcome(
  input: EpisodeMeasureInput,
  baseline: DayScore,
  after: readonly DayScore[],
  elevated: boolean,
  rule: ProgramMeasureRule,
): EpisodeMeasures['outcome'] {
  if (!elevated) return { included: false, exclusion: 'baseline_below_threshold' };
  const from = addDays(input.enrolledOn, rule.outcomeWindowWeeks.from * 7);
  const to = addDays(input.enrolledOn, rule.outcomeWindowWeeks.to * 7);
  const windowScore = after.filter((s) => s.day >= from && s.day <= to).at(-1) ?? null;
  // Left the program before it could be measured at 12 weeks: shown apart, not counted as a failure.
  if (input.dischargedOn !== null && input.dischargedOn < from)
    return { included: false, exclusion: 'discharged_before_window' };
  // Still inside (or before) the window with no score yet: a score may still come.
  if (!windowScore && input.asOf <= to) return { included: false, exclusion: 'window_not_reached' };
  return {
    included: true,
    windowScore,
    response:
      windowScore !== null && isResponse(baseline.total, windowScore.total, rule.responseReductionPercent),
    remission: windowScore !== null && isRemission(windowScore.total, rule.remissionBelow),
  };
}
