// AUDIT-C: sex-specific cutoffs, the lower cutoff for unknown/other sex, assessment and item-1-only flags.
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_RULES, scoreScreening } from '../../../src/domain/instruments/index.js';
import type { Sex } from '../../../src/domain/instruments/index.js';

const score = (answers: number[], sex: Sex, rules = DEFAULT_INSTRUMENT_RULES) =>
  scoreScreening('audit-c', answers, { sex, rules });

describe('AUDIT-C sex-specific cutoffs', () => {
  it.each([
    ['women edge 2→3, below: negative (instruments.md §5)', 'female', [1, 1, 0], 2, false],
    ['women edge 2→3, above: positive at ≥ 3 (instruments.md §5)', 'female', [1, 1, 1], 3, true],
    ['women at 4: positive (instruments.md §5)', 'female', [2, 1, 1], 4, true],
    ['men at 2: negative (instruments.md §5)', 'male', [1, 1, 0], 2, false],
    ['men edge 3→4, below: negative (instruments.md §5)', 'male', [1, 1, 1], 3, false],
    ['men edge 3→4, above: positive at ≥ 4 (instruments.md §5)', 'male', [2, 1, 1], 4, true],
    [
      'unknown sex edge 2→3, below: negative under the lower cutoff (instruments.md §5)',
      'unknown',
      [1, 1, 0],
      2,
      false,
    ],
    [
      'unknown sex edge 2→3, above: positive under the lower cutoff (instruments.md §5)',
      'unknown',
      [1, 1, 1],
      3,
      true,
    ],
    ['other sex at 2: negative under the lower cutoff (instruments.md §5)', 'other', [1, 1, 0], 2, false],
    ['other sex at 3: positive under the lower cutoff (instruments.md §5)', 'other', [1, 1, 1], 3, true],
    ['ceiling 12: positive (instruments.md §5)', 'male', [4, 4, 4], 12, true],
  ] as const)('%s', (_name, sex, answers, total, positive) => {
    expect(score([...answers], sex)).toMatchObject({ total, positive, severity: null });
  });

  it.each([
    [
      'unknown',
      'AUDIT-C cutoffs are sex-specific; sex is unknown, so the lower cutoff 3 applies (instruments.md §5)',
    ],
    [
      'other',
      'AUDIT-C cutoffs are sex-specific; sex is other, so the lower cutoff 3 applies (instruments.md §5)',
    ],
  ] as const)('says the lower cutoff was applied when sex is %s (instruments.md §5)', (sex, reason) => {
    expect(score([1, 1, 1], sex).reasons).toContain(reason);
  });

  it('names the sex-specific cutoff in the reason (instruments.md §5)', () => {
    expect(score([2, 1, 1], 'male').reasons).toContain(
      'AUDIT-C total 4 ≥ 4 for men → positive screen (instruments.md §5)',
    );
    expect(score([1, 1, 0], 'female').reasons).toContain(
      'AUDIT-C total 2 < 3 for women → negative screen (instruments.md §5)',
    );
  });

  it('clinic cutoffs replace the defaults; unknown sex takes the lower of the two (rule pack)', () => {
    const rules = {
      ...DEFAULT_INSTRUMENT_RULES,
      auditC: { positiveAt: { male: 5, female: 4 }, assessmentAt: 8 },
    };
    expect(score([2, 1, 1], 'male', rules).positive).toBe(false);
    expect(score([2, 1, 1], 'unknown', rules).positive).toBe(true);
    expect(score([1, 1, 1], 'unknown', rules).positive).toBe(false);
    expect(score([2, 1, 1], 'unknown', rules).reasons.at(-1)).toContain('(clinic rule pack)');
  });
});

describe('AUDIT-C flags', () => {
  it.each([
    ['assessment threshold edge 6→7, below: no flag (instruments.md §5 [U])', 'male', [2, 2, 2], []],
    [
      'assessment threshold edge 6→7, above: needs assessment (instruments.md §5 [U])',
      'male',
      [3, 2, 2],
      ['alcohol_assessment_needed'],
    ],
    [
      'all points from item 1, positive: review recent intake (instruments.md §5)',
      'female',
      [3, 0, 0],
      ['alcohol_item1_only'],
    ],
    ['all points from item 1 for men at 4 (instruments.md §5)', 'male', [4, 0, 0], ['alcohol_item1_only']],
    ['item 1 only but negative: no flag (instruments.md §5)', 'male', [3, 0, 0], []],
    ['points spread over items: no item-1 flag (instruments.md §5)', 'female', [1, 1, 1], []],
  ] as const)('%s', (_name, sex, answers, flags) => {
    expect(score([...answers], sex).flags).toEqual(flags);
  });
});

it('AUDIT-C maps items, panel and total to LOINC, item 1 is 68518-0 not 68517-2 (instruments.md §5)', () => {
  const result = score([1, 0, 0], 'female');
  expect(result.loinc).toEqual({ panel: '72109-2', total: '75626-2' });
  expect(result.items.map((item) => item.loinc)).toEqual(['68518-0', '68519-8', '68520-6']);
});
