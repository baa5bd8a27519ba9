// Turns a month's counted general BHI minutes into a 99484 or G0323 line, by who bills (billing.md §3).
import type { LineCandidate, MinuteOutcome, NextThreshold } from './billing-line.js';
import { isG0323Credential } from './counting.js';
import { CREDENTIAL_LABEL } from './labels.js';
import type { RulePack, TimedCode } from './rule-pack-schema.js';
import type { Credential } from './vocabulary.js';

export interface GeneralBhiMinutes {
  /** every eligible staff member's counted minutes, the billing practitioner's included */
  counted: number;
  /** part of `counted` the billing practitioner logged personally */
  practitionerOwn: number;
  /** the episode's billing practitioner's credential; null when not recorded */
  billingCredential: Credential | null;
}

/** Which code the month bills and on which minutes: decided by the billing practitioner, never by the minutes. */
type Basis =
  | { code: TimedCode; basis: 'g0323_own'; minutes: number; credential: Credential }
  | { code: TimedCode; basis: 'counted'; minutes: number };

/**
 * billing.md §3: G0323 is the personal time of a psychologist, clinical social worker, mental health
 * counselor or marriage and family therapist who is the billing practitioner, under their own NPI;
 * 99484 is billed incident to a physician or NPP (billing.md §1) on every eligible clinical staff
 * member's minutes. A payer without G0323 (practitionerOwn null) bills 99484 on the counted minutes.
 */
function basisOf(minutes: GeneralBhiMinutes, pack: RulePack): Basis {
  const own = pack.generalBhi.practitionerOwn;
  if (own && minutes.billingCredential && isG0323Credential(minutes.billingCredential, pack)) {
    return {
      code: own.timed,
      basis: 'g0323_own',
      minutes: minutes.practitionerOwn,
      credential: minutes.billingCredential,
    };
  }
  return { code: pack.generalBhi.clinicalStaff, basis: 'counted', minutes: minutes.counted };
}

function basisReason(basis: Basis): string {
  return basis.basis === 'g0323_own'
    ? `${basis.minutes} minutes of the billing practitioner's own time (${CREDENTIAL_LABEL[basis.credential]}, own NPI)`
    : `${basis.minutes} counted minutes of clinical staff, incident to the billing practitioner`;
}

/** Staff minutes a G0323 month cannot use: G0323 pays only the practitioner's own time (billing.md §3). */
function othersNotBilled(minutes: GeneralBhiMinutes, basis: Basis): string[] {
  const others = minutes.counted - minutes.practitionerOwn;
  if (basis.basis !== 'g0323_own' || others <= 0) return [];
  return [
    `${others} minutes of other staff not billed: ${basis.code.code} pays only the billing practitioner's own time, ` +
      `and 99484 incident-to needs a physician or NPP as billing practitioner (billing.md §1, §3)`,
  ];
}

/** One general BHI code per patient-month, chosen by the billing practitioner's credential (billing.md §3). */
export function generalBhiOutcome(minutes: GeneralBhiMinutes, pack: RulePack): MinuteOutcome {
  const basis = basisOf(minutes, pack);
  const { code, unitMinutes, fromMinutes } = basis.code;
  if (basis.minutes < fromMinutes) {
    return {
      lines: [],
      belowThreshold: [
        `below ${fromMinutes} minutes: ${basisReason(basis)}, ${code} needs the full ${unitMinutes} (billing.md §3)`,
        ...othersNotBilled(minutes, basis),
      ].join('; '),
    };
  }
  const line: LineCandidate = {
    code,
    units: 1,
    minutes: basis.minutes,
    reasons: [
      `${code} ×1: ${basisReason(basis)} ≥ ${fromMinutes} (full ${unitMinutes} required, no midpoint rule, billing.md §3)`,
      ...othersNotBilled(minutes, basis),
    ],
    reachedAtMinutes: fromMinutes,
    basis: basis.basis,
  };
  return { lines: [line], belowThreshold: null };
}

/** The month's general BHI code still to reach, or null once reached (once a month, no add-on). */
export function nextGeneralBhiThreshold(minutes: GeneralBhiMinutes, pack: RulePack): NextThreshold | null {
  const basis = basisOf(minutes, pack);
  if (basis.minutes >= basis.code.fromMinutes) return null;
  return {
    code: basis.code.code,
    units: 1,
    atMinutes: basis.code.fromMinutes,
    minutesNeeded: basis.code.fromMinutes - basis.minutes,
  };
}
