// Shared billing vocabulary: payers, programs, staff roles, credentials, activities and codes.
import { z } from 'zod';
import { STAFF_ROLES, staffRoleSchema } from '../registry/roles.js';
import type { StaffRole } from '../registry/roles.js';

/** Payer classes a rule pack is keyed by (docs/domain/README.md: "Medicare is the baseline, payers differ"). */
export const PAYERS = ['medicare', 'medicaid', 'commercial', 'self_pay', 'other'] as const;
export const payerSchema = z.enum(PAYERS);
export type Payer = z.infer<typeof payerSchema>;

/**
 * CoCM (99492/99493/99494/G2214) or general BHI (99484/G0323), billing.md §2 and §3. Same values as
 * the registry's REGISTRY_PROGRAMS, kept here so billing does not load the registry snapshot module.
 */
export const PROGRAMS = ['cocm', 'general_bhi'] as const;
export const programSchema = z.enum(PROGRAMS);
export type Program = z.infer<typeof programSchema>;

/** Product roles (the registry's list); a role says what the person does on the team, not their licence. */
export { STAFF_ROLES, staffRoleSchema };
export type { StaffRole };

/**
 * Licence of the person who logged the minutes, independent of the product role (a care manager
 * may be an LCSW); the same values as the staff record's `credential`, `null` when not recorded.
 * G0323 is paid for the personal time of a clinical psychologist, clinical social worker, mental
 * health counselor (`lpc`, also LMHC) or marriage & family therapist (`lmft`) (billing.md §3).
 */
export const CREDENTIALS = [
  'md',
  'do',
  'np',
  'pa',
  'rn',
  'psychologist',
  'lcsw',
  'lpc',
  'lmft',
  'ma',
  'other',
] as const;
export const credentialSchema = z.enum(CREDENTIALS);
export type Credential = z.infer<typeof credentialSchema>;

/** Activity types of a logged contact or task. */
export const ACTIVITIES = [
  'initial_assessment',
  'follow_up',
  'outreach',
  'care_coordination',
  'registry_review',
  'case_review',
  'psychotherapy',
  'other',
] as const;
export const activitySchema = z.enum(ACTIVITIES);
export type Activity = z.infer<typeof activitySchema>;

/** Codes the engine can put on a line (billing.md §2, §3). */
export const billingCodeSchema = z.enum(['99492', '99493', '99494', 'G2214', '99484', 'G0323']);
export type BillingCode = z.infer<typeof billingCodeSchema>;
