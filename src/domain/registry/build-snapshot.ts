// Turns one episode's stored facts (instants) into its registry snapshot as of a clinic day: pure, no I/O.
import { minutesToNext } from '../billing/bill-month.js';
import type { RulePack } from '../billing/rule-pack-schema.js';
import type { Program } from '../billing/vocabulary.js';
import type { EpisodeStatus } from './episode-status.js';
import { dayOf, type ClinicDay, type ClinicMonth } from '../calendar/index.js';
import {
  measureLabel,
  PRIMARY_MEASURE_CODES,
  type MeasureScore,
  type PrimaryMeasureCode,
} from './outcomes.js';
import type { CssrsLevel } from './rules.js';
import type { ContactActivity, EpisodeSnapshot } from './snapshot.js';

/** The screens a snapshot reads: the primary measures and the C-SSRS safety screen. */
export const SNAPSHOT_INSTRUMENTS = [...PRIMARY_MEASURE_CODES, 'c-ssrs-screen'] as const;

/** The first visit; every later completed contact counts as a follow-up (measurement-based-care.md §6). */
export const INITIAL_ACTIVITY = 'initial_assessment' satisfies ContactActivity;

/** What the loader read for one episode; every time is an instant, every list in any order. */
export interface EpisodeFacts {
  id: string;
  careManagerId: string | null;
  program: Program;
  primaryMeasure: PrimaryMeasureCode;
  referredAt: Date;
  enrolledAt: Date | null;
  relapsePreventionAt: Date | null;
  dischargedAt: Date | null;
  reviewRequestedAt: Date | null;
  safetyFlaggedAt: Date | null;
  /**
   * Recorded moves between active and relapse prevention (the episode's status events). Enrollment is
   * `enrolledAt`: its event carries the time it was recorded, which may be later (a backdated consent).
   */
  statusChanges: readonly { at: Date; to: EpisodeStatus }[];
  /** The patient's primary-measure and safety screens from any clinic, each with its clinic's zone. */
  screenings: readonly {
    at: Date;
    timeZone: string;
    instrument: string;
    total: number | null;
    item9: number | null;
    severity: string | null;
  }[];
  /** Completed contacts, summarised in SQL up to the end of the day. */
  contacts: {
    count: number;
    lastAt: Date;
    lastActivity: string;
    firstFollowUpAt: Date | null;
  } | null;
  /** Attempts to reach the patient after the last completed contact. */
  attemptsAt: readonly Date[];
  reviewedAt: readonly Date[];
  recommendations: readonly { sentAt: Date; acknowledgedAt: Date | null }[];
  /** Counted minutes per clinic month from the rollups; only months before the day's month are used. */
  monthMinutes: readonly { month: ClinicMonth; minutes: number }[];
  /** Counted minutes of the day's month from its first day to the end of the asked day. */
  minutesToDate: number;
}

export interface NextThresholdInput {
  month: ClinicMonth;
  status: EpisodeStatus;
  minutesThisMonth: number;
  priorServiceMonths: ClinicMonth[];
  referredMonth: ClinicMonth;
}

export interface BuiltSnapshot {
  snapshot: EpisodeSnapshot;
  lastCaseReviewAt: Date | null;
  lastContactAt: Date | null;
  contactCount: number;
}

const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime();

/** Moves into active or relapse prevention, enrollment and the stored step-down included, oldest first. */
function careMoves(facts: EpisodeFacts): { at: Date; to: EpisodeStatus }[] {
  const enrolled = facts.enrolledAt ? [{ at: facts.enrolledAt, to: 'active' as const }] : [];
  const stepDown = facts.relapsePreventionAt
    ? [{ at: facts.relapsePreventionAt, to: 'relapse_prevention' as const }]
    : [];
  return [...enrolled, ...facts.statusChanges, ...stepDown]
    .filter((c) => c.to === 'active' || c.to === 'relapse_prevention')
    .sort(byTime);
}

/**
 * The status on the clinic day `asOf`: discharged once the discharge day has come, referred until the
 * enrollment day, then the last recorded move into active or relapse prevention by that day
 * (docs/domain/measurement-based-care.md §7).
 */
export function statusOn(facts: EpisodeFacts, asOf: ClinicDay, timeZone: string): EpisodeStatus {
  const by = (at: Date | null) => at !== null && dayOf(at, timeZone) <= asOf;
  if (by(facts.dischargedAt)) return 'discharged';
  if (!by(facts.enrolledAt)) return 'referred';
  return (
    careMoves(facts)
      .filter((c) => by(c.at))
      .at(-1)?.to ?? 'active'
  );
}

export type StoredScreening = EpisodeFacts['screenings'][number];

/** The screens taken by the end of the clinic day `asOf` (each dated in its own clinic's zone), oldest first. */
export function screensAsOf(screenings: readonly StoredScreening[], asOf: ClinicDay) {
  return screenings
    .map((s) => ({ ...s, day: dayOf(s.at, s.timeZone) }))
    .filter((s) => s.day <= asOf)
    .sort(byTime);
}

/** The primary-measure totals among dated screens, as the outcome rules read them. */
export function measureScores(screens: readonly (StoredScreening & { day: ClinicDay })[]): MeasureScore[] {
  return screens
    .filter((s) => PRIMARY_MEASURE_CODES.some((code) => code === s.instrument) && s.total !== null)
    .map((s) => ({
      date: s.day,
      instrument: measureLabel(s.instrument as PrimaryMeasureCode),
      total: s.total!,
    }));
}

const asRegistryActivity = (activity: string): ContactActivity =>
  activity === INITIAL_ACTIVITY ? INITIAL_ACTIVITY : 'follow_up';

/** The pack's add-on codes (99494 under Medicare): extra units on top of an already billable month. */
const addOnCodes = (pack: RulePack) =>
  new Set([pack.cocm.initial.addOn?.code, pack.cocm.subsequent.addOn?.code].filter(Boolean));

/**
 * The registry's billing prompt under the patient's pack: the next code still in reach with the month's
 * minutes. Care managers are prompted only while the month still lacks a (better) base code; one more
 * 99494 add-on unit is shown in the billing preview, not raised as a registry flag.
 */
export const nextThresholdFor =
  (pack: RulePack, program: Program) =>
  (next: NextThresholdInput): EpisodeSnapshot['billing']['next'] => {
    const found = minutesToNext(
      {
        month: next.month,
        program,
        countedMinutes: next.minutesThisMonth,
        priorServiceMonths: next.priorServiceMonths,
        episodeStartMonth: next.referredMonth,
      },
      pack,
    );
    return found && !addOnCodes(pack).has(found.code)
      ? { code: found.code, minutesNeeded: found.minutesNeeded }
      : null;
  };

/**
 * The episode as it stood at the end of the clinic day `asOf` in `timeZone`, or null when it had not
 * been referred yet. Everything dated later is left out: a later enrollment, step-down or discharge,
 * screenings, attempts, reviews, recommendations (and later acknowledgements), later months' minutes.
 * `nextThreshold` asks the billing engine for the next code still in reach with the month's minutes.
 */
export function buildSnapshot(
  facts: EpisodeFacts,
  asOf: ClinicDay,
  timeZone: string,
  nextThreshold: (input: NextThresholdInput) => EpisodeSnapshot['billing']['next'],
): BuiltSnapshot | null {
  const localDay = (at: Date) => dayOf(at, timeZone);
  const known = (at: Date | null): ClinicDay | null =>
    at !== null && localDay(at) <= asOf ? localDay(at) : null;
  const referredAt = localDay(facts.referredAt);
  if (referredAt > asOf) return null;
  const status = statusOn(facts, asOf, timeZone);
  const month = asOf.slice(0, 7);

  const screens = screensAsOf(facts.screenings, asOf);
  const item9 = screens.filter((s) => s.instrument === 'phq-9' && s.item9 !== null).at(-1);
  const cssrs = screens.filter((s) => s.instrument === 'c-ssrs-screen').at(-1);

  const earlierMonths = facts.monthMinutes
    .filter((m) => m.month < month && m.minutes > 0)
    .map((m) => m.month);
  const minutesThisMonth = Math.max(0, facts.minutesToDate);
  const serviceMonths = [...new Set(earlierMonths)].sort();
  if (minutesThisMonth > 0) serviceMonths.push(month);

  const contacts = facts.contacts;
  const reviews = facts.reviewedAt
    .filter((at) => localDay(at) <= asOf)
    .sort((a, b) => a.getTime() - b.getTime());
  const relapsePreventionAt =
    status === 'relapse_prevention'
      ? (careMoves(facts)
          .filter((c) => c.to === 'relapse_prevention' && localDay(c.at) <= asOf)
          .map((c) => localDay(c.at))
          .at(-1) ?? null)
      : null;

  const snapshot: EpisodeSnapshot = {
    episodeId: facts.id,
    careManagerId: facts.careManagerId,
    status,
    program: facts.program,
    referredAt,
    enrolledAt: status === 'referred' ? null : known(facts.enrolledAt),
    relapsePreventionAt,
    primaryMeasure: measureLabel(facts.primaryMeasure),
    scores: measureScores(screens),
    safety: {
      phq9Item9: item9 ? { date: item9.day, value: item9.item9! } : null,
      cssrs: cssrs ? { date: cssrs.day, value: (cssrs.severity ?? 'negative') as CssrsLevel } : null,
      asq: null,
      clinicianFlaggedAt: known(facts.safetyFlaggedAt),
    },
    contacts: contacts
      ? [
          ...(contacts.firstFollowUpAt
            ? [{ date: localDay(contacts.firstFollowUpAt), activity: 'follow_up' as const }]
            : []),
          { date: localDay(contacts.lastAt), activity: asRegistryActivity(contacts.lastActivity) },
        ]
      : [],
    attempts: facts.attemptsAt
      .map((at) => ({ date: localDay(at) }))
      .filter((a) => a.date <= asOf)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    caseReviews: reviews.map((at) => ({ date: localDay(at) })),
    reviewRequestedAt: known(facts.reviewRequestedAt),
    recommendations: facts.recommendations
      .filter((r) => localDay(r.sentAt) <= asOf)
      .map((r) => ({ sentAt: localDay(r.sentAt), acknowledgedAt: known(r.acknowledgedAt) })),
    serviceMonths,
    billing: {
      minutesThisMonth,
      next:
        status === 'discharged'
          ? null
          : nextThreshold({
              month,
              status,
              minutesThisMonth,
              priorServiceMonths: serviceMonths.filter((m) => m < month),
              referredMonth: referredAt.slice(0, 7),
            }),
    },
  };
  return {
    snapshot,
    lastCaseReviewAt: reviews.at(-1) ?? null,
    lastContactAt: contacts?.lastAt ?? null,
    contactCount: contacts?.count ?? 0,
  };
}
