// Depression remission/response at 12 months (± 60 days), HEDIS/CMS159-style, as Careloop can approximate it.
import { addDays, type ClinicDay } from '../calendar/index.js';
import { isRemission, isResponse } from '../registry/outcomes.js';
import { DEFAULT_PROGRAM_MEASURE_RULE, type DayScore, type ProgramMeasureRule } from './program-measures.js';

/** CMS159 / CBE 1885: the outcome score falls 12 months ± 60 days after the index event (mbc.md §3, [V]). */
export const TWELVE_MONTH_TARGET_DAYS = 365;
export const TWELVE_MONTH_TOLERANCE_DAYS = 60;

/**
 * What the published specifications need and Careloop does not have, shown beside every figure: the
 * numbers are approximations of the measures, not submissions of them.
 */
export const TWELVE_MONTH_APPROXIMATIONS: readonly string[] = Object.freeze([
  'The index event is the episode baseline score ≥ 10, not an encounter with a depression or dysthymia diagnosis in the measurement period.',
  'The specifications’ exclusions (bipolar disorder, personality disorder, psychotic disorders, permanent nursing home residence, hospice, palliative care, death) are not applied.',
  'Scores are those recorded in Careloop; scores taken elsewhere and the age limits (12 and older) are not checked.',
  'Only episodes whose window has ended by the report day are counted (the specifications use a fixed measurement period).',
]);

export interface TwelveMonthInput {
  /** The elevated baseline (index) score; other baselines are not in this measure. */
  baseline: DayScore;
  /** The patient's scores of the instrument after the baseline, any order, discharge or not: the
   *  specifications follow the patient, not the program. */
  scores: readonly DayScore[];
  asOf: ClinicDay;
}

export type TwelveMonthResult =
  { counted: false } | { counted: true; followUp: boolean; response: boolean; remission: boolean };

/** The window's last score decides; no score in the window counts in the denominator as not met. */
export function measureTwelveMonths(
  input: TwelveMonthInput,
  rule: ProgramMeasureRule = DEFAULT_PROGRAM_MEASURE_RULE,
): TwelveMonthResult {
  if (input.baseline.total < rule.elevatedBaselineMin) return { counted: false };
  const from = addDays(input.baseline.day, TWELVE_MONTH_TARGET_DAYS - TWELVE_MONTH_TOLERANCE_DAYS);
  const to = addDays(input.baseline.day, TWELVE_MONTH_TARGET_DAYS + TWELVE_MONTH_TOLERANCE_DAYS);
  if (input.asOf <= to) return { counted: false };
  const last = input.scores
    .filter((s) => s.day >= from && s.day <= to)
    .reduce<DayScore | null>((l, s) => (l === null || s.day >= l.day ? s : l), null);
  return {
    counted: true,
    followUp: last !== null,
    response: last !== null && isResponse(input.baseline.total, last.total, rule.responseReductionPercent),
    remission: last !== null && isRemission(last.total, rule.remissionBelow),
  };
}
