// ICD-10-CM format checks and the behavioral F-code warning.
import { describe, expect, it } from 'vitest';
import {
  checkDiagnosisCode,
  missingBehavioralDiagnosis,
  normalizeIcd10Cm,
} from '../../../src/domain/registry/diagnosis.js';

describe('ICD-10-CM diagnosis codes (billing.md §1: F-codes expected on the CoCM claim)', () => {
  it.each([
    ['a category alone', 'F32', 'F32'],
    ['lower case is upper-cased', 'f32.1', 'F32.1'],
    ['a missing dot is inserted', 'F329', 'F32.9'],
    ['spaces are dropped', ' F41 .1 ', 'F41.1'],
    ['a trailing dot is dropped', 'F33.', 'F33'],
    ['four characters after the dot', 'F10.239', 'F10.239'],
    ['placeholder X and 7th character', 't432x1a', 'T43.2X1A'],
  ])('normalises: %s (%s → %s)', (_rule, input, code) => {
    expect(normalizeIcd10Cm(input)).toBe(code);
  });

  it.each([
    ['F32.1 major depression', 'F32.1'],
    ['F43.10 PTSD, five characters', 'F43.10'],
    ['F10.20 alcohol use disorder', 'f1020'],
  ])('valid behavioral F-code: %s', (_rule, input) => {
    expect(checkDiagnosisCode(input)).toMatchObject({ valid: true, behavioralHealth: true, warning: null });
  });

  it.each([
    ['Z13.31 depression screening (Z-code)', 'Z13.31'],
    ['R45.851 suicidal ideation (symptom code)', 'R45.851'],
    ['C4A.9 letter in the third position', 'c4a9'],
  ])('valid but not an F-code, so a warning: %s', (_rule, input) => {
    const result = checkDiagnosisCode(input);
    expect(result).toMatchObject({ valid: true, behavioralHealth: false });
    expect(result.valid && result.warning).toMatch(
      /is not a behavioral health F-code; payers may deny CoCM claims/,
    );
  });

  it.each([
    ['empty', '   ', 'Enter an ICD-10-CM code, e.g. F32.1.'],
    ['two characters', 'F3', /not an ICD-10-CM code/],
    ['second character must be a digit', 'FA2.1', /not an ICD-10-CM code/],
    ['first character must be a letter', '332.1', /not an ICD-10-CM code/],
    ['five characters after the dot', 'F32.12345', /not an ICD-10-CM code/],
    ['a dot in the wrong place', 'F3.21', /not an ICD-10-CM code/],
    ['two dots', 'F32..1', /not an ICD-10-CM code/],
    ['punctuation', 'F32-1', /not an ICD-10-CM code/],
  ])('invalid: %s', (_rule, input, reason) => {
    const result = checkDiagnosisCode(input);
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reason).toMatch(reason);
  });
});

describe('an episode needs a behavioral diagnosis (billing.md §1: the claim reports the behavioral condition, normally an F-code)', () => {
  it.each([
    ['E11.9 alone is not behavioral: refused', ['E11.9'], false, false],
    ['Z13.31 screening alone is not behavioral: refused', ['Z13.31'], false, false],
    ['R45.851 symptom alone is not behavioral: refused', ['R45.851'], false, false],
    ['an F-code alone is behavioral', ['F32.1'], false, true],
    ['an F-code after a medical code is enough', ['E11.9', 'F41.1'], false, true],
    ['an unnormalised f-code counts', ['f1020'], false, true],
    ['the clinic allows non-behavioral diagnoses', ['E11.9'], true, true],
  ])('%s', (_rule, codes, allowNonBehavioralDiagnosis, allowed) => {
    const reason = missingBehavioralDiagnosis(codes, { allowNonBehavioralDiagnosis });
    if (allowed) expect(reason).toBeNull();
    else expect(reason).toMatch(/needs a behavioral diagnosis.*F-code/);
  });
});
