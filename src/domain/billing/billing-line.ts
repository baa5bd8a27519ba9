// Output shapes shared by the CoCM and general BHI calculators.
import type { BillingCode } from './vocabulary.js';

export interface BillingLine {
  code: BillingCode;
  /** one line per code per month; add-on units sit on one line (fhir.md §6) */
  units: number;
  /** the month's minutes this line rests on: counted minutes, or for G0323 the practitioner's own minutes */
  minutes: number;
  reasons: string[];
}

export interface NextThreshold {
  code: BillingCode;
  /** units of `code` the month would carry at `atMinutes` */
  units: number;
  /** month total on the code's own minute basis (G0323: the practitioner's own minutes) */
  atMinutes: number;
  minutesNeeded: number;
}

/** A computed line plus the month total at which its units were reached, for a threshold-date service date. */
export interface LineCandidate extends BillingLine {
  reachedAtMinutes: number;
  basis: 'counted' | 'g0323_own';
}

/** What a calculator found for the month's minutes: lines, or why there are none. */
export interface MinuteOutcome {
  lines: LineCandidate[];
  /** set when no line is reached, e.g. "below 16 minutes: ..." */
  belowThreshold: string | null;
}
