// Clinical signals shared by the registry flags and the psychiatric case-review list.
import { isPhq9Item9Positive } from '../instruments/phq9.js';
import { daysBetween, type LocalDay } from './local-day.js';
import { reducedBy, summarizeOutcome } from './outcomes.js';
import type { RegistryRules } from './rules.js';
import type { EpisodeSnapshot } from './snapshot.js';

/** Why a rule fired, and since when: the review list serves whoever has waited longest first. */
export interface Signal {
  reason: string;
  since: LocalDay;
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
export function notImprovingSignal(s: EpisodeSnapshot, asOf: LocalDay, rules: RegistryRules): Signal | null {
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
