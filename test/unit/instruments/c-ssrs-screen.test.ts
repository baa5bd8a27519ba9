// C-SSRS screen: risk levels from items 1–6 and 6b, the conservative reading of a missing 6b, flags.
import { describe, expect, it } from 'vitest';
import { scoreScreening } from '../../../src/domain/instruments/index.js';
import type { Answer } from '../../../src/domain/instruments/index.js';

const score = (answers: Answer[]) => scoreScreening('c-ssrs-screen', answers, { sex: 'unknown' });

describe('C-SSRS screen risk level', () => {
  it.each([
    ['all no: no level, negative (instruments.md §7)', [0, 0, null, null, null, 0], null, []],
    ['all no with 3–5 answered 0 (instruments.md §7)', [0, 0, 0, 0, 0, 0], null, []],
    ['item 1 only: low (instruments.md §7)', [1, 0, null, null, null, 0], 'low', ['suicidal_ideation']],
    ['items 1 and 2, 3–5 no: low (instruments.md §7)', [1, 1, 0, 0, 0, 0], 'low', ['suicidal_ideation']],
    ['item 2 only: low (instruments.md §7)', [0, 1, 0, 0, 0, 0], 'low', ['suicidal_ideation']],
    ['item 3 yes: moderate (instruments.md §7)', [1, 1, 1, 0, 0, 0], 'moderate', ['suicidal_ideation']],
    ['item 4 yes: high (instruments.md §7)', [1, 1, 0, 1, 0, 0], 'high', ['suicidal_ideation']],
    ['item 5 yes: high (instruments.md §7)', [1, 1, 0, 0, 1, 0], 'high', ['suicidal_ideation']],
    [
      'item 6 yes, 6b no (more than 3 months ago): moderate (instruments.md §7)',
      [0, 0, null, null, null, 1, 0],
      'moderate',
      ['suicidal_ideation', 'suicidal_behavior'],
    ],
    [
      'item 6 yes, 6b yes (within 3 months): high (instruments.md §7)',
      [0, 0, null, null, null, 1, 1],
      'high',
      ['suicidal_ideation', 'suicidal_behavior'],
    ],
    [
      'item 6 yes, 6b absent: treated as recent, high (instruments.md §7, conservative)',
      [0, 0, null, null, null, 1],
      'high',
      ['suicidal_ideation', 'suicidal_behavior'],
    ],
    [
      'item 6 yes, 6b blank: treated as recent, high (instruments.md §7, conservative)',
      [0, 0, null, null, null, 1, null],
      'high',
      ['suicidal_ideation', 'suicidal_behavior'],
    ],
    [
      'item 3 and 6 (6b no): moderate, the highest level wins (instruments.md §7)',
      [1, 1, 1, 0, 0, 1, 0],
      'moderate',
      ['suicidal_ideation', 'suicidal_behavior'],
    ],
    [
      'item 1 and item 5: high, the highest level wins (instruments.md §7)',
      [1, 1, 0, 0, 1, 0],
      'high',
      ['suicidal_ideation'],
    ],
  ] as const)('%s', (_name, answers, severity, flags) => {
    const result = score([...answers]);
    expect(result).toMatchObject({ total: null, severity, positive: severity !== null, flags });
  });

  it('says when 6b was missing and read as recent (instruments.md §7)', () => {
    expect(score([0, 0, null, null, null, 1]).reasons).toContain(
      'C-SSRS item 6 (suicidal behaviour) = yes, item 6b (within 3 months) not recorded → treated as recent → high (instruments.md §7)',
    );
  });

  it('maps items to LOINC; the summary code is the risk level 93374-7 (instruments.md §7)', () => {
    const result = score([1, 1, 0, 0, 0, 1, 0]);
    expect(result.loinc).toEqual({ panel: '93373-9', total: '93374-7' });
    expect(result.items.map((item) => item.loinc)).toEqual([
      '93246-7',
      '93247-5',
      '93248-3',
      '93249-1',
      '93250-9',
      '93267-3',
      '93269-9',
    ]);
  });
});
