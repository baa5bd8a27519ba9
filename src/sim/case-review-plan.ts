// Weekly psychiatric case review: new patients first, then those not improving or with a safety concern.
import { isPhq9Item9Positive } from '../domain/instruments/phq9.js';
import { reducedBy } from '../domain/registry/outcomes.js';
import type { ClinicCalendar } from './clinic-days.js';
import type { MeasureCode, RecommendationKind } from './episode-plan.js';
import { Regimen, type MedicationDraft, type MedicationStep } from './medication-regimen.js';
import type { Random } from './random.js';
import type { Measurement } from './symptom-course.js';

/** The consultant's weekly caseload review is on Thursdays. */
const REVIEW_WEEKDAY = 4;
/**
 * PCPs acknowledge most advice within days; a few items sit in the inbox (flag
 * recommendation_unacknowledged).
 */
const FORGOTTEN_SHARE = 0.04;

export type ReviewReason = 'initial' | 'safety' | 'not_improving' | 'responding';

export interface RecommendationDraft {
  kind: RecommendationKind;
  text: string;
  sentMinute: number;
  ackAgo: number | null;
}

export interface ReviewDraft {
  ago: number;
  minute: number;
  minutes: number;
  notes: string;
  recommendations: RecommendationDraft[];
}

export interface ReviewInput {
  cal: ClinicCalendar;
  enrollAgo: number;
  endAgo: number;
  /** The most recent day a review may fall on (before relapse prevention, discharge or a quiet spell). */
  untilAgo: number;
  silentFromAgo: number | null;
  baseline: number;
  measure: MeasureCode;
  measurements: readonly Measurement[];
  lastUnacknowledged: boolean;
  specialtyReferral: boolean;
}

const label = (measure: MeasureCode) => (measure === 'phq-9' ? 'PHQ-9' : 'GAD-7');

/**
 * The review days and why each patient came up: new and not-improving patients first
 * (docs/domain/measurement-based-care.md §1).
 */
function reviewDays(input: ReviewInput): { ago: number; reason: ReviewReason; latest: number }[] {
  const days: { ago: number; reason: ReviewReason; latest: number }[] = [];
  let checkedResponse = false;
  for (let ago = input.enrollAgo - 2; ago >= input.untilAgo; ago--) {
    if (input.cal.weekday(ago) !== REVIEW_WEEKDAY) continue;
    if (input.silentFromAgo !== null && ago <= input.silentFromAgo && days.length > 0) break;
    const lastAgo = days.at(-1)?.ago ?? null;
    const known = input.measurements.filter((m) => m.ago >= ago);
    const latest = known.filter((m) => m.instrument === input.measure).at(-1)?.total ?? input.baseline;
    const responding = reducedBy(input.baseline, latest, 50);
    const daysInCare = input.enrollAgo - ago;
    const newSafety = known.some(
      (m) => isPhq9Item9Positive(m.item9) && (lastAgo === null || m.ago < lastAgo),
    );
    const reason: ReviewReason | null =
      lastAgo === null
        ? 'initial'
        : newSafety
          ? 'safety'
          : !responding && daysInCare >= 42 && lastAgo - ago >= 14
            ? 'not_improving'
            : responding && !checkedResponse && daysInCare >= 49
              ? 'responding'
              : null;
    if (reason === null) continue;
    if (reason === 'responding') checkedResponse = true;
    days.push({ ago, reason, latest });
  }
  return days;
}

type Suggestion = { kind: RecommendationKind; text: string; step?: MedicationStep };

function suggest(
  random: Random,
  input: ReviewInput,
  regimen: Regimen,
  day: { ago: number; reason: ReviewReason; latest: number },
): Suggestion[] {
  const step = regimen.nextStep();
  const medication = (): Suggestion[] => (step ? [{ kind: 'medication_change', text: step.text, step }] : []);
  const therapy: Suggestion = {
    kind: 'therapy_change',
    text:
      input.measure === 'phq-9'
        ? 'Behavioral activation with the care manager, weekly for four weeks, then every other week.'
        : 'CBT-based anxiety skills with the care manager (worry time, relaxation, graded exposure).',
  };
  switch (day.reason) {
    case 'initial': {
      const first = step && random.chance(input.measure === 'phq-9' ? 0.65 : 0.5) ? medication() : [therapy];
      const remeasure: Suggestion = {
        kind: 'other',
        text: `Repeat the ${label(input.measure)} at every contact; bring back at week 8 if it is not 50 % lower.`,
      };
      return random.chance(0.3) ? [...first, remeasure] : first;
    }
    case 'safety':
      return [
        {
          kind: 'other',
          text: 'Complete a C-SSRS and a written safety plan; counsel on access to means; PCP visit within a week.',
        },
        ...(reducedBy(input.baseline, day.latest, 50) ? [] : medication()),
      ];
    case 'not_improving':
      if (input.specialtyReferral && input.enrollAgo - day.ago >= 70) {
        return [
          {
            kind: 'referral',
            text: 'Refer to outpatient psychiatry for diagnostic clarification; continue the current regimen until seen.',
          },
        ];
      }
      return step
        ? medication()
        : [
            {
              kind: 'therapy_change',
              text: 'Add problem-solving therapy, six sessions with the care manager.',
            },
          ];
    case 'responding':
      return random.chance(0.5)
        ? [
            {
              kind: 'other',
              text: 'Continue the current plan; move to relapse prevention once the response holds for four weeks.',
            },
          ]
        : [];
  }
}

const REASON_LABEL: Readonly<Record<ReviewReason, string>> = {
  initial: 'New patient review',
  safety: 'Safety review after a positive item 9',
  not_improving: 'Not improving',
  responding: 'Progress check',
};

export function planCaseReviews(
  random: Random,
  input: ReviewInput,
): { reviews: ReviewDraft[]; medications: MedicationDraft[] } {
  const regimen = new Regimen(random, input.measure);
  const days = reviewDays(input);
  const reviews = days.map((day, index): ReviewDraft => {
    const minute = random.int(24, 27) * 30;
    const isLast = index === days.length - 1;
    const onMedication = regimen.started;
    let suggestions = suggest(random, input, regimen, day);
    if (isLast && input.lastUnacknowledged && suggestions.length === 0) {
      suggestions = [{ kind: 'other', text: 'Schedule a PCP visit to review the treatment plan together.' }];
    }
    const recommendations = suggestions.map((s): RecommendationDraft => {
      const ackAgo = day.ago - random.int(1, 5);
      const pending = ackAgo < 1 || random.chance(FORGOTTEN_SHARE) || (isLast && input.lastUnacknowledged);
      if (!pending) s.step?.apply(Math.max(1, input.endAgo, ackAgo - random.int(0, 2)));
      return {
        kind: s.kind,
        text: s.text,
        sentMinute: minute + random.int(30, 120),
        ackAgo: pending ? null : ackAgo,
      };
    });
    const weeks = Math.floor((input.enrollAgo - day.ago) / 7);
    return {
      ago: day.ago,
      minute,
      minutes: day.reason === 'initial' ? random.int(10, 15) : random.int(5, 12),
      notes:
        `${REASON_LABEL[day.reason]}: ${label(input.measure)} ${input.baseline} at intake, ${day.latest} in week ` +
        `${weeks}.${onMedication ? '' : ' No psychotropic medication so far.'}`,
      recommendations,
    };
  });
  return { reviews, medications: regimen.rows };
}
