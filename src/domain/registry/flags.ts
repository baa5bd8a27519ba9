// Registry flags for one episode on one clinic day, each from a small rule with a specific reason.
import { isOpenStatus, type OpenEpisodeStatus } from './episode-status.js';
import {
  addDays,
  dayOfMonth,
  daysBetween,
  daysInMonth,
  monthOfDay,
  monthsBetween,
  type ClinicDay,
} from '../calendar/index.js';
import { episodeScores, reducedBy, summarizeOutcome } from './outcomes.js';
import { DEFAULT_REGISTRY_RULES, type RegistryRules } from './rules.js';
import {
  notImprovingSignal,
  relapseSignal,
  reviewOverdueSignal,
  reviewRequestSignal,
  safetySignal,
  unreachableSignal,
  unreviewedEnrolleeSignal,
} from './review-signals.js';
import { asOfView, type EpisodeSnapshot, type RegistryProgram } from './snapshot.js';

/**
 * docs/domain/measurement-based-care.md §8, plus recommendation_unacknowledged, relapse, unreachable and
 * review_overdue. Listed in urgency order; codes are stable (clients filter on them).
 */
export const FLAG_CODES = [
  'safety_risk',
  'needs_case_review',
  'not_improving',
  'relapse',
  'unreachable',
  'no_recent_contact',
  'no_follow_up_4_weeks',
  'measurement_overdue',
  'review_overdue',
  'recommendation_unacknowledged',
  'inactive_6_months',
  'ready_for_relapse_prevention',
  'minutes_at_risk',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface RegistryFlag {
  code: FlagCode;
  reason: string;
  /** The rule pack that produced the flag: docs/domain/measurement-based-care.md §8. */
  rulesVersion: string;
}

type FlagRule = (s: EpisodeSnapshot, asOf: ClinicDay, rules: RegistryRules) => string | null;

const ALL_OPEN: readonly OpenEpisodeStatus[] = ['referred', 'active', 'relapse_prevention'];
const IN_CARE: readonly OpenEpisodeStatus[] = ['active', 'relapse_prevention'];
const ACTIVE: readonly OpenEpisodeStatus[] = ['active'];
const RELAPSE_PREVENTION: readonly OpenEpisodeStatus[] = ['relapse_prevention'];
const BOTH_PROGRAMS: readonly RegistryProgram[] = ['cocm', 'general_bhi'];
const COCM: readonly RegistryProgram[] = ['cocm'];

/**
 * Where each flag makes sense. A referred patient is not in treatment yet, so only safety, a pending
 * review request or recommendation, and the CPT 6-month episode end apply. Relapse prevention has met
 * its goals, so outcome, measurement and first-follow-up rules stop; a relapse is its own flag there.
 * Psychiatric case review and the CPT episode rule exist only in CoCM (docs/domain/billing.md §1, §2.2).
 */
export const FLAG_APPLICABILITY: Readonly<
  Record<FlagCode, { statuses: readonly OpenEpisodeStatus[]; programs: readonly RegistryProgram[] }>
> = {
  safety_risk: { statuses: ALL_OPEN, programs: BOTH_PROGRAMS },
  needs_case_review: { statuses: ALL_OPEN, programs: COCM },
  not_improving: { statuses: ACTIVE, programs: BOTH_PROGRAMS },
  relapse: { statuses: RELAPSE_PREVENTION, programs: BOTH_PROGRAMS },
  unreachable: { statuses: IN_CARE, programs: BOTH_PROGRAMS },
  no_recent_contact: { statuses: IN_CARE, programs: BOTH_PROGRAMS },
  no_follow_up_4_weeks: { statuses: ACTIVE, programs: BOTH_PROGRAMS },
  measurement_overdue: { statuses: ACTIVE, programs: BOTH_PROGRAMS },
  review_overdue: { statuses: ACTIVE, programs: COCM },
  recommendation_unacknowledged: { statuses: ALL_OPEN, programs: BOTH_PROGRAMS },
  inactive_6_months: { statuses: ALL_OPEN, programs: COCM },
  ready_for_relapse_prevention: { statuses: ACTIVE, programs: BOTH_PROGRAMS },
  minutes_at_risk: { statuses: IN_CARE, programs: BOTH_PROGRAMS },
};

const safetyRisk: FlagRule = (s, _asOf, rules) => safetySignal(s, rules)?.reason ?? null;

/**
 * New enrollee not yet reviewed, not improving (or relapsing in relapse prevention), or requested:
 * docs/domain/measurement-based-care.md §8.
 */
const needsCaseReview: FlagRule = (s, asOf, rules) => {
  const notImproving = notImprovingSignal(s, asOf, rules);
  const relapse = relapseSignal(s, asOf, rules);
  const reasons = [
    unreviewedEnrolleeSignal(s)?.reason,
    notImproving && `Not improving (${notImproving.reason})`,
    relapse && `Relapse (${relapse.reason})`,
    reviewRequestSignal(s)?.reason,
  ].filter((r): r is string => typeof r === 'string');
  return reasons.length > 0 ? reasons.join('; ') : null;
};

const notImproving: FlagRule = (s, asOf, rules) => notImprovingSignal(s, asOf, rules)?.reason ?? null;

const relapse: FlagRule = (s, asOf, rules) => relapseSignal(s, asOf, rules)?.reason ?? null;

const unreachable: FlagRule = (s, asOf, rules) => unreachableSignal(s, asOf, rules)?.reason ?? null;

const reviewOverdue: FlagRule = (s, asOf, rules) => reviewOverdueSignal(s, asOf, rules)?.reason ?? null;

/** Over N days since the last completed contact or enrollment: docs/domain/measurement-based-care.md §8. */
const noRecentContact: FlagRule = (s, asOf, rules) => {
  const active = s.status === 'active';
  const limit = active ? rules.noContactDays.active : rules.noContactDays.relapsePrevention;
  const phase = active ? 'while active' : 'in relapse prevention';
  // The initial assessment is itself a contact, so outreach before enrollment never counts as later.
  const enrolledAt = s.enrolledAt ?? s.referredAt;
  const last = latestOf(s.contacts.map((c) => c.date));
  const contactAfterEnrollment = last !== null && last >= enrolledAt;
  const days = daysBetween(contactAfterEnrollment ? last : enrolledAt, asOf);
  if (days <= limit) return null;
  return contactAfterEnrollment
    ? `No contact for ${days} days (> ${limit} ${phase})`
    : `No contact since enrollment on ${enrolledAt}: ${days} days (> ${limit} ${phase})`;
};

/**
 * Enrolled at least 28 days with no follow-up after the initial assessment:
 * docs/domain/measurement-based-care.md §3, §8.
 */
const noFollowUp: FlagRule = (s, asOf, rules) => {
  const enrolledAt = s.enrolledAt;
  if (enrolledAt === null) return null;
  const days = daysBetween(enrolledAt, asOf);
  if (days < rules.followUpWithinDays) return null;
  if (s.contacts.some((c) => c.activity === 'follow_up' && c.date >= enrolledAt)) return null;
  return (
    `No follow-up contact ${days} days after the initial assessment on ${enrolledAt}` +
    ` (due within ${rules.followUpWithinDays} days)`
  );
};

/** No primary-measure score for more than N days while active: docs/domain/measurement-based-care.md §8. */
const measurementOverdue: FlagRule = (s, asOf, rules) => {
  if (s.enrolledAt === null) return null;
  const limit = rules.measurementOverdueDays;
  const last = episodeScores(s.scores, s.primaryMeasure, s.enrolledAt, asOf).at(-1)?.date ?? null;
  const days = daysBetween(last ?? s.enrolledAt, asOf);
  if (days <= limit) return null;
  return last
    ? `No ${s.primaryMeasure} for ${days} days (> ${limit} while active)`
    : `No ${s.primaryMeasure} since enrollment on ${s.enrolledAt}: ${days} days (> ${limit} while active)`;
};

/** Consultant advice the PCP has not acknowledged within N days (local rule, see rules.ts). */
const recommendationUnacknowledged: FlagRule = (s, asOf, rules) => {
  const limit = rules.recommendationAckDays;
  const overdue = s.recommendations
    .filter((r) => r.acknowledgedAt === null && daysBetween(r.sentAt, asOf) > limit)
    .map((r) => r.sentAt)
    .sort();
  const oldest = overdue[0];
  if (oldest === undefined) return null;
  const days = daysBetween(oldest, asOf);
  return overdue.length === 1
    ? `Case-review recommendation sent ${oldest} not acknowledged by the PCP after ${days} days (> ${limit})`
    : `${overdue.length} case-review recommendations not acknowledged by the PCP; oldest sent ${oldest},` +
        ` ${days} days ago (> ${limit})`;
};

/**
 * N full calendar months without CoCM service end the episode under CPT: docs/domain/billing.md §2.2.
 * The current month is still open, so it never counts as a month without service.
 */
const inactiveMonths: FlagRule = (s, asOf, rules) => {
  const referralMonth = monthOfDay(s.referredAt);
  const lastService = latestOf(s.serviceMonths);
  const served = lastService !== null && lastService >= referralMonth;
  const anchor = served ? lastService : referralMonth;
  const emptyMonths = monthsBetween(anchor, monthOfDay(asOf)) - 1;
  if (emptyMonths < rules.inactiveMonths) return null;
  return (
    `No CoCM service for ${emptyMonths} full months after ${served ? 'the last service in' : 'referral in'}` +
    ` ${anchor} (≥ ${rules.inactiveMonths}): the episode has ended under CPT; discharge as inactive_6_months`
  );
};

/** Remission, or response sustained over at least N days: docs/domain/measurement-based-care.md §8. */
const readyForRelapsePrevention: FlagRule = (s, asOf, rules) => {
  if (s.enrolledAt === null) return null;
  const rule = rules.readyForRelapsePrevention;
  const { baseline, latest, followUps } = summarizeOutcome(s.scores, s.primaryMeasure, s.enrolledAt, asOf, {
    baseline: rules.baseline,
  });
  if (!baseline || !latest || followUps.length === 0) return null;
  if (latest.total < rule.remissionBelow) {
    return `${s.primaryMeasure} ${latest.total} on ${latest.date} (< ${rule.remissionBelow}: remission)`;
  }
  // The trailing run of responding scores; one non-responding score breaks "sustained".
  const start = baseline.score.total;
  let runStart: ClinicDay | null = null;
  for (const score of [...followUps].reverse()) {
    if (!reducedBy(start, score.total, rule.responseReductionPercent)) break;
    runStart = score.date;
  }
  if (runStart === null) return null;
  const span = daysBetween(runStart, latest.date);
  if (span < rule.sustainedDays) return null;
  return (
    `${s.primaryMeasure} at least ${rule.responseReductionPercent} % below baseline ${start} on every score` +
    ` from ${runStart} to ${latest.date} (${span} days ≥ ${rule.sustainedDays}); latest ${latest.total}`
  );
};

/** Past mid-month with the next billing threshold not reached: docs/domain/measurement-based-care.md §8. */
const minutesAtRisk: FlagRule = (s, asOf, rules) => {
  const next = s.billing.next;
  const day = dayOfMonth(asOf);
  if (next === null || day <= rules.minutesAtRisk.afterDayOfMonth) return null;
  const daysLeft = daysInMonth(asOf) - day;
  return (
    `${s.billing.minutesThisMonth} min this month by day ${day}; ${next.minutesNeeded} more needed` +
    ` for ${next.code} by ${addDays(asOf, daysLeft)} (${daysLeft} days left)`
  );
};

export const FLAG_RULES: Readonly<Record<FlagCode, FlagRule>> = {
  safety_risk: safetyRisk,
  needs_case_review: needsCaseReview,
  not_improving: notImproving,
  relapse,
  unreachable,
  no_recent_contact: noRecentContact,
  no_follow_up_4_weeks: noFollowUp,
  measurement_overdue: measurementOverdue,
  review_overdue: reviewOverdue,
  recommendation_unacknowledged: recommendationUnacknowledged,
  inactive_6_months: inactiveMonths,
  ready_for_relapse_prevention: readyForRelapsePrevention,
  minutes_at_risk: minutesAtRisk,
};

/** Latest of ISO days or months; their text order is their calendar order. */
function latestOf(values: readonly string[]): string | null {
  return values.reduce<string | null>((a, v) => (a === null || v > a ? v : a), null);
}

/**
 * Flags for an open episode as of the clinic day `asOf` ('YYYY-MM-DD' in the clinic's zone), in urgency
 * order. Discharged episodes carry none. Entries dated after `asOf` are ignored; the billing figures
 * are taken as given for asOf's month.
 */
export function computeFlags(
  snapshot: EpisodeSnapshot,
  asOf: ClinicDay,
  rules: RegistryRules = DEFAULT_REGISTRY_RULES,
): RegistryFlag[] {
  if (!isOpenStatus(snapshot.status)) return [];
  const status = snapshot.status;
  const view = asOfView(snapshot, asOf);
  const flags: RegistryFlag[] = [];
  for (const code of FLAG_CODES) {
    const { statuses, programs } = FLAG_APPLICABILITY[code];
    if (!statuses.includes(status) || !programs.includes(snapshot.program)) continue;
    const reason = FLAG_RULES[code](view, asOf, rules);
    if (reason !== null) flags.push({ code, reason, rulesVersion: rules.version });
  }
  return flags;
}
