// Checks consent, the initiating visit and diagnosis, the prerequisites a month needs before any code is billed (billing.md §1).
import { z } from 'zod';
import { consentElementsMissing, type ConsentRecord } from './consent.js';
import {
  addMonths,
  dayOf,
  lastDayOfMonth,
  monthRange,
  clinicDaySchema,
  type ClinicMonth,
} from '../calendar/index.js';

export type Consent = ConsentRecord;

/** billing.md §1: the initiating visit is an E/M visit, an annual wellness visit (AWV) or a Welcome to Medicare visit (IPPE). */
export const INITIATING_VISIT_TYPES = ['em', 'awv', 'ippe'] as const;
export type InitiatingVisitType = (typeof INITIATING_VISIT_TYPES)[number];
export const INITIATING_VISIT_LABEL: Record<InitiatingVisitType, string> = {
  em: 'E/M visit',
  awv: 'Annual wellness visit (AWV)',
  ippe: 'Welcome to Medicare visit (IPPE)',
};

export const initiatingVisitFactsSchema = z.strictObject({
  date: clinicDaySchema,
  type: z.enum(INITIATING_VISIT_TYPES),
  /** the visit was with the month's billing practitioner */
  byBillingPractitioner: z.boolean(),
});
export type InitiatingVisitFacts = z.input<typeof initiatingVisitFactsSchema>;

/** billing.md §1: a patient not seen by the billing practitioner within the past 12 months needs an initiating visit. */
export const INITIATING_VISIT_LOOKBACK_MONTHS = 12;

export interface PrerequisiteFacts {
  month: ClinicMonth;
  timeZone: string;
  /** the consent that governs the month (see consentForMonth) */
  consent: Consent | null;
  /** ICD-10-CM codes of the behavioral condition(s) managed, primary first */
  diagnoses: readonly string[];
  /** first month of the episode */
  episodeStartMonth: ClinicMonth;
  /** when the month's billing practitioner took over from another; null or absent when they directed care from the start */
  billingPractitionerSince?: Date | null | undefined;
  /** the recorded initiating visit; null or absent when none is recorded */
  initiatingVisit?: InitiatingVisitFacts | null | undefined;
}

export interface PrerequisiteCheck {
  /** each one alone stops the month from being billed */
  blockers: string[];
  /** billable, but worth a clerk's look */
  warnings: string[];
}

const ELEMENT_REASON = {
  costSharing:
    'the consent on file does not record that cost sharing (deductible and coinsurance) was explained; document a new consent (billing.md §1)',
  consultation:
    'the consent on file does not record that consultation with specialists (the psychiatric consultant) was explained; document a new consent (billing.md §1)',
} as const;

function consentCheck(facts: PrerequisiteFacts): PrerequisiteCheck {
  const { month, timeZone, consent } = facts;
  if (consent === null) {
    return {
      blockers: [
        'no consent on file: CoCM/BHI needs documented advance consent before billing (billing.md §1)',
      ],
      warnings: [],
    };
  }
  const { start, end } = monthRange(month, timeZone);
  const obtained = dayOf(consent.obtainedAt, timeZone);
  if (consent.obtainedAt >= end) {
    return {
      blockers: [
        `consent obtained ${obtained}, after ${month} ended; this month cannot be billed (billing.md §1)`,
      ],
      warnings: [],
    };
  }
  const withdrawnAt = consent.withdrawnAt ?? null;
  if (withdrawnAt !== null && withdrawnAt < start) {
    return {
      blockers: [`consent withdrawn ${dayOf(withdrawnAt, timeZone)}, before ${month} began (billing.md §1)`],
      warnings: [],
    };
  }
  const blockers: string[] = consentElementsMissing(consent).map((element) => ELEMENT_REASON[element]);
  const since = facts.billingPractitionerSince ?? null;
  if (since !== null && consent.obtainedAt < since) {
    // billing.md §1: consent is repeated when the billing practitioner changes.
    blockers.push(
      `the billing practitioner changed on ${dayOf(since, timeZone)} and the consent on file (${obtained}) predates it; ` +
        `document consent again before billing (billing.md §1)`,
    );
  }
  const warnings: string[] = [];
  if (consent.obtainedAt >= start) {
    // billing.md §1 asks for consent before billing, not before each minute [U]
    warnings.push(`consent obtained ${obtained}, during ${month}; minutes of the whole month were counted`);
  }
  if (withdrawnAt !== null && withdrawnAt < end) {
    // billing.md §1: the patient may stop at any time; minutes from the withdrawal on are not counted.
    warnings.push(
      `consent withdrawn ${dayOf(withdrawnAt, timeZone)}; minutes from then on are not counted (billing.md §1)`,
    );
  }
  return { blockers, warnings };
}

/**
 * billing.md §1 [P]: a patient who is new to the billing practitioner or has not seen them within 12 months
 * needs a face-to-face initiating visit (E/M, AWV or IPPE) by that practitioner before BHI starts. The visit
 * the episode records is the evidence either way: it must be with the month's billing practitioner, no later
 * than the month billed, and no earlier than 12 months before the episode's first month [U: our encoding].
 */
function initiatingVisitCheck(facts: PrerequisiteFacts): PrerequisiteCheck {
  const visit = facts.initiatingVisit ?? null;
  if (visit === null) {
    return {
      blockers: [
        'no initiating visit recorded: a patient new to the billing practitioner or not seen by them within 12 months ' +
          'needs a face-to-face initiating visit (E/M, AWV or IPPE) before BHI starts (billing.md §1)',
      ],
      warnings: [],
    };
  }
  const blockers: string[] = [];
  if (!visit.byBillingPractitioner) {
    blockers.push(
      `the initiating visit on ${visit.date} was with another practitioner; the month's billing practitioner ` +
        `must have seen the patient within 12 months (billing.md §1)`,
    );
  }
  if (visit.date > lastDayOfMonth(facts.month)) {
    blockers.push(
      `the initiating visit on ${visit.date} is after ${facts.month}; BHI starts after it (billing.md §1)`,
    );
  }
  const earliest = `${addMonths(facts.episodeStartMonth, -INITIATING_VISIT_LOOKBACK_MONTHS)}-01`;
  if (visit.date < earliest) {
    blockers.push(
      `the initiating visit on ${visit.date} is more than 12 months before the episode began (${facts.episodeStartMonth}); ` +
        `a new initiating visit is needed (billing.md §1)`,
    );
  }
  return { blockers, warnings: [] };
}

function diagnosisCheck(diagnoses: readonly string[]): PrerequisiteCheck {
  const codes = diagnoses.map((code) => code.trim()).filter((code) => code.length > 0);
  if (codes.length === 0) {
    return {
      blockers: ['no behavioral health diagnosis on file: the claim needs one (billing.md §1)'],
      warnings: [],
    };
  }
  // billing.md §1: no CMS code list, but payers may deny Z-code-only or symptom-only claims [U]
  const hasFCode = codes.some((code) => code.toUpperCase().startsWith('F'));
  return {
    blockers: [],
    warnings: hasFCode
      ? []
      : [
          `no F-code among the diagnoses (${codes.join(', ')}): payers may deny Z-code-only or symptom-only claims`,
        ],
  };
}

export function checkPrerequisites(facts: PrerequisiteFacts): PrerequisiteCheck {
  const checks = [consentCheck(facts), initiatingVisitCheck(facts), diagnosisCheck(facts.diagnoses)];
  return {
    blockers: checks.flatMap((check) => check.blockers),
    warnings: checks.flatMap((check) => check.warnings),
  };
}
