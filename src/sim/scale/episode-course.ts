// One synthetic episode of care at scale: engagement, course of symptoms, contact cadence, case reviews
// and the discharge pattern, all in days before the simulation's today.
import type { DischargeReason, EpisodeStatus } from '../../domain/registry/episode-status.js';
import { answersForTotal, phq9Answers } from '../answers.js';
import { scheduleTouches, type Touch, type TouchKind } from '../care-touches.js';
import type { MeasureCode, PlannedContact } from '../episode-plan.js';
import type { Random } from '../random.js';
import { symptomCurve, type CourseShape } from '../symptom-course.js';
import type { DayInstants } from './day-instants.js';
import { RATES } from './scale-rates.js';

export interface Measurement {
  instrument: MeasureCode;
  answers: number[];
  at: Date;
}

export interface ScaleEpisode {
  program: 'cocm' | 'general_bhi';
  measure: MeasureCode;
  diagnoses: string[];
  shape: CourseShape;
  status: EpisodeStatus;
  referredAt: Date;
  enrolledAt: Date | null;
  consentMethod: 'verbal' | 'written' | null;
  relapsePreventionAt: Date | null;
  discharge: { at: Date; reason: DischargeReason } | null;
  /** The care manager's and (at case reviews) the consultant's logged time. */
  contacts: PlannedContact[];
  /** The primary measure at every completed patient contact (measurement-based-care.md §5). */
  measurements: Measurement[];
  /** Psychiatric case reviews with the consultant's minutes. */
  reviews: { at: Date; minutes: number }[];
  /** Days before today of the last day in care: today's episodes stay open. */
  endAgo: number;
}

export interface Referral {
  ago: number;
  minute: number;
  measure: MeasureCode;
  baseline: number;
}

const ACTIVITY: Readonly<Record<TouchKind, PlannedContact['activity']>> = {
  initial_assessment: 'initial_assessment',
  follow_up: 'follow_up',
  check_in: 'follow_up',
  outreach: 'outreach',
  coordination: 'care_coordination',
};

interface Course {
  enrollAgo: number | null;
  stepDownAgo: number | null;
  silentFromAgo: number | null;
  discharge: { ago: number; reason: DischargeReason } | null;
}

/** Engagement and discharge pattern; anything that would happen after today has not happened yet. */
function planCourse(random: Random, referralAgo: number, shape: CourseShape): Course {
  const course: Course = { enrollAgo: null, stepDownAgo: null, silentFromAgo: null, discharge: null };
  if (random.chance(RATES.declines)) {
    const ago = referralAgo - random.int(14, 28);
    if (ago >= 1) course.discharge = { ago, reason: 'declined_or_withdrew' };
    return course;
  }
  // The initial assessment within about two weeks of the referral (measurement-based-care.md §5).
  const enrollAgo = referralAgo - random.int(2, 14);
  if (enrollAgo < 1) return course;
  course.enrollAgo = enrollAgo;
  const after = (days: number) => enrollAgo - days;
  if (random.chance(RATES.lostToFollowUp)) {
    course.silentFromAgo = after(random.int(30, 90));
    course.discharge = { ago: course.silentFromAgo - random.int(21, 42), reason: 'lost_to_follow_up' };
  } else if (shape === 'remits' || shape === 'responds') {
    course.stepDownAgo = after(random.int(56, 112));
    course.discharge = { ago: course.stepDownAgo - random.int(60, 120), reason: 'completed' };
  } else {
    const roll = random.next();
    course.discharge =
      roll < RATES.specialtyReferral
        ? { ago: after(random.int(100, 180)), reason: 'referred_to_specialty' }
        : roll < RATES.specialtyReferral + RATES.moved
          ? { ago: after(random.int(30, 200)), reason: 'moved_or_changed_pcp' }
          : { ago: after(random.int(200, 300)), reason: 'other' };
  }
  if (course.stepDownAgo !== null && course.stepDownAgo < 1) course.stepDownAgo = null;
  if (course.silentFromAgo !== null && course.silentFromAgo < 1) course.silentFromAgo = null;
  if (course.discharge && course.discharge.ago < 1) course.discharge = null;
  return course;
}

function statusOf(course: Course): EpisodeStatus {
  if (course.discharge) return 'discharged';
  if (course.enrollAgo === null) return 'referred';
  return course.stepDownAgo === null ? 'active' : 'relapse_prevention';
}

/** ICD-10-CM: depression (single or recurrent, by severity), a third with generalized anxiety too. */
function diagnosesFor(random: Random, measure: MeasureCode, baseline: number): string[] {
  if (measure === 'gad-7') return ['F41.1'];
  const depression = `${random.chance(0.4) ? 'F33' : 'F32'}.${baseline >= 20 ? '2' : '1'}`;
  return random.chance(0.33) ? [depression, 'F41.1'] : [depression];
}

/** Initial review within the first month, then every 4–8 weeks until the patient responds or leaves. */
function planReviews(random: Random, course: Course, endAgo: number, shape: CourseShape) {
  if (course.enrollAgo === null) return [];
  const reviews: { ago: number; minute: number; minutes: number }[] = [];
  const stopAgo = Math.max(endAgo, (course.stepDownAgo ?? 0) + 1, (course.silentFromAgo ?? 0) + 1);
  const improving = shape === 'remits' || shape === 'responds';
  for (let ago = course.enrollAgo - random.int(7, 28); ago >= stopAgo; ago -= random.int(28, 56)) {
    reviews.push({ ago, minute: random.int(26, 32) * 30, minutes: random.int(5, 15) });
    if (improving && reviews.length >= 2) break;
  }
  return reviews;
}

function measurementOf(random: Random, measure: MeasureCode, total: number, at: Date): Measurement {
  // An occasional item-9 answer among the sicker scores, as in any real caseload.
  const item9 = measure === 'phq-9' && total >= 15 && random.chance(0.03) ? 1 : 0;
  const answers =
    measure === 'phq-9' ? phq9Answers(random, total, item9) : answersForTotal(random, 7, 3, total);
  return { instrument: measure, answers, at };
}

export function planScaleEpisode(random: Random, days: DayInstants, referral: Referral): ScaleEpisode {
  const program = random.chance(RATES.cocm) ? 'cocm' : 'general_bhi';
  const shape = random.weighted(RATES.shapes);
  const course = planCourse(random, referral.ago, shape);
  const endAgo = course.discharge?.ago ?? 1;
  const touches: Touch[] = scheduleTouches(random, {
    referralAgo: referral.ago,
    enrollAgo: course.enrollAgo,
    endAgo,
    stepDownAgo: course.stepDownAgo,
    silentFromAgo: course.silentFromAgo,
    quietFromAgo: null,
    referralAttempts: course.enrollAgo === null ? random.int(1, 3) : 0,
    closing:
      course.discharge?.reason === 'completed'
        ? 'check_in'
        : course.discharge?.reason === 'lost_to_follow_up'
          ? 'outreach'
          : null,
  });
  const curve = symptomCurve(random, shape, referral.baseline, referral.measure);
  const measurements = touches
    .filter((t) => t.measured && course.enrollAgo !== null)
    .map((t) =>
      measurementOf(random, referral.measure, curve(course.enrollAgo! - t.ago), days.at(t.ago, t.minute)),
    );
  const reviews = program === 'cocm' ? planReviews(random, course, endAgo, shape) : [];
  const initial = touches.find((t) => t.kind === 'initial_assessment');
  const enrolledAt = initial ? days.at(initial.ago, initial.minute) : null;
  const contacts: PlannedContact[] = [
    ...touches.map((t) => ({
      at: days.at(t.ago, t.minute),
      minutes: t.minutes,
      activity: ACTIVITY[t.kind],
      modality: t.modality,
      by: 'care_manager' as const,
    })),
    // At a review the care manager presents the patient and the consultant's time is logged too.
    ...reviews.flatMap((r) => [
      {
        at: days.at(r.ago, r.minute),
        minutes: random.int(5, 10),
        activity: 'case_review' as const,
        modality: 'none' as const,
        by: 'care_manager' as const,
      },
      {
        at: days.at(r.ago, r.minute),
        minutes: r.minutes,
        activity: 'case_review' as const,
        modality: 'none' as const,
        by: 'psychiatric_consultant' as const,
      },
    ]),
  ];
  return {
    program,
    measure: referral.measure,
    diagnoses: diagnosesFor(random, referral.measure, referral.baseline),
    shape,
    status: statusOf(course),
    referredAt: days.at(referral.ago, referral.minute),
    enrolledAt,
    consentMethod: enrolledAt ? (random.chance(0.65) ? 'verbal' : 'written') : null,
    relapsePreventionAt: course.stepDownAgo === null ? null : days.at(course.stepDownAgo, 17 * 60),
    discharge: course.discharge
      ? { at: days.at(course.discharge.ago, 17 * 60 + 30), reason: course.discharge.reason }
      : null,
    contacts,
    measurements,
    reviews: reviews.map((r) => ({ at: days.at(r.ago, r.minute), minutes: r.minutes })),
    endAgo,
  };
}
