// Treat-to-target outcome arithmetic for one episode: baseline, latest score, change, response, remission.
import { z } from 'zod';
import { daysBetween, type ClinicDay } from '../calendar/index.js';

// Instruments with published response/remission definitions: docs/domain/measurement-based-care.md §2
// (GAD-7 by analogy with PHQ-9).
export const PRIMARY_MEASURES = ['PHQ-9', 'GAD-7'] as const;
export type PrimaryMeasure = (typeof PRIMARY_MEASURES)[number];
export const primaryMeasureSchema = z.enum(PRIMARY_MEASURES);

/** The same measures as episodes store them: instrument codes. */
export const PRIMARY_MEASURE_CODES = ['phq-9', 'gad-7'] as const;
export type PrimaryMeasureCode = (typeof PRIMARY_MEASURE_CODES)[number];

/** The registry rules name measures by their display label. */
export const measureLabel = (code: PrimaryMeasureCode): PrimaryMeasure =>
  code === 'phq-9' ? 'PHQ-9' : 'GAD-7';

export interface MeasureScore {
  date: ClinicDay;
  instrument: PrimaryMeasure;
  total: number;
}

/** Response: ≥ 50 % reduction from baseline. docs/domain/measurement-based-care.md §2. */
export const RESPONSE_REDUCTION_PERCENT = 50;
/** Remission: score < 5. docs/domain/measurement-based-care.md §2. */
export const REMISSION_BELOW = 5;
/** Elevated baseline: score ≥ 10. docs/domain/measurement-based-care.md §2. */
export const ELEVATED_BASELINE_MIN = 10;
/** Baseline window, enrollment day to +14 ([P], configurable): docs/domain/measurement-based-care.md §2. */
export const BASELINE_WINDOW_DAYS = 14;

export const baselineRuleSchema = z.strictObject({
  /** Days after enrollment in which the first score is the baseline. */
  windowDays: z.int().min(0),
  /** With no score in the window: take the first later score, or report no baseline. */
  fallback: z.enum(['first_after_window', 'none']),
});
export type BaselineRule = z.infer<typeof baselineRuleSchema>;

export const DEFAULT_BASELINE_RULE: BaselineRule = {
  windowDays: BASELINE_WINDOW_DAYS,
  fallback: 'first_after_window',
};

export interface Baseline {
  score: MeasureScore;
  source: 'window' | 'after_window';
}

/** The measure's scores on or after enrollment and not after `asOf`, oldest first (stable on ties). */
export function episodeScores(
  scores: readonly MeasureScore[],
  measure: PrimaryMeasure,
  enrolledAt: ClinicDay,
  asOf: ClinicDay,
): MeasureScore[] {
  return scores
    .filter((s) => s.instrument === measure && s.date >= enrolledAt && s.date <= asOf)
    .sort((a, b) => daysBetween(b.date, a.date));
}

/** First score at or after enrollment, inside the window or (per rule) after it. Scores must be sorted. */
export function findBaseline(
  sorted: readonly MeasureScore[],
  enrolledAt: ClinicDay,
  rule: BaselineRule = DEFAULT_BASELINE_RULE,
): Baseline | null {
  const first = sorted[0];
  if (!first) return null;
  if (daysBetween(enrolledAt, first.date) <= rule.windowDays) return { score: first, source: 'window' };
  return rule.fallback === 'first_after_window' ? { score: first, source: 'after_window' } : null;
}

/**
 * Percent reduction from baseline, (baseline − latest) / baseline × 100; positive is improvement.
 * Undefined when the baseline is 0: such a patient belongs in no outcome denominator (§2).
 */
export function percentChange(baseline: number, latest: number): number | undefined {
  if (baseline === 0) return undefined;
  return ((baseline - latest) / baseline) * 100;
}

/** Whether latest is at least `percent` % below baseline; integer cross-multiplication keeps 50 % exact. */
export function reducedBy(baseline: number, latest: number, percent: number): boolean {
  return baseline > 0 && (baseline - latest) * 100 >= percent * baseline;
}

export function isResponse(baseline: number, latest: number, percent = RESPONSE_REDUCTION_PERCENT): boolean {
  return reducedBy(baseline, latest, percent);
}

export function isRemission(latest: number, below = REMISSION_BELOW): boolean {
  return latest < below;
}

/** Completed weeks since enrollment (week 0 is the enrollment week); 0 before enrollment. */
export function weeksInTreatment(enrolledAt: ClinicDay, asOf: ClinicDay): number {
  return Math.max(0, Math.floor(daysBetween(enrolledAt, asOf) / 7));
}

export interface OutcomeSummary {
  baseline: Baseline | null;
  /** The most recent score, which may be the baseline itself. */
  latest: MeasureScore | null;
  /** Scores after the baseline, oldest first; outcome judgements need at least one. */
  followUps: MeasureScore[];
  percentChange: number | undefined;
  response: boolean;
  remission: boolean;
  weeksInTreatment: number;
}

export interface OutcomeOptions {
  baseline?: BaselineRule;
  responseReductionPercent?: number;
  remissionBelow?: number;
}

export function summarizeOutcome(
  scores: readonly MeasureScore[],
  measure: PrimaryMeasure,
  enrolledAt: ClinicDay,
  asOf: ClinicDay,
  options: OutcomeOptions = {},
): OutcomeSummary {
  const sorted = episodeScores(scores, measure, enrolledAt, asOf);
  const baseline = findBaseline(sorted, enrolledAt, options.baseline);
  const latest = sorted.at(-1) ?? null;
  const followUps = baseline ? sorted.slice(sorted.indexOf(baseline.score) + 1) : [];
  const hasOutcome = baseline !== null && latest !== null && followUps.length > 0;
  return {
    baseline,
    latest,
    followUps,
    percentChange: baseline && latest ? percentChange(baseline.score.total, latest.total) : undefined,
    response: hasOutcome && isResponse(baseline.score.total, latest.total, options.responseReductionPercent),
    remission: hasOutcome && isRemission(latest.total, options.remissionBelow),
    weeksInTreatment: weeksInTreatment(enrolledAt, asOf),
  };
}
