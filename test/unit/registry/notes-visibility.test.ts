// Note visibility by role: BH notes for the BH team, risk and plan details also for the PCP.
import { describe, expect, it } from 'vitest';
import {
  canViewNote,
  NOTE_KINDS,
  visibleNoteKinds,
  type NoteKind,
} from '../../../src/domain/registry/notes-visibility.js';
import { STAFF_ROLES, type StaffRole } from '../../../src/domain/registry/roles.js';

// Seed article on clinic operations §8.2: BH notes restricted, critical risk and plan visible to PCPs.
const EXPECTED: Record<StaffRole, NoteKind[]> = {
  care_manager: ['bh_progress_note', 'risk_summary', 'treatment_plan', 'case_review_recommendation'],
  psychiatric_consultant: [
    'bh_progress_note',
    'risk_summary',
    'treatment_plan',
    'case_review_recommendation',
  ],
  pcp: ['risk_summary', 'treatment_plan', 'case_review_recommendation'],
  admin: [],
  medical_assistant: [],
  front_desk: [],
  billing: [],
  // Delivers encounter services outside the CoCM episode team; episode notes stay with that team
  bh_clinician: [],
};

describe('note visibility (seed article §8.2; billing.md §1: the PCP directs care)', () => {
  it.each(
    STAFF_ROLES.flatMap((role) =>
      NOTE_KINDS.map((kind) => [role, kind, EXPECTED[role].includes(kind)] as const),
    ),
  )('%s reading %s: %s', (role, kind, allowed) => {
    expect(canViewNote([role], kind)).toBe(allowed);
  });

  it('a person with several roles sees the union (an admin who is also a care manager)', () => {
    expect(visibleNoteKinds(['admin', 'care_manager'])).toEqual(EXPECTED.care_manager);
    expect(visibleNoteKinds([])).toEqual([]);
  });
});
