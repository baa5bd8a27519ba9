// PHQ-2 depression pre-screen as data: PHQ-9 items 1–2, summed; a positive screen calls for the full PHQ-9.
import { PHQ9 } from './phq9.js';
import { scoreSumScale, sourceTag } from './sum-scale.js';
import type { Instrument } from './types.js';

export const PHQ2_DEFAULT_RULES = {
  // instruments.md §4: score 0–6; ≥ 3 is positive and leads to the full PHQ-9 [P].
  positiveAt: 3,
};

export const PHQ2: Instrument = {
  code: 'phq-2',
  name: 'PHQ-2',
  version: '1.0.0',
  // Same item codes as PHQ-9 items 1–2; panel and total 55757-9 / 55758-7 (instruments.md §1, §4) [P].
  items: PHQ9.items.slice(0, 2),
  requiredCount: 2,
  answerRange: { min: 0, max: 3 },
  blankAllowed: [],
  countText: '2 answers',
  loinc: { panel: '55757-9', total: '55758-7' },
  totalRange: { min: 0, max: 6 },
  score: (answers, { rules }) =>
    scoreSumScale(PHQ2, answers, {
      bands: null,
      positiveAt: rules.phq2.positiveAt,
      positiveMeans: 'give the full PHQ-9',
      itemsTag: 'instruments.md §4',
      cutoffTag: sourceTag(rules.phq2, PHQ2_DEFAULT_RULES, 'instruments.md §4'),
    }),
};
