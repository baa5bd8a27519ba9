// Who holds a BH schedule, who books it, and who edits templates: asked everywhere, defined only here.
import type { StaffRole } from '../registry/roles.js';
import type { AppointmentAction } from './appointment-status.js';

/**
 * Roles that hold a bookable BH schedule and complete BH visits (scheduling.md §1: the BH clinician's
 * template and the psychiatric consultant's case-review block). The behavioral health clinician (therapist
 * or behavioral health consultant) holds one too.
 */
export const BH_SCHEDULE_ROLES: readonly StaffRole[] = [
  'care_manager',
  'bh_clinician',
  'psychiatric_consultant',
];

/** Issue 13: the front desk books, checks in and cancels; the clinical team books from triage too. */
export const BOOKING_ROLES: readonly StaffRole[] = [
  'front_desk',
  'medical_assistant',
  'pcp',
  ...BH_SCHEDULE_ROLES,
];

/** Same-day handoffs are asked for by the PCP or MA in the visit (scheduling.md §2). */
export const HANDOFF_REQUEST_ROLES: readonly StaffRole[] = ['pcp', 'medical_assistant'];

/** Admins edit visit types, templates and closures (issue 13). */
export const TEMPLATE_EDITOR_ROLES: readonly StaffRole[] = ['admin'];

export const holdsBhSchedule = (roles: readonly string[]): boolean =>
  roles.some((role) => (BH_SCHEDULE_ROLES as readonly string[]).includes(role));

/** Issue 13: the front desk checks in, cancels and marks no-shows; BH clinicians start and complete. */
export const APPOINTMENT_ACTION_ROLES = {
  'check-in': BOOKING_ROLES,
  cancel: BOOKING_ROLES,
  'no-show': BOOKING_ROLES,
  start: BH_SCHEDULE_ROLES,
  complete: BH_SCHEDULE_ROLES,
} as const satisfies Record<AppointmentAction, readonly StaffRole[]>;
