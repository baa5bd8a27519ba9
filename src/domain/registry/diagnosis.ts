// ICD-10-CM code format checks for an episode's primary condition, and whether it is a behavioral F-code.

export type DiagnosisCheck =
  | { valid: true; code: string; behavioralHealth: boolean; warning: string | null }
  | { valid: false; reason: string };

// ICD-10-CM: a letter, a digit, then a letter or digit (F32, C4A); after the dot up to four more
// letters or digits, where X is a placeholder (T43.2X1A). The check is about shape only: it does not
// know whether the code exists in this year's code set or is billable at this level of detail.
const ICD10CM = /^([A-Z][0-9][0-9A-Z])(?:\.([0-9A-Z]{1,4}))?$/;

/** Upper-cases, drops spaces and puts the dot after the third character ('f321' → 'F32.1'). */
export function normalizeIcd10Cm(input: string): string {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const undotted = compact.replace(/\.$/, '');
  if (undotted.length <= 3 || undotted.includes('.')) return undotted;
  return `${undotted.slice(0, 3)}.${undotted.slice(3)}`;
}

export function checkDiagnosisCode(input: string): DiagnosisCheck {
  if (input.trim() === '') return { valid: false, reason: 'Enter an ICD-10-CM code, e.g. F32.1.' };
  const code = normalizeIcd10Cm(input);
  if (!ICD10CM.test(code)) {
    return {
      valid: false,
      reason:
        `'${input.trim()}' is not an ICD-10-CM code: expected a letter, a digit and a letter or digit ` +
        '(e.g. F32), optionally followed by a dot and up to 4 letters or digits (e.g. F32.1, F43.10).',
    };
  }
  // Chapter 5 (F01–F99) holds mental, behavioral and neurodevelopmental disorders; the CoCM claim
  // should lead with the behavioral condition, and payers may deny Z-code-only or symptom-only
  // claims: docs/domain/billing.md §1.
  const behavioralHealth = isBehavioralDiagnosis(code);
  const warning = behavioralHealth
    ? null
    : `${code} is not a behavioral health F-code; payers may deny CoCM claims that do not lead with a ` +
      'behavioral diagnosis. Add the F-code being treated if there is one.';
  return { valid: true, code, behavioralHealth, warning };
}

/** Chapter 5 of ICD-10-CM (F01–F99): mental, behavioral and neurodevelopmental disorders (billing.md §1). */
export function isBehavioralDiagnosis(code: string): boolean {
  return normalizeIcd10Cm(code).startsWith('F');
}

/**
 * A CoCM or general BHI episode treats a behavioral condition, so it needs at least one F-code among its
 * diagnoses (billing.md §1: "report the behavioral condition being managed (normally an F-code)"; payers
 * may deny claims without one). A clinic whose practitioners document behavioral conditions otherwise may
 * allow episodes without one. Returns the reason, or null when the rule is met.
 */
export function missingBehavioralDiagnosis(
  codes: readonly string[],
  clinic: { allowNonBehavioralDiagnosis: boolean },
): string | null {
  if (clinic.allowNonBehavioralDiagnosis || codes.some(isBehavioralDiagnosis)) return null;
  return (
    'needs a behavioral diagnosis (an ICD-10-CM F-code such as F32.1 or F41.1): CoCM and BHI treat a ' +
    'behavioral condition, and the claim leads with it'
  );
}
