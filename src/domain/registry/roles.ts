// Staff roles known to the registry, and which of them belong to the behavioral health team.
import { z } from 'zod';

export const STAFF_ROLES = [
  'admin',
  'pcp',
  'care_manager',
  'psychiatric_consultant',
  'medical_assistant',
  'front_desk',
  'billing',
  // A therapist or behavioral health consultant who delivers services billed per encounter (other-codes.md)
  'bh_clinician',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const staffRoleSchema = z.enum(STAFF_ROLES);

// The two behavioral health members of the CoCM triad (the PCP is the third, on the medical side):
// docs/domain/billing.md §1 and the seed article on clinic operations §4.
export const BH_ROLES: readonly StaffRole[] = ['care_manager', 'psychiatric_consultant'];

export function isBehavioralHealthRole(role: StaffRole): boolean {
  return BH_ROLES.includes(role);
}

/** The CoCM triad: the PCP with the behavioral health team; they work the registry. */
export const CARE_TEAM_ROLES: readonly StaffRole[] = ['pcp', ...BH_ROLES];

/** The triad works the registry; an admin (operations) may read it. */
export const REGISTRY_READER_ROLES: readonly StaffRole[] = ['admin', ...CARE_TEAM_ROLES];
