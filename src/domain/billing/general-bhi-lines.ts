// Turns a month's counted general BHI minutes into a 99484 or G0323 line (billing.md §3).
import type { LineCandidate, MinuteOutcome, NextThreshold } from './billing-line.js';
import { CREDENTIAL_LABEL, listLabel } from './labels.js';
import type { RulePack } from './rule-pack-schema.js';

export interface GeneralBhiMinutes {
  counted: number;
  /** part of `counted` that is the own time of a G0323 practitioner (pack credentials) */
  g0323PractitionerOwn: number;
}

function practitionerLabel(pack: RulePack): string {
  const own = pack.generalBhi.practitionerOwn;
  return own ? listLabel(own.credentials.map((credential) => CREDENTIAL_LABEL[credential])) : '';
}

/**
 * One general BHI code per patient-month: G0323 when the practitioner's own time reaches its
 * full 20 minutes, else 99484 on all counted minutes (billing.md §3; preferring G0323 and never
 * billing both is our reading [U]).
 */
export function generalBhiOutcome(minutes: GeneralBhiMinutes, pack: RulePack): MinuteOutcome {
  const { clinicalStaff, practitionerOwn } = pack.generalBhi;
  const own = practitionerOwn?.timed;
  if (own && minutes.g0323PractitionerOwn >= own.fromMinutes) {
    const line: LineCandidate = {
      code: own.code,
      units: 1,
      minutes: minutes.g0323PractitionerOwn,
      reasons: [
        `${own.code} ×1: ${minutes.g0323PractitionerOwn} minutes of the practitioner's own time ` +
          `(${practitionerLabel(pack)}) ≥ ${own.fromMinutes} ` +
          `(full ${own.unitMinutes} required, billing.md §3)`,
      ],
      reachedAtMinutes: own.fromMinutes,
      basis: 'g0323_own',
    };
    return { lines: [line], belowThreshold: null };
  }
  if (minutes.counted >= clinicalStaff.fromMinutes) {
    const reasons = [
      `${clinicalStaff.code} ×1: ${minutes.counted} counted minutes ≥ ${clinicalStaff.fromMinutes} ` +
        `(full ${clinicalStaff.unitMinutes} required, no midpoint rule, billing.md §3)`,
    ];
    if (own && minutes.g0323PractitionerOwn > 0) {
      reasons.push(
        `${own.code} not billed: ${minutes.g0323PractitionerOwn} minutes of a practitioner's own time ` +
          `(${practitionerLabel(pack)}), ${own.fromMinutes} needed`,
      );
    }
    const line: LineCandidate = {
      code: clinicalStaff.code,
      units: 1,
      minutes: minutes.counted,
      reasons,
      reachedAtMinutes: clinicalStaff.fromMinutes,
      basis: 'counted',
    };
    return { lines: [line], belowThreshold: null };
  }
  return {
    lines: [],
    belowThreshold:
      `below ${clinicalStaff.fromMinutes} minutes: ${minutes.counted} counted minutes, ` +
      `${clinicalStaff.code} needs the full ${clinicalStaff.unitMinutes} (billing.md §3)`,
  };
}

/**
 * Next general BHI code, or null once one is reached (once a month, no add-on). While every counted
 * minute is a G0323 practitioner's own time, further minutes raise both totals, so whichever code
 * is nearer comes first (G0323 on a tie, as billing prefers it); otherwise 99484.
 */
export function nextGeneralBhiThreshold(minutes: GeneralBhiMinutes, pack: RulePack): NextThreshold | null {
  if (generalBhiOutcome(minutes, pack).lines.length > 0) return null;
  const { clinicalStaff, practitionerOwn } = pack.generalBhi;
  const staff: NextThreshold = {
    code: clinicalStaff.code,
    units: 1,
    atMinutes: clinicalStaff.fromMinutes,
    minutesNeeded: clinicalStaff.fromMinutes - minutes.counted,
  };
  const ownOnly =
    practitionerOwn !== null && minutes.counted > 0 && minutes.g0323PractitionerOwn === minutes.counted;
  if (!ownOnly) return staff;
  const own: NextThreshold = {
    code: practitionerOwn.timed.code,
    units: 1,
    atMinutes: practitionerOwn.timed.fromMinutes,
    minutesNeeded: practitionerOwn.timed.fromMinutes - minutes.g0323PractitionerOwn,
  };
  return own.minutesNeeded <= staff.minutesNeeded ? own : staff;
}
