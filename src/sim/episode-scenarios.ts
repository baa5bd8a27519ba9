// The kinds of episode a CoCM registry holds, each as timing and outcome parameters relative to today.
import type { DischargeReason } from '../domain/registry/episode-status.js';
import { monthsBetween } from '../domain/calendar/index.js';
import type { TouchSpec } from './care-touches.js';
import type { ClinicCalendar } from './clinic-days.js';
import type { Random } from './random.js';
import type { CourseShape } from './symptom-course.js';

export interface ScenarioSpec {
  touches: TouchSpec;
  shape: CourseShape;
  /** A guaranteed latest score, so the scenario shows what it is meant to show. */
  outcome: 'not_improving' | 'remission' | 'safety' | null;
  reviews: {
    enabled: boolean;
    /** No review within this many days before today; the last review's advice is still unacknowledged. */
    unacknowledgedForDays?: number;
    specialtyReferral?: boolean;
  };
  discharge: DischargeReason | null;
  minBaseline: number;
}

type Build = (random: Random, cal: ClinicCalendar) => ScenarioSpec;

const OPEN: Omit<TouchSpec, 'referralAgo' | 'enrollAgo'> = {
  endAgo: 1,
  stepDownAgo: null,
  silentFromAgo: null,
  quietFromAgo: null,
  referralAttempts: 0,
  closing: null,
};

/**
 * Referral, then the initial assessment within about two weeks (docs/domain/measurement-based-care.md §5).
 */
const enrolledAt = (random: Random, enrollAgo: number, more: Partial<TouchSpec> = {}): TouchSpec => ({
  ...OPEN,
  referralAgo: enrollAgo + random.int(2, 12),
  enrollAgo,
  ...more,
});

/**
 * About half of the patients in care respond and a third remit (as defined in
 * docs/domain/measurement-based-care.md §2); the rest improve partly or not at all.
 */
const usualShape = (random: Random): CourseShape =>
  random.weighted<CourseShape>([
    ['remits', 20],
    ['responds', 20],
    ['partial', 40],
    ['flat', 20],
  ]);

/** Stepping down needs remission or a sustained response (docs/domain/measurement-based-care.md §8). */
const improvedShape = (random: Random): CourseShape => (random.chance(0.6) ? 'remits' : 'responds');

const plain = (touches: TouchSpec, shape: CourseShape, more: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  touches,
  shape,
  outcome: null,
  reviews: { enabled: true },
  discharge: null,
  minBaseline: 10,
  ...more,
});

export const SCENARIOS = {
  /** Referred in the last days; the assessment is not booked yet. */
  awaiting_assessment: (random) => {
    const referralAgo = random.int(1, 9);
    return plain(
      { ...OPEN, referralAgo, enrollAgo: null, referralAttempts: referralAgo >= 3 ? 1 : 0 },
      'partial',
      { reviews: { enabled: false } },
    );
  },
  /**
   * A referral nobody followed up: six full months without service end it under CPT (docs/domain/billing.md
   * §2.2).
   */
  stale_referral: (random, cal) => {
    const referralAgo = cal.monthStartAgo(8) - random.int(0, 24);
    return plain(
      { ...OPEN, referralAgo, enrollAgo: null, referralAttempts: 2, quietFromAgo: referralAgo - 12 },
      'partial',
      { reviews: { enabled: false } },
    );
  },
  /** Assessed this week or last; the consultant has not reviewed the patient yet. */
  new_enrollee: (random) =>
    plain(enrolledAt(random, random.int(2, 12)), usualShape(random), { reviews: { enabled: false } }),
  /** Ordinary active treatment, with whatever course the patient takes. */
  in_treatment: (random) => plain(enrolledAt(random, random.int(21, 150)), usualShape(random)),
  /** Ten weeks and more without a 50 % drop; the last case-review advice waits for the PCP. */
  not_improving: (random) =>
    plain(enrolledAt(random, random.int(85, 140)), random.pick(['flat', 'partial'] as const), {
      outcome: 'not_improving',
      reviews: { enabled: true, unacknowledgedForDays: random.int(8, 13) },
      minBaseline: 13,
    }),
  safety_concern: (random) =>
    plain(enrolledAt(random, random.int(25, 100)), 'partial', { outcome: 'safety' }),
  /** Stopped answering five to seven weeks ago; the care manager keeps calling. */
  lost_contact: (random) =>
    plain(
      enrolledAt(random, random.int(60, 130), { silentFromAgo: random.int(34, 50) }),
      random.pick(['partial', 'flat'] as const),
    ),
  /**
   * Assessed a month or more ago, then never reached for a follow-up (the MHIP 4-week measure,
   * docs/domain/measurement-based-care.md §3).
   */
  stalled_start: (random) => {
    const enrollAgo = random.int(32, 50);
    return plain(enrolledAt(random, enrollAgo, { silentFromAgo: enrollAgo - 1 }), 'partial');
  },
  ready_to_step_down: (random) =>
    plain(enrolledAt(random, random.int(75, 150)), 'remits', { outcome: 'remission' }),
  relapse_prevention: (random) => {
    const enrollAgo = random.int(110, 240);
    const stepDownAgo = enrollAgo - random.int(70, Math.min(105, enrollAgo - 20));
    return plain(enrolledAt(random, enrollAgo, { stepDownAgo }), improvedShape(random));
  },
  /**
   * Stepped down after a response, then symptoms came back: the latest check-in scores 10 or more again
   * (the registry's relapse flag, docs/domain/measurement-based-care.md §7, §8).
   */
  relapse: (random) => {
    const enrollAgo = random.int(150, 240);
    const stepDownAgo = random.int(45, enrollAgo - 80);
    return plain(enrolledAt(random, enrollAgo, { stepDownAgo }), improvedShape(random), {
      outcome: 'not_improving',
      minBaseline: 13,
    });
  },
  completed: (random) => {
    const enrollAgo = random.int(200, 330);
    const stepDownAgo = enrollAgo - random.int(70, 100);
    const endAgo = stepDownAgo - random.int(60, 95);
    return plain(
      enrolledAt(random, enrollAgo, { stepDownAgo, endAgo, closing: 'check_in' }),
      improvedShape(random),
      { discharge: 'completed' },
    );
  },
  /** Never engaged: a few calls after the referral, then the patient said no. */
  declined: (random) => {
    const referralAgo = random.int(30, 300);
    return plain(
      {
        ...OPEN,
        referralAgo,
        enrollAgo: null,
        referralAttempts: 3,
        endAgo: referralAgo - random.int(10, 25),
        closing: 'outreach',
      },
      'partial',
      { reviews: { enabled: false }, discharge: 'declined_or_withdrew' },
    );
  },
  lost_to_follow_up: (random) => {
    const enrollAgo = random.int(120, 300);
    const silentFromAgo = enrollAgo - random.int(28, 70);
    return plain(
      enrolledAt(random, enrollAgo, { silentFromAgo, endAgo: silentFromAgo - random.int(21, 35) }),
      random.pick(['partial', 'flat'] as const),
      { discharge: 'lost_to_follow_up' },
    );
  },
  specialty_referral: (random) => {
    const enrollAgo = random.int(140, 320);
    return plain(
      enrolledAt(random, enrollAgo, { endAgo: enrollAgo - random.int(95, 120), closing: 'check_in' }),
      'flat',
      {
        reviews: { enabled: true, specialtyReferral: true },
        discharge: 'referred_to_specialty',
        minBaseline: 14,
      },
    );
  },
  moved: (random) => {
    const enrollAgo = random.int(90, 300);
    return plain(
      enrolledAt(random, enrollAgo, { endAgo: enrollAgo - random.int(35, 75), closing: 'check_in' }),
      usualShape(random),
      { discharge: 'moved_or_changed_pcp' },
    );
  },
  /** Dropped off the list after a few weeks; closed once six full months had passed without service. */
  inactive_discharge: (random, cal) => {
    const enrollAgo = random.int(325, 355);
    const quietFromAgo = enrollAgo - random.int(20, 35);
    const monthsBack = monthsBetween(cal.day(quietFromAgo).slice(0, 7), cal.today.slice(0, 7));
    const endAgo = Math.max(2, cal.monthStartAgo(monthsBack - 7) - random.int(0, 14));
    return plain(enrolledAt(random, enrollAgo, { quietFromAgo, endAgo }), 'partial', {
      discharge: 'inactive_6_months',
    });
  },
} satisfies Record<string, Build>;

export type ScenarioName = keyof typeof SCENARIOS;

/**
 * Each scenario's guaranteed count (so every status and registry flag appears) and its weight for the
 * remaining episodes, where ordinary active treatment dominates.
 */
export const SCENARIO_MIX: readonly (readonly [ScenarioName, number, number])[] = [
  ['in_treatment', 2, 30],
  ['awaiting_assessment', 1, 4],
  ['stale_referral', 1, 0],
  ['new_enrollee', 1, 4],
  ['not_improving', 1, 5],
  ['safety_concern', 1, 2],
  ['lost_contact', 1, 2],
  ['stalled_start', 1, 1],
  ['ready_to_step_down', 1, 3],
  ['relapse_prevention', 1, 12],
  ['relapse', 1, 1],
  ['completed', 1, 12],
  ['declined', 1, 3],
  ['lost_to_follow_up', 1, 4],
  ['specialty_referral', 0, 4],
  ['moved', 0, 4],
  ['inactive_discharge', 0, 3],
];

/** The guaranteed scenarios, then weighted draws up to `count`, in random order. */
export function scenarioMix(random: Random, count: number): ScenarioName[] {
  const names: ScenarioName[] = SCENARIO_MIX.flatMap(([name, min]) => Array<ScenarioName>(min).fill(name));
  const weights = SCENARIO_MIX.filter(([, , weight]) => weight > 0).map(
    ([name, , weight]) => [name, weight] as const,
  );
  while (names.length < count) names.push(random.weighted(weights));
  return shuffle(random, names).slice(0, count);
}

export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
