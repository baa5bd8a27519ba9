// The CoCM episode status machine: which status changes are allowed and what each one requires.
import { z } from 'zod';
import type { FieldIssue } from './field-issue.js';

// docs/domain/measurement-based-care.md §7.
export const EPISODE_STATUSES = ['referred', 'active', 'relapse_prevention', 'discharged'] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];
export const episodeStatusSchema = z.enum(EPISODE_STATUSES);

export type OpenEpisodeStatus = Exclude<EpisodeStatus, 'discharged'>;
export const OPEN_STATUSES: readonly OpenEpisodeStatus[] = ['referred', 'active', 'relapse_prevention'];

export function isOpenStatus(status: EpisodeStatus): status is OpenEpisodeStatus {
  return status !== 'discharged';
}

/** Statuses that count toward a care manager's caseload: docs/domain/measurement-based-care.md §9. */
export const CASELOAD_STATUSES: readonly EpisodeStatus[] = ['active', 'relapse_prevention'];

// docs/domain/measurement-based-care.md §7, plus the CPT end of episode after 6 months without
// CoCM services (docs/domain/billing.md §2.2).
export const DISCHARGE_REASONS = [
  'completed',
  'referred_to_specialty',
  'declined_or_withdrew',
  'lost_to_follow_up',
  'moved_or_changed_pcp',
  'deceased',
  'other',
  'inactive_6_months',
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];
export const dischargeReasonSchema = z.enum(DISCHARGE_REASONS);

/**
 * referred → active ⇄ relapse_prevention → discharged; referred → discharged covers patients who
 * decline or never engage. Discharged is final: a returning patient starts a new episode, which CPT
 * treats as a new initial month only after a 6-month break (docs/domain/billing.md §2.2).
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<EpisodeStatus, readonly EpisodeStatus[]>> = {
  referred: ['active', 'discharged'],
  active: ['relapse_prevention', 'discharged'],
  relapse_prevention: ['active', 'discharged'],
  discharged: [],
};

/** How CoCM consent was documented: verbal or written both count (docs/domain/billing.md §1). */
export const CONSENT_METHODS = ['verbal', 'written'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface TransitionInput {
  dischargeReason?: DischargeReason | null;
  /** CoCM consent (verbal or written) is documented in the record. */
  hasConsent: boolean;
}

export type TransitionCheck = { ok: true } | ({ ok: false } & FieldIssue);

function refuse(field: string, reason: string): TransitionCheck {
  return { ok: false, field, reason };
}

export function checkTransition(
  from: EpisodeStatus,
  to: EpisodeStatus,
  input: TransitionInput,
): TransitionCheck {
  if (from === 'discharged') {
    return refuse('status', 'The episode is discharged, which is final; start a new episode instead.');
  }
  if (from === to) return refuse('status', `The episode is already ${from}.`);
  if (!ALLOWED_TRANSITIONS[from].includes(to)) {
    return refuse('status', `An episode cannot move from ${from} to ${to}.`);
  }
  if (to === 'active' && from === 'referred' && !input.hasConsent) {
    // Consent must be documented before CoCM services are billed: docs/domain/billing.md §1.
    return refuse('consent', 'Document the patient’s CoCM consent before activating the episode.');
  }
  if (to === 'discharged') {
    if (!input.dischargeReason) return refuse('dischargeReason', 'Choose a discharge reason.');
    if (from === 'referred' && input.dischargeReason === 'completed') {
      return refuse(
        'dischargeReason',
        'A referred patient never started treatment, so it cannot be completed.',
      );
    }
  }
  return { ok: true };
}
