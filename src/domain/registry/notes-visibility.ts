// Which staff roles may read which kinds of behavioral health documentation.
import { BH_ROLES, type StaffRole } from './roles.js';

export const NOTE_KINDS = [
  'bh_progress_note',
  'risk_summary',
  'treatment_plan',
  'case_review_recommendation',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** The kinds staff write as notes; recommendations come from a case review, not the notes form. */
export const WRITABLE_NOTE_KINDS = [
  'bh_progress_note',
  'risk_summary',
  'treatment_plan',
] as const satisfies readonly NoteKind[];
export type WritableNoteKind = (typeof WRITABLE_NOTE_KINDS)[number];

const BH_AND_PCP: readonly StaffRole[] = [...BH_ROLES, 'pcp'];

/**
 * BH notes sit behind higher privacy settings, but "at least critical risk and plan details" must
 * reach the PCP (seed article on clinic operations, §8.2). In CoCM the PCP also directs care and acts
 * on the consultant's recommendations (docs/domain/billing.md §1, §2), so the plan and the
 * recommendations are shared with the PCP while progress notes stay with the BH team.
 *
 * Admin, medical assistant, front desk and billing see none of these: they run operations (users,
 * scheduling, screening entry, claims), and billing works from minutes and codes, not note content.
 * A clinic that wants admins to read clinical notes must grant the person a clinical role.
 */
export const NOTE_VISIBILITY: Readonly<Record<NoteKind, readonly StaffRole[]>> = {
  bh_progress_note: BH_ROLES,
  risk_summary: BH_AND_PCP,
  treatment_plan: BH_AND_PCP,
  case_review_recommendation: BH_AND_PCP,
};

/** A person may hold several roles; any one that may read the kind is enough. */
export function canViewNote(roles: readonly StaffRole[], kind: NoteKind): boolean {
  return roles.some((role) => NOTE_VISIBILITY[kind].includes(role));
}

export function visibleNoteKinds(roles: readonly StaffRole[]): NoteKind[] {
  return NOTE_KINDS.filter((kind) => canViewNote(roles, kind));
}
