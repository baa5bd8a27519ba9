// PHQ-9 depression scale as data, scored as a sum of 9 items 0–3 plus the item 9 suicidal-ideation rule.
import { scoreSumScale, sourceTag } from './sum-scale.js';
import type { SeverityBand } from './sum-scale.js';
import type { Instrument } from './types.js';

export const PHQ9_SEVERITIES = ['none', 'mild', 'moderate', 'moderately_severe', 'severe'] as const;
export type Phq9Severity = (typeof PHQ9_SEVERITIES)[number];

export const PHQ9_DEFAULT_RULES: { bands: SeverityBand<Phq9Severity>[]; positiveAt: number } = {
  // instruments.md §1: 0–4 none/minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe [P].
  bands: [
    { min: 0, max: 4, severity: 'none' },
    { min: 5, max: 9, severity: 'mild' },
    { min: 10, max: 14, severity: 'moderate' },
    { min: 15, max: 19, severity: 'moderately_severe' },
    { min: 20, max: 27, severity: 'severe' },
  ],
  // instruments.md §1: positive screen at ≥ 10 (common) [P].
  positiveAt: 10,
};

/** 0-based position of item 9 (thoughts of self-harm). */
export const PHQ9_ITEM9_INDEX = 8;

/** instruments.md §2: any item 9 answer above "Not at all" is a positive suicidal-ideation screen. */
export const PHQ9_ITEM9_POSITIVE_AT = 1;

/**
 * The one item 9 rule: positive whatever the total. Scoring, triage, the registry safety flag and the
 * entry form all ask this (instruments.md §2).
 */
export function isPhq9Item9Positive(answer: number | null | undefined): boolean {
  return answer !== null && answer !== undefined && answer >= PHQ9_ITEM9_POSITIVE_AT;
}

export const PHQ9: Instrument = {
  code: 'phq-9',
  name: 'PHQ-9',
  version: '1.0.0',
  // Item codes, panel and total: instruments.md §2 [V].
  items: [
    { number: '1', loinc: '44250-9', scored: true },
    { number: '2', loinc: '44255-8', scored: true },
    { number: '3', loinc: '44259-0', scored: true },
    { number: '4', loinc: '44254-1', scored: true },
    { number: '5', loinc: '44251-7', scored: true },
    { number: '6', loinc: '44258-2', scored: true },
    { number: '7', loinc: '44252-5', scored: true },
    { number: '8', loinc: '44253-3', scored: true },
    { number: '9', loinc: '44260-8', scored: true },
    // Difficulty item: recorded, never in the total (instruments.md §2).
    { number: '10', loinc: '69722-7', scored: false },
  ],
  requiredCount: 9,
  answerRange: { min: 0, max: 3 },
  blankAllowed: [9],
  countText: '9 answers (a 10th, the unscored difficulty item, is optional)',
  loinc: { panel: '44249-1', total: '44261-6' },
  totalRange: { min: 0, max: 27 },
  score(answers, { rules }) {
    const item9 = answers[PHQ9_ITEM9_INDEX] ?? 0;
    // Read from the item itself so the alert never depends on the total (instruments.md §2).
    const ideation = isPhq9Item9Positive(item9);
    const result = scoreSumScale(PHQ9, answers, {
      bands: rules.phq9.bands,
      positiveAt: rules.phq9.positiveAt,
      itemsTag: 'instruments.md §2',
      cutoffTag: sourceTag(rules.phq9, PHQ9_DEFAULT_RULES, 'instruments.md §1'),
      ...(ideation ? { positiveByItem: 'item 9 > 0' } : {}),
    });
    if (ideation) {
      result.flags.push('suicidal_ideation');
      result.reasons.push(
        `PHQ-9 item 9 = ${item9} → suicidal ideation, whatever the total; same-day risk assessment (instruments.md §2)`,
      );
    }
    return result;
  },
};
