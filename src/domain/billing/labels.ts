// Clerk-facing names for roles, programs, activities and credentials used in reason strings.
import type { Activity, Credential, Program, StaffRole } from './vocabulary.js';

export const ROLE_LABEL: Record<StaffRole, string> = {
  admin: 'admin',
  pcp: 'PCP (treating practitioner)',
  care_manager: 'care manager (BHCM)',
  psychiatric_consultant: 'psychiatric consultant',
  medical_assistant: 'medical assistant',
  front_desk: 'front desk',
  billing: 'billing staff',
  bh_clinician: 'behavioral health clinician',
};

export const PROGRAM_LABEL: Record<Program, string> = {
  cocm: 'CoCM',
  general_bhi: 'general BHI',
};

export const CREDENTIAL_LABEL: Record<Credential, string> = {
  md: 'physician (MD)',
  do: 'physician (DO)',
  np: 'nurse practitioner',
  pa: 'physician assistant',
  rn: 'nurse',
  psychologist: 'psychologist',
  lcsw: 'clinical social worker',
  lpc: 'mental health counselor',
  lmft: 'marriage and family therapist',
  ma: 'medical assistant',
  other: 'other credential',
};

export function activityLabel(activity: Activity): string {
  return activity.replaceAll('_', ' ');
}

/** "psychologist, clinical social worker or mental health counselor" */
export function listLabel(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
