// Turns a scenario into one dated episode plan: visits, contacts, scores, reviews, medications and notes.
import type { Activity } from '../domain/billing/vocabulary.js';
import type { EpisodeStatus } from '../domain/registry/episode-status.js';
import { answersForTotal, phq9Answers } from './answers.js';
import { scheduleTouches, type Touch, type TouchKind } from './care-touches.js';
import { planCaseReviews } from './case-review-plan.js';
import type { ClinicCalendar } from './clinic-days.js';
import type { EpisodePlan, MeasureCode, PlannedContact } from './episode-plan.js';
import { planNotes } from './episode-notes.js';
import { SCENARIOS, type ScenarioName, type ScenarioSpec } from './episode-scenarios.js';
import type { Random } from './random.js';
import { auditCAnswers, type PlannedScreening } from './routine-screenings.js';
import { baselineScore, MEASURE_MAX, symptomCurve, type Measurement } from './symptom-course.js';

export interface EpisodeSeed {
  scenario: ScenarioName;
  patientIndex: number;
  clinicKey: string;
  careManagerKey: string;
  measure: MeasureCode;
}

const ACTIVITY: Readonly<Record<TouchKind, Activity>> = {
  initial_assessment: 'initial_assessment',
  follow_up: 'follow_up',
  check_in: 'follow_up',
  outreach: 'outreach',
  coordination: 'care_coordination',
};

/** Scores at each measured contact, then the scenario's guaranteed latest score. */
function scoreTouches(
  random: Random,
  spec: ScenarioSpec,
  touches: Touch[],
  seed: EpisodeSeed,
  baseline: number,
) {
  const enrollAgo = spec.touches.enrollAgo ?? 0;
  const curve = symptomCurve(random, spec.shape, baseline, seed.measure);
  const measurements: Measurement[] = touches
    .filter((t) => t.measured)
    .map((t) => {
      const total = curve(enrollAgo - t.ago);
      // An occasional item-9 answer among the sicker scores, as in any real caseload.
      const item9 = seed.measure === 'phq-9' && total >= 15 && random.chance(0.05) ? 1 : 0;
      return { ago: t.ago, minute: t.minute, instrument: seed.measure, total, item9 };
    });
  const stepDown = measurements.find((m) => m.ago === spec.touches.stepDownAgo);
  if (stepDown)
    stepDown.total = Math.min(
      stepDown.total,
      spec.shape === 'remits' ? random.int(2, 4) : Math.floor(baseline / 2),
    );
  const latest = measurements.at(-1);
  if (!latest) return measurements;
  if (spec.outcome === 'remission') latest.total = Math.min(latest.total, random.int(1, 4));
  if (spec.outcome === 'not_improving')
    latest.total = Math.max(latest.total, 10, Math.floor(baseline / 2) + 1);
  if (spec.outcome === 'safety') {
    const item9 = random.int(1, 2);
    if (seed.measure === 'phq-9') Object.assign(latest, { total: Math.max(latest.total, 9), item9 });
    else measurements.push({ ...latest, instrument: 'phq-9', total: random.int(9, 14), item9 });
  }
  return measurements;
}

function statusOf(spec: ScenarioSpec): EpisodeStatus {
  if (spec.discharge) return 'discharged';
  if (spec.touches.enrollAgo === null) return 'referred';
  return spec.touches.stepDownAgo === null ? 'active' : 'relapse_prevention';
}

/** The referring visit: the positive screen that led the PCP to refer, with the yearly screens. */
function referralVisit(
  random: Random,
  cal: ClinicCalendar,
  seed: EpisodeSeed,
  baseline: number,
  ago: number,
) {
  const at = cal.at(ago, random.int(18, 30) * 30);
  const noisy = (score: number, max: number) =>
    Math.min(max, Math.max(10, score + random.normalInt(0, 2, -3, 3)));
  const phq9Total =
    seed.measure === 'phq-9' ? noisy(baseline, MEASURE_MAX['phq-9']) : random.normalInt(7, 3, 0, 14);
  const phq9 = phq9Answers(random, phq9Total, phq9Total >= 10 && random.chance(0.1) ? 1 : 0);
  const gad7Total =
    seed.measure === 'gad-7' ? noisy(baseline, MEASURE_MAX['gad-7']) : random.normalInt(9, 5, 0, 21);
  const by = `ma.${seed.clinicKey}`;
  const screen = (instrument: PlannedScreening['instrument'], answers: number[]): PlannedScreening => ({
    instrument,
    answers,
    administeredAt: at,
    by,
    handledAt: at,
  });
  return {
    at,
    screenings: [
      screen('phq-2', phq9.slice(0, 2)),
      screen('phq-9', phq9),
      screen('gad-7', answersForTotal(random, 7, 3, gad7Total)),
      screen('audit-c', auditCAnswers(random)),
    ],
  };
}

export function planEpisode(random: Random, cal: ClinicCalendar, seed: EpisodeSeed): EpisodePlan {
  const spec = SCENARIOS[seed.scenario](random, cal);
  const { referralAgo, enrollAgo, endAgo, stepDownAgo, silentFromAgo, quietFromAgo } = spec.touches;
  const baseline = Math.max(spec.minBaseline, baselineScore(random, seed.measure));
  const visit = referralVisit(random, cal, seed, baseline, referralAgo);
  const touches = scheduleTouches(random, spec.touches);
  const measurements = scoreTouches(random, spec, touches, seed, baseline);
  const { reviews, medications } =
    enrollAgo !== null && spec.reviews.enabled
      ? planCaseReviews(random, {
          cal,
          enrollAgo,
          endAgo,
          untilAgo: Math.max(
            endAgo,
            1,
            (stepDownAgo ?? 0) + 1,
            (quietFromAgo ?? 0) + 1,
            spec.reviews.unacknowledgedForDays ?? 0,
          ),
          silentFromAgo,
          baseline,
          measure: seed.measure,
          measurements,
          lastUnacknowledged: spec.reviews.unacknowledgedForDays !== undefined,
          specialtyReferral: spec.reviews.specialtyReferral ?? false,
        })
      : { reviews: [], medications: [] };
  const discharge = spec.discharge ? { ago: endAgo, reason: spec.discharge } : null;
  const notes = planNotes(random, {
    touches,
    measurements,
    measure: seed.measure,
    baseline,
    stepDownAgo,
    silentFromAgo,
    discharge,
  });
  const initial = touches.find((t) => t.kind === 'initial_assessment');
  const stepDownTouch = touches.find((t) => t.ago === stepDownAgo && t.kind !== 'coordination');
  const contacts: PlannedContact[] = [
    ...touches.map((t) => ({
      at: cal.at(t.ago, t.minute),
      minutes: t.minutes,
      activity: ACTIVITY[t.kind],
      modality: t.modality,
      by: 'care_manager' as const,
    })),
    // The care manager presents the patient at the consultant's review.
    ...reviews.map((r) => ({
      at: cal.at(r.ago, r.minute),
      minutes: random.int(5, 10),
      activity: 'case_review' as const,
      modality: 'none' as const,
      by: 'care_manager' as const,
    })),
  ];
  return {
    scenario: seed.scenario,
    patientIndex: seed.patientIndex,
    status: statusOf(spec),
    careManagerKey: seed.careManagerKey,
    primaryMeasure: seed.measure,
    diagnoses: diagnosesFor(random, seed.measure, baseline),
    referredAt: new Date(visit.at.getTime() + 20 * 60_000),
    routineUntil: cal.at(referralAgo, 0),
    screenings: [
      ...visit.screenings,
      ...measurements.map((m): PlannedScreening => {
        const at = cal.at(m.ago, m.minute);
        const answers =
          m.instrument === 'phq-9'
            ? phq9Answers(random, m.total, m.item9)
            : answersForTotal(random, 7, 3, m.total);
        return {
          instrument: m.instrument,
          answers,
          administeredAt: at,
          by: seed.careManagerKey,
          handledAt: at,
        };
      }),
    ],
    consent: initial
      ? { at: cal.at(initial.ago, initial.minute), method: random.chance(0.65) ? 'verbal' : 'written' }
      : null,
    contacts,
    reviews: reviews.map((r) => ({
      at: cal.at(r.ago, r.minute),
      minutes: r.minutes,
      notes: r.notes,
      recommendations: r.recommendations.map((rec) => ({
        kind: rec.kind,
        text: rec.text,
        sentAt: cal.at(r.ago, rec.sentMinute),
        acknowledgedAt: rec.ackAgo === null ? null : cal.at(rec.ackAgo, random.int(16, 36) * 30),
      })),
    })),
    medications: medications.map((m) => ({
      name: m.name,
      dose: m.dose,
      startedOn: cal.day(m.startAgo),
      stoppedOn: m.stopAgo === null ? null : cal.day(m.stopAgo),
      note: m.note,
    })),
    notes: notes.map((n) => ({
      at: cal.at(n.ago, n.minute),
      kind: n.kind,
      body: n.body,
      by: 'care_manager',
    })),
    relapsePreventionAt: stepDownTouch
      ? cal.at(stepDownTouch.ago, stepDownTouch.minute + stepDownTouch.minutes)
      : null,
    discharge: discharge ? { at: cal.at(discharge.ago, 17 * 60 + 30), reason: discharge.reason } : null,
  };
}

/** ICD-10-CM codes for the treated condition; a third of depressed patients also have generalized anxiety. */
function diagnosesFor(random: Random, measure: MeasureCode, baseline: number): string[] {
  if (measure === 'gad-7') return ['F41.1'];
  const recurrent = random.chance(0.4);
  const severity = baseline >= 20 ? '2' : '1';
  const depression = `${recurrent ? 'F33' : 'F32'}.${severity}`;
  return random.chance(0.33) ? [depression, 'F41.1'] : [depression];
}
