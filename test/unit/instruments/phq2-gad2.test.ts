// PHQ-2 and GAD-2 pre-screens: cutoff edges, no bands, item codes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_RULES, scoreScreening } from '../../../src/domain/instruments/index.js';
import { answersWithTotal } from './fixtures.js';

describe('PHQ-2 and GAD-2 cutoff', () => {
  it.each([
    ['PHQ-2 floor 0: negative (instruments.md §4)', 'phq-2', 0, false],
    ['PHQ-2 cutoff edge 2→3, below: negative (instruments.md §4)', 'phq-2', 2, false],
    ['PHQ-2 cutoff edge 2→3, above: positive, give PHQ-9 (instruments.md §4)', 'phq-2', 3, true],
    ['PHQ-2 ceiling 6: positive (instruments.md §4)', 'phq-2', 6, true],
    ['GAD-2 floor 0: negative (instruments.md §4)', 'gad-2', 0, false],
    ['GAD-2 cutoff edge 2→3, below: negative (instruments.md §4)', 'gad-2', 2, false],
    ['GAD-2 cutoff edge 2→3, above: positive, give GAD-7 (instruments.md §4)', 'gad-2', 3, true],
    ['GAD-2 ceiling 6: positive (instruments.md §4)', 'gad-2', 6, true],
  ] as const)('%s', (_name, instrument, total, positive) => {
    const result = scoreScreening(instrument, answersWithTotal(total, 2, 3), { sex: 'unknown' });
    expect(result).toMatchObject({ instrument, total, positive, severity: null, flags: [] });
  });

  it('PHQ-2 positive reason names the next step (instruments.md §4)', () => {
    const { reasons } = scoreScreening('phq-2', [2, 1], { sex: 'unknown' });
    expect(reasons).toContain('PHQ-2 total 3 ≥ 3 → positive screen; give the full PHQ-9 (instruments.md §4)');
  });

  it('clinic cutoff 4 moves the edge (rule pack)', () => {
    const rules = { ...DEFAULT_INSTRUMENT_RULES, gad2: { positiveAt: 4 } };
    expect(scoreScreening('gad-2', [2, 1], { sex: 'unknown', rules }).positive).toBe(false);
    expect(scoreScreening('gad-2', [2, 2], { sex: 'unknown', rules }).positive).toBe(true);
  });
});

describe('PHQ-2 and GAD-2 codes', () => {
  it.each([
    [
      'PHQ-2 = PHQ-9 items 1–2, panel 55757-9, total 55758-7 (instruments.md §4)',
      'phq-2',
      ['44250-9', '44255-8'],
      { panel: '55757-9', total: '55758-7' },
    ],
    [
      'GAD-2 = GAD-7 items 1–2, no verified panel/total (instruments.md §4)',
      'gad-2',
      ['69725-0', '68509-9'],
      { panel: null, total: null },
    ],
  ] as const)('%s', (_name, instrument, items, loinc) => {
    const result = scoreScreening(instrument, [1, 1], { sex: 'unknown' });
    expect(result.items.map((item) => item.loinc)).toEqual(items);
    expect(result.loinc).toEqual(loinc);
  });
});
