// Vocabulary of directly delivered behavioral health services: service kinds and the per-encounter codes they bill.
import { z } from 'zod';
import type { StaffRole } from '../../registry/roles.js';

/**
 * What a documented service was (other-codes.md §1–§3). `em_visit` is an office E/M by a
 * prescriber, recorded so a psychotherapy add-on and the payer's one-visit-per-day rule can see it.
 */
export const SERVICE_KINDS = [
  'diagnostic_evaluation',
  'diagnostic_evaluation_medical',
  'psychotherapy',
  'family_without_patient',
  'family_with_patient',
  'group_psychotherapy',
  'hbai_assessment',
  'hbai_individual',
  'hbai_group',
  'hbai_family_with_patient',
  'hbai_family_without_patient',
  'em_visit',
] as const;
export const serviceKindSchema = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof serviceKindSchema>;

/**
 * Roles that render and document these services: the behavioral health clinician (therapist, BHC),
 * the care manager who also does therapy, the psychiatric consultant and the PCP (an E/M with a
 * psychotherapy add-on, other-codes.md §1).
 */
export const RENDERING_ROLES: readonly StaffRole[] = [
  'bh_clinician',
  'care_manager',
  'psychiatric_consultant',
  'pcp',
];

/** Kinds delivered to a group: they need a group size of at least 2 (other-codes.md §1 90853, §2 96164). */
export const GROUP_KINDS: readonly ServiceKind[] = ['group_psychotherapy', 'hbai_group'];

/** HBAI kinds: only for a physical-health primary diagnosis (other-codes.md §2). */
export const HBAI_KINDS: readonly ServiceKind[] = [
  'hbai_assessment',
  'hbai_individual',
  'hbai_group',
  'hbai_family_with_patient',
  'hbai_family_without_patient',
];

/** The kinds that treat a mental health diagnosis with psychiatric codes 90785–90899 (other-codes.md §1). */
export const PSYCHIATRIC_KINDS: readonly ServiceKind[] = [
  'diagnostic_evaluation',
  'diagnostic_evaluation_medical',
  'psychotherapy',
  'family_without_patient',
  'family_with_patient',
  'group_psychotherapy',
];

export const SERVICE_KIND_LABEL: Record<ServiceKind, string> = {
  diagnostic_evaluation: 'psychiatric diagnostic evaluation',
  diagnostic_evaluation_medical: 'psychiatric diagnostic evaluation with medical services',
  psychotherapy: 'psychotherapy',
  family_without_patient: 'family psychotherapy without the patient',
  family_with_patient: 'family psychotherapy with the patient',
  group_psychotherapy: 'group psychotherapy',
  hbai_assessment: 'health behavior assessment',
  hbai_individual: 'health behavior intervention, individual',
  hbai_group: 'health behavior intervention, group',
  hbai_family_with_patient: 'health behavior intervention, family with the patient',
  hbai_family_without_patient: 'health behavior intervention, family without the patient',
  em_visit: 'office visit (E/M)',
};

/** Per-encounter codes (other-codes.md §1–§3); add-ons carry no '+' here, as on a claim line. */
export const ENCOUNTER_CODES = [
  '90791',
  '90792',
  '90832',
  '90834',
  '90837',
  '90833',
  '90836',
  '90838',
  '90785',
  '90846',
  '90847',
  '90853',
  '96156',
  '96158',
  '96159',
  '96164',
  '96165',
  '96167',
  '96168',
  '96170',
  '96171',
  '99213',
  '99214',
] as const;
export const encounterCodeSchema = z.enum(ENCOUNTER_CODES);
export type EncounterCode = z.infer<typeof encounterCodeSchema>;

/** Confidence tag of a rule as the domain reference gives it: verified, secondary sources, unverified. */
export const confidenceSchema = z.enum(['V', 'P', 'U']);
export type Confidence = z.infer<typeof confidenceSchema>;

/** Psychiatric codes 90785–90899, which HBAI may not share a day with (other-codes.md §2). */
export function isPsychiatricCode(code: string): boolean {
  const n = Number(code);
  return Number.isInteger(n) && n >= 90785 && n <= 90899;
}
