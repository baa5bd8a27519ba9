// PHQ-9: band edges, positive cutoff, item 9 rule, unscored difficulty item, LOINC mapping.
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_RULES, scoreScreening } from '../../../src/domain/instruments/index.js';
import type { InstrumentRules } from '../../../src/domain/instruments/index.js';
import { phq9Answers } from './fixtures.js';

const score = (answers: (number | null)[], rules?: InstrumentRules) =>
  scoreScreening('phq-9', answers, { sex: 'unknown', ...(rules ? { rules } : {}) });

describe('PHQ-9 bands and cutoff', () => {
  it.each([
    ['PHQ-9 floor 0: none, negative (instruments.md §1)', 0, 'none', false],
    ['PHQ-9 band edge 4→5, below: none (instruments.md §1)', 4, 'none', false],
    ['PHQ-9 band edge 4→5, above: mild (instruments.md §1)', 5, 'mild', false],
    ['PHQ-9 band edge 9→10, below: mild, negative (instruments.md §1)', 9, 'mild', false],
    ['PHQ-9 band edge 9→10, above: moderate, positive at ≥ 10 (instruments.md §1)', 10, 'moderate', true],
    ['PHQ-9 band edge 14→15, below: moderate (instruments.md §1)', 14, 'moderate', true],
    ['PHQ-9 band edge 14→15, above: moderately severe (instruments.md §1)', 15, 'moderately_severe', true],
    ['PHQ-9 band edge 19→20, below: moderately severe (instruments.md §1)', 19, 'moderately_severe', true],
    ['PHQ-9 band edge 19→20, above: severe (instruments.md §1)', 20, 'severe', true],
    ['PHQ-9 highest total without item 9 (24): severe (instruments.md §1)', 24, 'severe', true],
  ])('%s', (_name, total, severity, positive) => {
    const result = score(phq9Answers(total));
    expect(result).toMatchObject({ instrument: 'phq-9', total, severity, positive, flags: [] });
  });

  it('PHQ-9 ceiling 27: severe, positive, item 9 flagged (instruments.md §1, §2)', () => {
    expect(score(phq9Answers(27, 3))).toMatchObject({ total: 27, severity: 'severe', positive: true });
  });
});

describe('PHQ-9 item 9 rule', () => {
  it.each([
    ['item 9 = 0 with total 0: no flag (instruments.md §2)', phq9Answers(0), 0, 'none', false, []],
    ['item 9 = 0 with total 24: no flag (instruments.md §2)', phq9Answers(24), 24, 'severe', true, []],
    [
      'item 9 = 1, everything else 0 (total 1): flag, positive whatever the total (instruments.md §2)',
      phq9Answers(1, 1),
      1,
      'none',
      true,
      ['suicidal_ideation'],
    ],
    [
      'item 9 = 3, everything else 0 (total 3): flag (instruments.md §2)',
      phq9Answers(3, 3),
      3,
      'none',
      true,
      ['suicidal_ideation'],
    ],
    [
      'item 9 = 3 with total 27: flag (instruments.md §2)',
      phq9Answers(27, 3),
      27,
      'severe',
      true,
      ['suicidal_ideation'],
    ],
  ])('%s', (_name, answers, total, severity, positive, flags) => {
    expect(score(answers)).toMatchObject({ total, severity, positive, flags });
  });

  it('says why, with a short source tag (instruments.md §2)', () => {
    const { reasons } = score(phq9Answers(1, 1));
    expect(reasons).toContain(
      'PHQ-9 item 9 = 1 → suicidal ideation, whatever the total; same-day risk assessment (instruments.md §2)',
    );
    expect(reasons).toContain('PHQ-9 total 1 < 10, but item 9 > 0 → positive screen (instruments.md §1)');
  });
});

describe('PHQ-9 difficulty item (10th answer)', () => {
  it.each([
    ['difficulty 3 with total 0 is never scored (instruments.md §2)', [...phq9Answers(0), 3], 0],
    ['difficulty 3 with total 9 stays below the cutoff (instruments.md §2)', [...phq9Answers(9), 3], 9],
    ['difficulty left blank (instruments.md §2)', [...phq9Answers(12), null], 12],
  ])('%s', (_name, answers, total) => {
    const result = score(answers);
    expect(result.total).toBe(total);
    expect(result.positive).toBe(total >= 10);
    expect(result.items[9]).toEqual({ index: 9, loinc: '69722-7', value: answers[9] });
  });
});

describe('PHQ-9 codes and rules', () => {
  it('maps items, panel and total to LOINC (instruments.md §2)', () => {
    const result = score(phq9Answers(5));
    expect(result.loinc).toEqual({ panel: '44249-1', total: '44261-6' });
    expect(result.version).toBe('1.0.0');
    expect(result.items.map((item) => item.loinc)).toEqual([
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ]);
  });

  it('uses clinic bands and cutoff, and tags the reason as the clinic rule pack', () => {
    const rules: InstrumentRules = {
      ...DEFAULT_INSTRUMENT_RULES,
      phq9: {
        positiveAt: 8,
        bands: [
          { min: 0, max: 7, severity: 'none' },
          { min: 8, max: 27, severity: 'severe' },
        ],
      },
    };
    const result = score(phq9Answers(8), rules);
    expect(result).toMatchObject({ severity: 'severe', positive: true });
    expect(result.reasons).toContain('PHQ-9 total 8 ≥ 8 → positive screen (clinic rule pack)');
  });
});
