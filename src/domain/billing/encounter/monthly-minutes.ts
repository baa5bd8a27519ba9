// Keeps a documented service's minutes out of the monthly codes once the service bills on its own (billing.md §1).
import type { Activity } from '../vocabulary.js';
import type { CodedDay } from './code-services.js';
import type { ServiceKind } from './vocabulary.js';

/**
 * The activity a documented service is logged as on an episode's minute log. Psychotherapy is
 * never counted toward CoCM (billing.md §1); an assessment or HBAI that did not bill on its own
 * is care-management work that may count (billing.md §1: assessment and follow-up count).
 */
export const SERVICE_ACTIVITY: Record<ServiceKind, Activity> = {
  diagnostic_evaluation: 'initial_assessment',
  diagnostic_evaluation_medical: 'initial_assessment',
  psychotherapy: 'psychotherapy',
  family_without_patient: 'psychotherapy',
  family_with_patient: 'psychotherapy',
  group_psychotherapy: 'psychotherapy',
  hbai_assessment: 'initial_assessment',
  hbai_individual: 'follow_up',
  hbai_group: 'follow_up',
  hbai_family_with_patient: 'follow_up',
  hbai_family_without_patient: 'follow_up',
  em_visit: 'other',
};

/**
 * billing.md §1: time of a separately billed service is excluded from CoCM and general BHI. A
 * service is billed separately when its coding put at least one line on the claim.
 */
export function billedSeparately(serviceId: string, coded: CodedDay): boolean {
  return coded.lines.some((line) => line.serviceId === serviceId);
}
