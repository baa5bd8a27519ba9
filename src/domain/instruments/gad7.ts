// GAD-7 anxiety scale as data, scored as a sum of 7 items 0–3 with severity bands.
import { scoreSumScale, sourceTag } from './sum-scale.js';
import type { SeverityBand } from './sum-scale.js';
import type { Instrument } from './types.js';

export const GAD7_SEVERITIES = ['minimal', 'mild', 'moderate', 'severe'] as const;
export type Gad7Severity = (typeof GAD7_SEVERITIES)[number];

export const GAD7_DEFAULT_RULES: { bands: SeverityBand<Gad7Severity>[]; positiveAt: number } = {
  // instruments.md §1: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe [P].
  bands: [
    { min: 0, max: 4, severity: 'minimal' },
    { min: 5, max: 9, severity: 'mild' },
    { min: 10, max: 14, severity: 'moderate' },
    { min: 15, max: 21, severity: 'severe' },
  ],
  // instruments.md §1: positive at ≥ 10 (sens 89 %, spec 82 % for GAD) [P].
  positiveAt: 10,
};

export const GAD7: Instrument = {
  code: 'gad-7',
  name: 'GAD-7',
  version: '1.0.0',
  // Item codes, panel and total: instruments.md §3 [V]. Scored by ordinal, never by answer LA code,
  // because item 2 uses a different LA code in the third position (instruments.md §0).
  items: [
    { number: '1', loinc: '69725-0', scored: true },
    { number: '2', loinc: '68509-9', scored: true },
    { number: '3', loinc: '69733-4', scored: true },
    { number: '4', loinc: '69734-2', scored: true },
    { number: '5', loinc: '69735-9', scored: true },
    { number: '6', loinc: '69689-8', scored: true },
    { number: '7', loinc: '69736-7', scored: true },
    // Optional difficulty item, never scored (instruments.md §1); the reference gives no LOINC code for it.
    { number: '8', loinc: null, scored: false },
  ],
  requiredCount: 7,
  answerRange: { min: 0, max: 3 },
  blankAllowed: [7],
  countText: '7 answers (an 8th, the unscored difficulty item, is optional)',
  loinc: { panel: '69737-5', total: '70274-6' },
  totalRange: { min: 0, max: 21 },
  score: (answers, { rules }) =>
    scoreSumScale(GAD7, answers, {
      bands: rules.gad7.bands,
      positiveAt: rules.gad7.positiveAt,
      itemsTag: 'instruments.md §3',
      cutoffTag: sourceTag(rules.gad7, GAD7_DEFAULT_RULES, 'instruments.md §1'),
    }),
};
