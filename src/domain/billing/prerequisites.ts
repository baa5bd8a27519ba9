// Checks consent and diagnosis, the prerequisites a month needs before any code is billed (billing.md §1).
import { dateOf, monthRange } from './months.js';
import type { MonthString } from './vocabulary.js';

export interface Consent {
  /** when documented advance consent (verbal or written) was obtained */
  obtainedAt: Date;
  /** when the patient stopped the service, if they did */
  withdrawnAt?: Date | null;
}

export interface PrerequisiteFacts {
  month: MonthString;
  timeZone: string;
  consent: Consent | null;
  /** ICD-10-CM codes of the behavioral condition(s) managed, primary first */
  diagnoses: readonly string[];
}

export interface PrerequisiteCheck {
  /** each one alone stops the month from being billed */
  blockers: string[];
  /** billable, but worth a clerk's look */
  warnings: string[];
}

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
  const obtained = dateOf(consent.obtainedAt, timeZone);
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
      blockers: [`consent withdrawn ${dateOf(withdrawnAt, timeZone)}, before ${month} began (billing.md §1)`],
      warnings: [],
    };
  }
  const warnings: string[] = [];
  if (consent.obtainedAt >= start) {
    // billing.md §1 asks for consent before billing, not before each minute [U]
    warnings.push(`consent obtained ${obtained}, during ${month}; minutes of the whole month were counted`);
  }
  if (withdrawnAt !== null && withdrawnAt < end) {
    // billing.md §1: stopping takes effect at the end of the month [U]
    warnings.push(
      `consent withdrawn ${dateOf(withdrawnAt, timeZone)}; treated as effective at the end of ${month}`,
    );
  }
  return { blockers: [], warnings };
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
  const checks = [consentCheck(facts), diagnosisCheck(facts.diagnoses)];
  return {
    blockers: checks.flatMap((check) => check.blockers),
    warnings: checks.flatMap((check) => check.warnings),
  };
}
