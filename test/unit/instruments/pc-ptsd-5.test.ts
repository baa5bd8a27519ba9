// PC-PTSD-5: trauma gate, count of yes answers, configurable 3/4 cutoff.
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_RULES, scoreScreening } from '../../../src/domain/instruments/index.js';
import type { Answer } from '../../../src/domain/instruments/index.js';

const score = (answers: Answer[], positiveAt: 3 | 4 = 3) =>
  scoreScreening('pc-ptsd-5', answers, {
    sex: 'unknown',
    rules: { ...DEFAULT_INSTRUMENT_RULES, pcPtsd5: { positiveAt } },
  });

describe('PC-PTSD-5 scoring', () => {
  it.each([
    [
      'no trauma, items blank: score 0, negative (instruments.md §6)',
      [0, null, null, null, null, null],
      3,
      0,
      false,
    ],
    ['no trauma, items 0: score 0, negative (instruments.md §6)', [0, 0, 0, 0, 0, 0], 3, 0, false],
    ['trauma, no items: 0 (instruments.md §6)', [1, 0, 0, 0, 0, 0], 3, 0, false],
    ['cutoff 3 edge 2→3, below: negative (instruments.md §6)', [1, 1, 1, 0, 0, 0], 3, 2, false],
    ['cutoff 3 edge 2→3, above: positive (instruments.md §6)', [1, 1, 1, 1, 0, 0], 3, 3, true],
    [
      'cutoff 4 edge 3→4, below: negative (instruments.md §6, higher specificity)',
      [1, 1, 1, 1, 0, 0],
      4,
      3,
      false,
    ],
    [
      'cutoff 4 edge 3→4, above: positive (instruments.md §6, higher specificity)',
      [1, 1, 1, 1, 1, 0],
      4,
      4,
      true,
    ],
    ['ceiling 5: positive (instruments.md §6)', [1, 1, 1, 1, 1, 1], 3, 5, true],
  ] as const)('%s', (_name, answers, positiveAt, total, positive) => {
    expect(score([...answers], positiveAt)).toMatchObject({ total, positive, severity: null, flags: [] });
  });

  it('says the gate stopped the screen (instruments.md §6)', () => {
    expect(score([0, null, null, null, null, null]).reasons).toEqual([
      'PC-PTSD-5 trauma exposure = no → score 0, negative screen (instruments.md §6)',
    ]);
  });

  it('maps the gate and items to LOINC; total 102017-1 (instruments.md §6)', () => {
    const result = score([1, 0, 0, 0, 0, 0]);
    expect(result.loinc).toEqual({ panel: null, total: '102017-1' });
    expect(result.items.map((item) => item.loinc)).toEqual([
      '102011-4',
      '102012-2',
      '102013-0',
      '102014-8',
      '102015-5',
      '102016-3',
    ]);
  });
});
