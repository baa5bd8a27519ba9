// GAD-7: band edges, positive cutoff, unscored difficulty item, LOINC mapping.
import { describe, expect, it } from 'vitest';
import { scoreScreening } from '../../../src/domain/instruments/index.js';
import { answersWithTotal } from './fixtures.js';

const score = (answers: (number | null)[]) => scoreScreening('gad-7', answers, { sex: 'unknown' });

describe('GAD-7 bands and cutoff', () => {
  it.each([
    ['GAD-7 floor 0: minimal (instruments.md §1)', 0, 'minimal', false],
    ['GAD-7 band edge 4→5, below: minimal (instruments.md §1)', 4, 'minimal', false],
    ['GAD-7 band edge 4→5, above: mild (instruments.md §1)', 5, 'mild', false],
    ['GAD-7 band edge 9→10, below: mild, negative (instruments.md §1)', 9, 'mild', false],
    ['GAD-7 band edge 9→10, above: moderate, positive at ≥ 10 (instruments.md §1)', 10, 'moderate', true],
    ['GAD-7 band edge 14→15, below: moderate (instruments.md §1)', 14, 'moderate', true],
    ['GAD-7 band edge 14→15, above: severe (instruments.md §1)', 15, 'severe', true],
    ['GAD-7 ceiling 21: severe (instruments.md §1)', 21, 'severe', true],
  ])('%s', (_name, total, severity, positive) => {
    expect(score(answersWithTotal(total, 7, 3))).toMatchObject({ total, severity, positive, flags: [] });
  });
});

describe('GAD-7 difficulty item (8th answer)', () => {
  it.each([
    ['difficulty 3 with total 9 is never scored (instruments.md §1)', [...answersWithTotal(9, 7, 3), 3], 9],
    ['difficulty 0 with total 21 (instruments.md §1)', [...answersWithTotal(21, 7, 3), 0], 21],
    ['difficulty left blank (instruments.md §1)', [...answersWithTotal(4, 7, 3), null], 4],
  ])('%s', (_name, answers, total) => {
    const result = score(answers);
    expect(result.total).toBe(total);
    expect(result.items[7]).toEqual({ index: 7, loinc: null, value: answers[7] });
  });
});

it('GAD-7 maps items, panel and total to LOINC (instruments.md §3)', () => {
  const result = score(answersWithTotal(3, 7, 3));
  expect(result.loinc).toEqual({ panel: '69737-5', total: '70274-6' });
  expect(result.items.map((item) => item.loinc)).toEqual([
    '69725-0',
    '68509-9',
    '69733-4',
    '69734-2',
    '69735-9',
    '69689-8',
    '69736-7',
  ]);
});
