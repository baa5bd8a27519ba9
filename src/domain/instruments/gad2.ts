// GAD-2 anxiety pre-screen as data: GAD-7 items 1–2, summed; a positive screen calls for the full GAD-7.
import { GAD7 } from './gad7.js';
import { scoreSumScale, sourceTag } from './sum-scale.js';
import type { Instrument } from './types.js';

export const GAD2_DEFAULT_RULES = {
  // instruments.md §4: score 0–6; ≥ 3 is positive and leads to the full GAD-7 [P].
  positiveAt: 3,
};

export const GAD2: Instrument = {
  code: 'gad-2',
  name: 'GAD-2',
  version: '1.0.0',
  // GAD-7 items 1–2 (69725-0, 68509-9); no panel or total code verified (instruments.md §1, §4) [U].
  items: GAD7.items.slice(0, 2),
  requiredCount: 2,
  answerRange: { min: 0, max: 3 },
  blankAllowed: [],
  countText: '2 answers',
  loinc: { panel: null, total: null },
  totalRange: { min: 0, max: 6 },
  score: (answers, { rules }) =>
    scoreSumScale(GAD2, answers, {
      bands: null,
      positiveAt: rules.gad2.positiveAt,
      positiveMeans: 'give the full GAD-7',
      itemsTag: 'instruments.md §4',
      cutoffTag: sourceTag(rules.gad2, GAD2_DEFAULT_RULES, 'instruments.md §4'),
    }),
};
