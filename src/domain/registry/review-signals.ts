// Clinical signals shared by the registry flags and the psychiatric case-review list.
import { isPhq9Item9Positive } from '../instruments/phq9.js';
import { daysBetween, type ClinicDay } from '../calendar/index.js';
import { reducedBy, summarizeOutcome } from './outcomes.js';
import type { RegistryRules } from './rules.js';
import type { EpisodeSnapshot } from './snapshot.js';

/** Why a rule fired, and since when: the review list serves whoever has waited longest first. */
export interface Signal {
  reason: string;
  since: ClinicDay;
}

// Every function here expects the snapshot already cut to `asOf` (asOfView).

/**
 * PHQ-9 item 9, C-SSRS, ASQ or a clinician's concern: docs/domain/measurement-based-care.md §8;
 * a positive item 9 (isPhq9Item9Positive, docs/domain/instruments.md §2) always flags: the clinic's
 * threshold may only add flags, never drop one whose screen started the safety protocol.
 */
export function safetySignal(s: EpisodeSnapshot, rules: RegistryRules): Signal | null {
  const { phq9Item9, cssrs, asq, clinicianFlaggedAt } = s.safety;
  const found: Signal[] = [];
  if (
    phq9Item9 &&
    (isPhq9Item9Positive(phq9Item9.value) || phq9Item9.value >= rules.safety.phq9Item9AtLeast)
  ) {
    found.push({ reason: `PHQ-9 item 9 = ${phq9Item9.value} on ${phq9Item9.date}`, since: phq9Item9.date });
  }
  if (cssrs && rules.safety.cssrsLevels.includes(cssrs.value)) {
    found.push({ reason: `C-SSRS ${cssrs.value} risk on ${cssrs.date}`, since: cssrs.date });
  }
  if (asq && asq.value !== 'negative') {
    found.push({ reason: `ASQ ${asq.value.replaceAll('_', ' ')} on ${asq.date}`, since: asq.date });
  }
  if (clinicianFlaggedAt) {
    found.push({
      reason: `safety concern set by a clinician on ${clinicianFlaggedAt}`,
      since: clinicianFlaggedAt,
    });
  }
  if (found.length === 0) return null;
  const reason = found.map((f) => f.reason).join('; ');
  const since = found.map((f) => f.since).reduce((earliest, d) => (d < earliest ? d : earliest));
  return { reason: reason.charAt(0).toUpperCase() + reason.slice(1), since };
}

/** "25 % < 50 % target"; rounds down so a 49.9 % reduction never reads as reaching 50 %. */
export function describeShortfall(baseline: number, latest: number, targetPercent: number): string {
  const change = ((baseline - latest) / baseline) * 100;
  return change >= 0
    ? `${Math.floor(change)} % < ${targetPercent} % target`
    : `${Math.ceil(-change)} % worse, target ${targetPercent} % lower`;
}

/**
 * Active for the review period, elevated baseline, still elevated, and short of the target reduction:
 * docs/domain/measurement-based-care.md §2, §8. Judged only on a score after the baseline; with none,
 * measurement_overdue is the signal instead.
 */
export function notImprovingSignal(s: EpisodeSnapshot, asOf: ClinicDay, rules: RegistryRules): Signal | null {
  if (s.status !== 'active' || s.enrolledAt === null) return null;
  const rule = rules.notImproving;
  const days = daysBetween(s.enrolledAt, asOf);
  if (days < rule.minDaysInTreatment) return null;
  const { baseline, latest, followUps } = summarizeOutcome(s.scores, s.primaryMeasure, s.enrolledAt, asOf, {
    baseline: rules.baseline,
  });
  if (!baseline || !latest || followUps.length === 0) return null;
  const start = baseline.score.total;
  if (start < rule.elevatedBaselineMin || latest.total < rule.latestAtLeast) return null;
  if (reducedBy(start, latest.total, rule.minReductionPercent)) return null;
  return {
    reason:
      `${s.primaryMeasure} ${start} → ${latest.total} after ${days} days: ` +
      describeShortfall(start, latest.total, rule.minReductionPercent),
    since: s.enrolledAt,
  };
}

/** CPT expects psychiatric consultant review in the initial month: docs/domain/billing.md §2 (99492). */
export function unreviewedEnrolleeSignal(s: EpisodeSnapshot): Signal | null {
  if (s.enrolledAt === null || (s.status !== 'active' && s.status !== 'relapse_prevention')) return null;
  const enrolledAt = s.enrolledAt;
  if (s.caseReviews.some((r) => r.date >= enrolledAt)) return null;
  return {
    reason: `New enrollee since ${enrolledAt} has had no psychiatric case review (expected in the initial month)`,
    since: enrolledAt,
  };
}

/** A clinician's request stays open until a case review on or after the day it was made. */
export function reviewRequestSignal(s: EpisodeSnapshot): Signal | null {
  const requestedAt = s.reviewRequestedAt;
  if (requestedAt === null || s.caseReviews.some((r) => r.date >= requestedAt)) return null;
  return { reason: `Case review requested on ${requestedAt}`, since: requestedAt };
}

/**
 * Relapse in relapse prevention: a score taken since the step-down is elevated again, or no longer a
 * response (docs/domain/measurement-based-care.md §2, §7, §8). The patient goes back to the consultant.
 */
export function relapseSignal(s: EpisodeSnapshot, asOf: ClinicDay, rules: RegistryRules): Signal | null {
  const steppedDown = s.relapsePreventionAt;
  if (s.status !== 'relapse_prevention' || s.enrolledAt === null || steppedDown === null) return null;
  const rule = rules.relapse;
  const { baseline, latest, followUps } = summarizeOutcome(s.scores, s.primaryMeasure, s.enrolledAt, asOf, {
    baseline: rules.baseline,
  });
  if (!baseline || !latest || followUps.length === 0 || latest.date < steppedDown) return null;
  const start = baseline.score.total;
  const elevated = latest.total >= rule.latestAtLeast;
  const lostResponse =
    start >= rule.elevatedBaselineMin && !reducedBy(start, latest.total, rule.responseReductionPercent);
  if (!elevated && !lostResponse) return null;
  const why = [
    elevated && `≥ ${rule.latestAtLeast} again`,
    lostResponse &&
      `response lost (${describeShortfall(start, latest.total, rule.responseReductionPercent)} from baseline ${start})`,
  ].filter((w): w is string => typeof w === 'string');
  return {
    reason:
      `${s.primaryMeasure} ${latest.total} on ${latest.date}, in relapse prevention since ${steppedDown}: ` +
      why.join('; '),
    since: latest.date,
  };
}

/** Attempt days shown in a reason: all of a few, else the first and the latest ones. */
function attemptDays(days: readonly ClinicDay[]): string {
  return days.length <= 5 ? days.join(', ') : `${days[0]}, …, ${days.slice(-3).join(', ')}`;
}

/**
 * N outreach attempts or more since the last completed contact (or, with none, since referral): the team
 * tried and could not reach the patient (docs/domain/measurement-based-care.md §1, §7, §8). An attempt on
 * the day of a completed contact is not counted, as the patient was reached that day.
 */
export function unreachableSignal(s: EpisodeSnapshot, asOf: ClinicDay, rules: RegistryRules): Signal | null {
  const last = s.contacts.reduce<ClinicDay | null>((a, c) => (a === null || c.date > a ? c.date : a), null);
  const days = s.attempts
    .map((a) => a.date)
    .filter((d) => last === null || d > last)
    .sort();
  const limit = rules.unreachable.attemptsAtLeast;
  const first = days[0];
  if (first === undefined || days.length < limit) return null;
  const since =
    last === null
      ? `no completed contact since referral on ${s.referredAt}`
      : `no completed contact since ${last} (${daysBetween(last, asOf)} days)`;
  return {
    reason: `${days.length} outreach attempts without reaching the patient (${attemptDays(days)}; ≥ ${limit}); ${since}`,
    since: first,
  };
}

/**
 * An active patient last discussed at case review more than N weeks ago: weekly caseload review is a
 * required CoCM element (docs/domain/measurement-based-care.md §4, §9). A patient never reviewed since
 * enrollment is the new-enrollee signal instead.
 */
export function reviewOverdueSignal(
  s: EpisodeSnapshot,
  asOf: ClinicDay,
  rules: RegistryRules,
): Signal | null {
  const enrolledAt = s.enrolledAt;
  if (s.status !== 'active' || enrolledAt === null) return null;
  const last = s.caseReviews
    .map((r) => r.date)
    .filter((d) => d >= enrolledAt && d <= asOf)
    .reduce<ClinicDay | null>((a, d) => (a === null || d > a ? d : a), null);
  if (last === null) return null;
  const weeks = rules.reviewOverdueWeeks;
  const days = daysBetween(last, asOf);
  if (days <= weeks * 7) return null;
  return {
    reason: `Not discussed at case review since ${last}: ${days} days (> ${weeks} weeks)`,
    since: last,
  };
}
