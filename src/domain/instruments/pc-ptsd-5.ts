// PC-PTSD-5 as data: a trauma-exposure gate, then a count of yes answers on 5 items against a 3/4 cutoff.
import { scoredItems, sourceTag } from './sum-scale.js';
import type { Instrument } from './types.js';

export const PC_PTSD_5_DEFAULT_RULES: { positiveAt: 3 | 4 } = {
  // instruments.md §6: positive at ≥ 3 (VA recommended); ≥ 4 for higher specificity [P].
  positiveAt: 3,
};

const GATE = 0;
const ITEMS = [1, 2, 3, 4, 5];
/** instruments.md §6: items 1–5 are asked only after a yes to trauma exposure. */
const EXPOSED = { item: GATE, is: 1 } as const;

export const PC_PTSD_5: Instrument = {
  code: 'pc-ptsd-5',
  name: 'PC-PTSD-5',
  version: '1.0.0',
  // instruments.md §6: item codes [P]; the gate code 102011-4 is unconfirmed there [U]; score 102017-1 [P];
  // no panel code verified.
  items: [
    { number: 'exposure', loinc: '102011-4', scored: false },
    { number: '1', loinc: '102012-2', scored: true, askedWhen: EXPOSED },
    { number: '2', loinc: '102013-0', scored: true, askedWhen: EXPOSED },
    { number: '3', loinc: '102014-8', scored: true, askedWhen: EXPOSED },
    { number: '4', loinc: '102015-5', scored: true, askedWhen: EXPOSED },
    { number: '5', loinc: '102016-3', scored: true, askedWhen: EXPOSED },
  ],
  requiredCount: 6,
  answerRange: { min: 0, max: 1 },
  blankAllowed: ITEMS,
  countText: '6 answers (trauma exposure, then items 1–5)',
  loinc: { panel: null, total: '102017-1' },
  totalRange: { min: 0, max: 5 },
  // instruments.md §6: with no trauma exposure the screen stops, so the items are blank or 0;
  // with exposure every item is asked.
  checkAnswers(answers, report) {
    const exposed = answers[GATE] === 1;
    for (const index of ITEMS) {
      const value = answers[index] ?? null;
      if (!exposed && value === 1)
        report(index, 'must be 0 or blank when trauma exposure (first answer) is no');
      if (exposed && value === null) report(index, 'must be answered when trauma exposure is yes');
    }
  },
  score(answers, { rules }) {
    const { positiveAt } = rules.pcPtsd5;
    const tag = sourceTag(rules.pcPtsd5, PC_PTSD_5_DEFAULT_RULES, 'instruments.md §6');
    const base = {
      instrument: PC_PTSD_5.code,
      version: PC_PTSD_5.version,
      severity: null,
      flags: [],
      loinc: { panel: PC_PTSD_5.loinc.panel, total: PC_PTSD_5.loinc.total },
      items: scoredItems(PC_PTSD_5, answers),
    };
    if (answers[GATE] !== 1) {
      return {
        ...base,
        total: 0,
        positive: false,
        reasons: ['PC-PTSD-5 trauma exposure = no → score 0, negative screen (instruments.md §6)'],
      };
    }
    const total = ITEMS.filter((index) => answers[index] === 1).length;
    const positive = total >= positiveAt;
    return {
      ...base,
      total,
      positive,
      reasons: [
        `PC-PTSD-5 trauma exposure = yes; ${total} of 5 items yes (instruments.md §6)`,
        positive
          ? `PC-PTSD-5 total ${total} ≥ ${positiveAt} → positive screen (${tag})`
          : `PC-PTSD-5 total ${total} < ${positiveAt} → negative screen (${tag})`,
      ],
    };
  },
};
