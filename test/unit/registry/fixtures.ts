// Snapshot builders for the registry tests: a quiet episode that raises no flag, changed one field at a time.
import { addDays, monthOfDay, type ClinicDay } from '../../../src/domain/calendar/index.js';
import type { EpisodeSnapshot } from '../../../src/domain/registry/snapshot.js';

/** Enrollment day of the standard test episode; `day(n)` is n days later. */
export const ENROLLED = '2026-01-05';
export const REFERRED = '2026-01-02';

export const day = (n: number): ClinicDay => addDays(ENROLLED, n);

/** An active CoCM episode with nothing to flag as of `asOf`: reviewed lately, contacted, measured that day. */
export function quietEpisode(asOf: ClinicDay, overrides: Partial<EpisodeSnapshot> = {}): EpisodeSnapshot {
  return {
    episodeId: 'ep-1',
    careManagerId: 'cm-1',
    status: 'active',
    program: 'cocm',
    referredAt: REFERRED,
    enrolledAt: ENROLLED,
    relapsePreventionAt: null,
    primaryMeasure: 'PHQ-9',
    // 16 → 9: still mild symptoms (not < 5) and a 43 % reduction (no response), but below 10.
    scores: [
      { date: ENROLLED, instrument: 'PHQ-9', total: 16 },
      { date: asOf, instrument: 'PHQ-9', total: 9 },
    ],
    safety: { phq9Item9: null, cssrs: null, asq: null, clinicianFlaggedAt: null },
    contacts: [
      { date: ENROLLED, activity: 'initial_assessment' },
      { date: asOf, activity: 'follow_up' },
    ],
    attempts: [],
    // Reviewed at enrollment and again four weeks before asOf (review_overdue fires after more than 4).
    caseReviews: [{ date: ENROLLED }, ...(asOf > day(28) ? [{ date: addDays(asOf, -28) }] : [])],
    reviewRequestedAt: null,
    recommendations: [],
    serviceMonths: [monthOfDay(ENROLLED), monthOfDay(asOf)],
    billing: { minutesThisMonth: 40, next: null },
    ...overrides,
  };
}

/** A referred CoCM episode: no enrollment, no treatment data. */
export function referredEpisode(overrides: Partial<EpisodeSnapshot> = {}): EpisodeSnapshot {
  return {
    ...quietEpisode(REFERRED),
    status: 'referred',
    enrolledAt: null,
    scores: [],
    contacts: [],
    caseReviews: [],
    serviceMonths: [],
    billing: { minutesThisMonth: 0, next: null },
    ...overrides,
  };
}

export const phq9 = (n: number, total: number) => ({ date: day(n), instrument: 'PHQ-9' as const, total });
