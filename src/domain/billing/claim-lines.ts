// A closed month's claim line as every export format reads it (CSV, FHIR Claim, X12 837P): data only.
import type { PostalAddress } from './identifiers.js';

/** CMS place of service 11: office (docs/domain/fhir.md §6). */
export const PLACE_OF_SERVICE_OFFICE = '11';

export interface ClaimView {
  id: string;
  episodeId: string;
  patientId: string;
  billingPractitionerId: string;
  program: string;
  code: string;
  units: number;
  serviceDate: string;
  minutes: number;
  diagnoses: string[];
  reasons: string[];
  rulePackId: string;
  monthKind: string | null;
  /** Expected payment from the rule pack's amount (billing.md §9), null when the pack has none. */
  feeCents: number | null;
  /** The practice's charge, units × the charge schedule's price; null when the code has no price. */
  chargeCents: number | null;
  /** Why `chargeCents` is null (exports are refused until it is set), else null. */
  chargeNote: string | null;
}

/** Everything an export needs about one claim line; names and ids of people, no free text. */
export interface ClaimExportRow extends ClaimView {
  month: string;
  patient: {
    mrn: string;
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: string;
    payer: string | null;
    memberId: string | null;
    address: PostalAddress | null;
  };
  /** The month's billing practitioner; the 837P takes the structured names, never the display name split. */
  billingPractitioner: {
    name: string;
    givenName: string | null;
    familyName: string | null;
    npi: string | null;
  };
  consentDate: string | null;
  /** The recorded initiating visit (billing.md §1), null when none is. */
  initiatingVisitDate: string | null;
  referralDate: string;
  lastCaseReviewDate: string | null;
  baselineScore: number | null;
  latestScore: number | null;
  minutesByRole: Record<string, number>;
}

/** A line's charge for an export; exports refuse uncharged lines first, so a null here is a programming error. */
export function chargedCents(line: ClaimExportRow): number {
  if (line.chargeCents === null)
    throw new Error(`claim line ${line.id} has no charge; check the schedule first`);
  return line.chargeCents;
}

/** The clinic as the billing provider of its claims (837P 2010AA, CSV billing_tin). */
export interface ClinicBillingIdentity {
  id: string;
  name: string;
  billingNpi: string | null;
  taxId: string | null;
  address: PostalAddress | null;
}
