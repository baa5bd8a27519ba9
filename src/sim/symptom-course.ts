// How a PHQ-9 or GAD-7 total moves in treatment: most patients improve, some only partly, a few not at all.
import type { MeasureCode } from './episode-plan.js';
import type { Random } from './random.js';

/**
 * remits: below 5 within about three months; responds: at least 50 % lower without remission;
 * partial: some improvement short of response; flat: no change (docs/domain/measurement-based-care.md §2).
 */
export const COURSE_SHAPES = ['remits', 'responds', 'partial', 'flat'] as const;
export type CourseShape = (typeof COURSE_SHAPES)[number];

/** PHQ-9 stays at most 24 so that item 9 can still be answered "not at all" in synthetic answers. */
export const MEASURE_MAX: Readonly<Record<MeasureCode, number>> = { 'phq-9': 24, 'gad-7': 21 };

const floorShare: Readonly<Record<Exclude<CourseShape, 'remits'>, readonly [number, number]>> = {
  responds: [0.3, 0.45],
  partial: [0.55, 0.75],
  flat: [0.85, 1.05],
};

/**
 * The score at `daysInCare` days after enrollment: an exponential approach to the shape's floor, plus noise.
 */
export function symptomCurve(
  random: Random,
  shape: CourseShape,
  baseline: number,
  measure: MeasureCode,
): (daysInCare: number) => number {
  const share = shape === 'remits' ? null : floorShare[shape];
  const floor = share
    ? Math.round(baseline * (share[0] + random.next() * (share[1] - share[0])))
    : random.int(1, 3);
  const timeConstant = random.int(18, 35);
  return (daysInCare) => {
    if (daysInCare === 0) return baseline;
    const expected = floor + (baseline - floor) * Math.exp(-daysInCare / timeConstant);
    const noisy = Math.round(expected) + random.normalInt(0, 1.5, -3, 3);
    return Math.min(MEASURE_MAX[measure], Math.max(0, noisy));
  };
}

export function baselineScore(random: Random, measure: MeasureCode): number {
  return measure === 'phq-9' ? random.normalInt(16, 4, 10, 24) : random.normalInt(14, 3, 10, 21);
}

/** One score the care manager recorded, with days counted back from the demo's today. */
export interface Measurement {
  ago: number;
  minute: number;
  instrument: MeasureCode;
  total: number;
  /** PHQ-9 item 9 (thoughts of self-harm); 0 for GAD-7. */
  item9: number;
}
