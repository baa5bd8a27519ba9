// Care-manager caseload size against the AIMS norms and the clinic's configured capacity.
import { CASELOAD_STATUSES, type EpisodeStatus } from './episode-status.js';
import { DEFAULT_REGISTRY_RULES, type CaseloadNormKey, type RegistryRules } from './rules.js';

export interface CaseloadNorm {
  min: number;
  max: number;
  label: string;
}

/** Patients per 1.0 FTE care manager, per AIMS: docs/domain/measurement-based-care.md §4. */
export const AIMS_CASELOAD_NORMS: Readonly<Record<CaseloadNormKey, CaseloadNorm>> = {
  commercial_behavioral_only: {
    min: 90,
    max: 120,
    label: 'commercially insured, behavioral conditions only',
  },
  commercial_behavioral_medical: { min: 80, max: 100, label: 'commercially insured, behavioral and medical' },
  medicaid_behavioral_only: { min: 60, max: 80, label: 'Medicaid/uninsured, behavioral conditions only' },
  medicaid_behavioral_medical: { min: 50, max: 75, label: 'Medicaid/uninsured, behavioral and medical' },
};

export type CaseloadBand = 'below_norm' | 'within_norm' | 'above_norm';

export interface CaseloadAssessment {
  careManagerId: string;
  /** Active and relapse-prevention episodes: docs/domain/measurement-based-care.md §9. */
  count: number;
  capacity: number;
  overCapacity: boolean;
  band: CaseloadBand;
  norm: CaseloadNorm;
  explanation: string;
}

export function assessCaseload(
  careManagerId: string,
  count: number,
  rules: RegistryRules['caseload'] = DEFAULT_REGISTRY_RULES.caseload,
): CaseloadAssessment {
  const norm = AIMS_CASELOAD_NORMS[rules.aimsNorm];
  const { capacity } = rules;
  const overCapacity = count > capacity;
  const band: CaseloadBand =
    count < norm.min ? 'below_norm' : count > norm.max ? 'above_norm' : 'within_norm';
  const range = `the AIMS range ${norm.min}–${norm.max} (${norm.label})`;
  const vsNorm = {
    below_norm: `below ${range}`,
    within_norm: `within ${range}`,
    above_norm: `above ${range}`,
  }[band];
  const vsCapacity = overCapacity
    ? `over capacity ${capacity} by ${count - capacity}`
    : count === capacity
      ? `at capacity ${capacity}`
      : `room for ${capacity - count} more before capacity ${capacity}`;
  return {
    careManagerId,
    count,
    capacity,
    overCapacity,
    band,
    norm,
    explanation: `${count} active or relapse-prevention patients: ${vsCapacity}; ${vsNorm}`,
  };
}

export interface CaseloadSummary {
  caseloads: CaseloadAssessment[];
  /** Open caseload episodes with no care manager assigned: nobody is following them up. */
  unassigned: number;
}

/**
 * Caseloads by care manager, sorted by id. `careManagerIds` adds care managers who have no patients
 * yet, so an empty caseload still shows.
 */
export function summarizeCaseloads(
  episodes: readonly { careManagerId: string | null; status: EpisodeStatus }[],
  rules: RegistryRules['caseload'] = DEFAULT_REGISTRY_RULES.caseload,
  careManagerIds: readonly string[] = [],
): CaseloadSummary {
  const counts = new Map<string, number>(careManagerIds.map((id) => [id, 0]));
  let unassigned = 0;
  for (const episode of episodes) {
    if (!CASELOAD_STATUSES.includes(episode.status)) continue;
    if (episode.careManagerId === null) unassigned += 1;
    else counts.set(episode.careManagerId, (counts.get(episode.careManagerId) ?? 0) + 1);
  }
  const caseloads = [...counts.keys()].sort().map((id) => assessCaseload(id, counts.get(id) ?? 0, rules));
  return { caseloads, unassigned };
}
