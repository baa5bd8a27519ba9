// Deterministic sort order for registry rows, so the most urgent patient is always at the top.
import { FLAG_CODES, type FlagCode } from './flags.js';
import { daysBetween, type ClinicDay } from '../calendar/index.js';
import { ascending } from './order.js';
import type { EpisodeSnapshot } from './snapshot.js';

export interface UrgencyInput {
  episodeId: string;
  flags: readonly { code: FlagCode }[];
  /** Days since the last completed contact; null when there has been none. */
  daysSinceContact: number | null;
}

/**
 * Order, most urgent first:
 *  1. the most urgent flag, then the next one, and so on, in FLAG_CODES order: safety_risk,
 *     needs_case_review, not_improving, relapse, unreachable, no_recent_contact, no_follow_up_4_weeks,
 *     measurement_overdue, review_overdue, recommendation_unacknowledged, inactive_6_months,
 *     ready_for_relapse_prevention, minutes_at_risk. Safety comes first because it needs a same-day
 *     assessment (docs/domain/measurement-based-care.md §8); clinical non-response and lost contact come
 *     before paperwork and billing, and a patient the team tried and failed to reach before one nobody
 *     called.
 *  2. longer since the last contact (never contacted counts as longest);
 *  3. episode id, so equal rows never swap between renders.
 */
export function compareUrgency(a: UrgencyInput, b: UrgencyInput): number {
  return (
    ascending(flagWeight(b), flagWeight(a)) ||
    ascending(contactGap(b), contactGap(a)) ||
    ascending(a.episodeId, b.episodeId)
  );
}

export function sortByUrgency<T extends UrgencyInput>(rows: readonly T[]): T[] {
  return [...rows].sort(compareUrgency);
}

/** One bit per flag code, the most urgent highest, so comparing weights compares flag sets in order. */
export function flagWeight(row: Pick<UrgencyInput, 'flags'>): number {
  const codes = new Set(row.flags.map((f) => f.code));
  return FLAG_CODES.reduce(
    (weight, code, i) => (codes.has(code) ? weight + 2 ** (FLAG_CODES.length - 1 - i) : weight),
    0,
  );
}

function contactGap(row: UrgencyInput): number {
  return row.daysSinceContact ?? Number.POSITIVE_INFINITY;
}

export function daysSinceLastContact(snapshot: EpisodeSnapshot, asOf: ClinicDay): number | null {
  const past = snapshot.contacts.map((c) => c.date).filter((d) => d <= asOf);
  if (past.length === 0) return null;
  return Math.min(...past.map((d) => daysBetween(d, asOf)));
}
