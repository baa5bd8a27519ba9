// The prioritised psychiatric case-review list: whom the consultant should discuss first, and why.
import { isOpenStatus } from './episode-status.js';
import { type ClinicDay } from '../calendar/index.js';
import { ascending } from './order.js';
import {
  notImprovingSignal,
  relapseSignal,
  reviewOverdueSignal,
  reviewRequestSignal,
  safetySignal,
  unreachableSignal,
  unreviewedEnrolleeSignal,
  type Signal,
} from './review-signals.js';
import { DEFAULT_REGISTRY_RULES, type RegistryRules } from './rules.js';
import { asOfView, type EpisodeSnapshot } from './snapshot.js';

/**
 * Priority order. Safety needs same-day attention; new enrollees must be reviewed in the initial
 * month for 99492 (docs/domain/billing.md §2); AIMS asks the registry to prioritise new and
 * not-improving patients (docs/domain/measurement-based-care.md §1), and a relapse in relapse
 * prevention is non-response come back; a clinician's request carries no deadline of its own, so it
 * follows the reasons that do; then patients the team cannot reach (letter, PCP, discharge?) and, last,
 * patients due for their routine discussion (weekly caseload review, §4).
 */
export const REVIEW_REASON_CODES = [
  'safety_risk',
  'new_enrollee',
  'not_improving',
  'relapse',
  'requested',
  'unreachable',
  'review_overdue',
] as const;
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

/** What a consultant's recommendation to the PCP asks for. */
export const RECOMMENDATION_KINDS = ['medication_change', 'therapy_change', 'referral', 'other'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export interface ReviewReason extends Signal {
  code: ReviewReasonCode;
}

export interface CaseReviewItem {
  episodeId: string;
  careManagerId: string | null;
  /** The most urgent reason; `reasons` lists every reason in priority order. */
  priority: ReviewReasonCode;
  reasons: ReviewReason[];
}

function reviewReasons(s: EpisodeSnapshot, asOf: ClinicDay, rules: RegistryRules): ReviewReason[] {
  const signals: Record<ReviewReasonCode, Signal | null> = {
    safety_risk: safetySignal(s, rules),
    new_enrollee: unreviewedEnrolleeSignal(s),
    not_improving: notImprovingSignal(s, asOf, rules),
    relapse: relapseSignal(s, asOf, rules),
    requested: reviewRequestSignal(s),
    unreachable: unreachableSignal(s, asOf, rules),
    review_overdue: reviewOverdueSignal(s, asOf, rules),
  };
  return REVIEW_REASON_CODES.flatMap((code) => {
    const signal = signals[code];
    return signal ? [{ code, ...signal }] : [];
  });
}

/**
 * Open CoCM episodes that need the consultant, ordered by their most urgent reason, then by how long
 * that reason has waited (oldest first), then by episode id.
 */
export function buildCaseReviewList(
  snapshots: readonly EpisodeSnapshot[],
  asOf: ClinicDay,
  rules: RegistryRules = DEFAULT_REGISTRY_RULES,
): CaseReviewItem[] {
  const items = snapshots.flatMap((snapshot): CaseReviewItem[] => {
    if (snapshot.program !== 'cocm' || !isOpenStatus(snapshot.status)) return [];
    const reasons = reviewReasons(asOfView(snapshot, asOf), asOf, rules);
    const top = reasons[0];
    if (!top) return [];
    return [
      { episodeId: snapshot.episodeId, careManagerId: snapshot.careManagerId, priority: top.code, reasons },
    ];
  });
  const rank = (item: CaseReviewItem): number => REVIEW_REASON_CODES.indexOf(item.priority);
  const since = (item: CaseReviewItem): ClinicDay => item.reasons[0]?.since ?? '';
  return items.sort(
    (a, b) =>
      ascending(rank(a), rank(b)) || ascending(since(a), since(b)) || ascending(a.episodeId, b.episodeId),
  );
}
