// AUDIT-C alcohol screen as data: sum of 3 items 0–4 with sex-specific cutoffs and an assessment threshold.
import { scoreSumScale, sourceTag } from './sum-scale.js';
import type { Instrument, Sex } from './types.js';

export const AUDIT_C_DEFAULT_RULES = {
  // instruments.md §5: positive at ≥ 4 for men, ≥ 3 for women [V]; a rule-pack setting by design.
  positiveAt: { male: 4, female: 3 },
  // instruments.md §5: higher scores (commonly 7–8 and above) need clinical assessment [U].
  assessmentAt: 7,
};

const SEX_LABEL: Record<Sex, string> = {
  female: 'for women',
  male: 'for men',
  other: '(lower cutoff, sex recorded as other)',
  unknown: '(lower cutoff, sex unknown)',
};

export const AUDIT_C: Instrument = {
  code: 'audit-c',
  name: 'AUDIT-C',
  version: '1.0.0',
  // Item codes (68518-0, not 68517-2), panel 72109-2 and total 75626-2: instruments.md §5.
  items: [
    { number: '1', loinc: '68518-0', scored: true },
    { number: '2', loinc: '68519-8', scored: true },
    { number: '3', loinc: '68520-6', scored: true },
  ],
  requiredCount: 3,
  answerRange: { min: 0, max: 4 },
  blankAllowed: [],
  countText: '3 answers',
  loinc: { panel: '72109-2', total: '75626-2' },
  totalRange: { min: 0, max: 12 },
  score(answers, { sex, rules }) {
    const { positiveAt, assessmentAt } = rules.auditC;
    const tag = sourceTag(rules.auditC, AUDIT_C_DEFAULT_RULES, 'instruments.md §5');
    // instruments.md §5: when sex is not male or female, apply the lower cutoff and say so.
    const lower = Math.min(positiveAt.male, positiveAt.female);
    const cutoff = sex === 'male' ? positiveAt.male : sex === 'female' ? positiveAt.female : lower;
    const result = scoreSumScale(AUDIT_C, answers, {
      bands: null,
      positiveAt: cutoff,
      cutoffLabel: SEX_LABEL[sex],
      itemsTag: 'instruments.md §5',
      cutoffTag: tag,
    });
    if (sex === 'other' || sex === 'unknown') {
      result.reasons.push(
        `AUDIT-C cutoffs are sex-specific; sex is ${sex}, so the lower cutoff ${lower} applies (${tag})`,
      );
    }
    const total = result.total ?? 0;
    if (total >= assessmentAt) {
      result.flags.push('alcohol_assessment_needed');
      result.reasons.push(
        `AUDIT-C total ${total} ≥ ${assessmentAt} → possible alcohol use disorder; needs clinical assessment (${tag})`,
      );
    }
    if (result.positive && (answers[1] ?? 0) === 0 && (answers[2] ?? 0) === 0) {
      result.flags.push('alcohol_item1_only');
      result.reasons.push(
        'AUDIT-C points all from item 1 (items 2 and 3 are 0) → probably drinking within limits; review recent intake (instruments.md §5)',
      );
    }
    return result;
  },
};
