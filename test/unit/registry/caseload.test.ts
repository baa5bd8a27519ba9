// Caseload counts per care manager against the AIMS norm cells and the configured capacity.
import { describe, expect, it } from 'vitest';
import { assessCaseload, summarizeCaseloads } from '../../../src/domain/registry/caseload.js';
import type { EpisodeStatus } from '../../../src/domain/registry/episode-status.js';
import type { CaseloadNormKey } from '../../../src/domain/registry/rules.js';

const medicaid = { capacity: 80, aimsNorm: 'medicaid_behavioral_only' as const };

describe('assessCaseload (mbc.md §4 AIMS norms; capacity default 80)', () => {
  it.each([
    ['59 is below the 60–80 Medicaid/behavioral-only range', 59, 'below_norm', false],
    ['60 is the bottom of the range', 60, 'within_norm', false],
    ['80 is the top of the range and at capacity', 80, 'within_norm', false],
    ['81 is above the range and over capacity', 81, 'above_norm', true],
  ])('%s', (_rule, count, band, overCapacity) => {
    expect(assessCaseload('cm-1', count, medicaid)).toMatchObject({
      count,
      capacity: 80,
      band,
      overCapacity,
    });
  });

  it.each<[string, CaseloadNormKey, number, string]>([
    ['commercial behavioral-only: 89 is below 90–120', 'commercial_behavioral_only', 89, 'below_norm'],
    ['commercial behavioral-only: 120 is within', 'commercial_behavioral_only', 120, 'within_norm'],
    [
      'commercial behavioral + medical: 101 is above 80–100',
      'commercial_behavioral_medical',
      101,
      'above_norm',
    ],
    ['Medicaid behavioral + medical: 75 is within 50–75', 'medicaid_behavioral_medical', 75, 'within_norm'],
    ['Medicaid behavioral + medical: 76 is above', 'medicaid_behavioral_medical', 76, 'above_norm'],
  ])('%s', (_rule, aimsNorm, count, band) => {
    expect(assessCaseload('cm-1', count, { capacity: 100, aimsNorm }).band).toBe(band);
  });

  it.each([
    [
      84,
      '84 active or relapse-prevention patients: over capacity 80 by 4; above the AIMS range 60–80 ' +
        '(Medicaid/uninsured, behavioral conditions only)',
    ],
    [
      80,
      '80 active or relapse-prevention patients: at capacity 80; within the AIMS range 60–80 (Medicaid/uninsured, behavioral conditions only)',
    ],
    [
      40,
      '40 active or relapse-prevention patients: room for 40 more before capacity 80; below the AIMS range 60–80 ' +
        '(Medicaid/uninsured, behavioral conditions only)',
    ],
  ])('explains %i patients', (count, explanation) => {
    expect(assessCaseload('cm-1', count).explanation).toBe(explanation);
  });

  it('a clinic capacity below the norm is honoured (overCapacity follows capacity, band follows AIMS)', () => {
    expect(assessCaseload('cm-1', 70, { capacity: 65, aimsNorm: 'medicaid_behavioral_only' })).toMatchObject({
      overCapacity: true,
      band: 'within_norm',
    });
  });
});

describe('summarizeCaseloads (mbc.md §9: caseload = active + relapse-prevention episodes)', () => {
  const ep = (careManagerId: string | null, status: EpisodeStatus) => ({ careManagerId, status });

  it('counts only active and relapse-prevention episodes, per care manager, sorted by id', () => {
    const summary = summarizeCaseloads(
      [
        ep('cm-b', 'active'),
        ep('cm-a', 'relapse_prevention'),
        ep('cm-a', 'active'),
        ep('cm-a', 'referred'),
        ep('cm-a', 'discharged'),
        ep(null, 'active'),
        ep(null, 'referred'),
      ],
      medicaid,
      ['cm-c'],
    );
    expect(summary.caseloads.map((c) => [c.careManagerId, c.count])).toEqual([
      ['cm-a', 2],
      ['cm-b', 1],
      ['cm-c', 0],
    ]);
    expect(summary.unassigned).toBe(1);
  });
});
