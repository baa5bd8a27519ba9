// Initial vs subsequent month and the 6-month new-episode rule (billing.md §2.2).
import { describe, expect, it } from 'vitest';
import { billMonth, classifyCocmMonth, gapMonths, MEDICARE_2025 } from '../../../src/domain/billing/index.js';
import { billed, initialMonth, subsequentMonth } from './fixtures.js';

describe('classifyCocmMonth (billing.md §2.2)', () => {
  it.each([
    [
      '2025-10',
      '2025-10',
      [],
      'initial',
      'first month of an episode with no earlier CoCM service is the initial month',
    ],
    ['2025-11', '2025-10', ['2025-10'], 'subsequent', 'the month after the initial month is subsequent'],
    [
      '2025-12',
      '2025-10',
      ['2025-10', '2025-11'],
      'subsequent',
      'later months of the episode are subsequent',
    ],
    [
      '2025-10',
      '2025-09',
      [],
      'initial',
      'first month with CoCM service is the initial month even if the referral month had none',
    ],
    [
      '2025-10',
      '2025-10',
      ['2025-10', '2025-11'],
      'initial',
      'service months at or after the billed month are ignored',
    ],
    [
      '2025-10',
      '2025-10',
      ['2025-04'],
      'subsequent',
      '5 gap months (May–Sep) since the last service: no new episode yet',
    ],
    [
      '2025-10',
      '2025-10',
      ['2025-03'],
      'initial',
      '6 gap months (Apr–Sep) since the last service: a new episode may begin',
    ],
    [
      '2025-10',
      '2025-10',
      ['2025-02'],
      'initial',
      '7 gap months since the last service: a new episode may begin',
    ],
    [
      '2025-01',
      '2025-01',
      ['2024-07'],
      'subsequent',
      '5 gap months across a year end (Aug–Dec) keep the old episode',
    ],
    [
      '2025-01',
      '2025-01',
      ['2024-06'],
      'initial',
      '6 gap months across a year end (Jul–Dec) allow a new episode',
    ],
    ['2025-09', '2025-10', ['2025-08'], 'before_episode', 'a month before the episode start is not billable'],
  ])('%s, episode from %s, service in %j → %s (%s)', (month, episodeStartMonth, priorServiceMonths, kind) => {
    expect(classifyCocmMonth({ month, episodeStartMonth, priorServiceMonths }, MEDICARE_2025).kind).toBe(
      kind,
    );
  });

  it.each([
    ['2025-04', '2025-10', 5],
    ['2025-03', '2025-10', 6],
    ['2025-09', '2025-10', 0],
    ['2024-06', '2025-01', 6],
  ])('gapMonths(%s, %s) = %i calendar months strictly between', (last, month, gap) => {
    expect(gapMonths(last, month)).toBe(gap);
  });

  it('a 6-month gap inside a running episode stays subsequent but warns that the episode ended by rule', () => {
    const result = classifyCocmMonth(
      {
        month: '2025-10',
        episodeStartMonth: '2025-01',
        priorServiceMonths: ['2025-01', '2025-02', '2025-03'],
      },
      MEDICARE_2025,
    );
    expect(result.kind).toBe('subsequent');
    expect(result.warnings[0]).toContain('the episode has ended by rule');
  });

  it('the new-episode gap is a pack setting', () => {
    const pack = { ...MEDICARE_2025, cocm: { ...MEDICARE_2025.cocm, newEpisodeGapMonths: 12 } };
    const facts = { month: '2025-10', episodeStartMonth: '2025-10', priorServiceMonths: ['2025-03'] };
    expect(classifyCocmMonth(facts, pack).kind).toBe('subsequent');
  });
});

describe('billMonth: initial vs subsequent codes (billing.md §2.1, §2.2)', () => {
  it.each([
    ['initial month bills 99492 from 36', initialMonth({ countedMinutes: 40 }), '99492×1'],
    ['subsequent month bills 99493 from 31', subsequentMonth({ countedMinutes: 40 }), '99493×1'],
    [
      '33 minutes in the initial month fall short of 99492 (36)',
      initialMonth({ countedMinutes: 33 }),
      'G2214×1',
    ],
    ['33 minutes in a subsequent month reach 99493 (31)', subsequentMonth({ countedMinutes: 33 }), '99493×1'],
    [
      'new episode after 5 gap months is not allowed: 99493, not 99492',
      initialMonth({ countedMinutes: 40, priorServiceMonths: ['2025-04'] }),
      '99493×1',
    ],
    [
      'new episode after 6 gap months: a new 99492',
      initialMonth({ countedMinutes: 40, priorServiceMonths: ['2025-03'] }),
      '99492×1',
    ],
    [
      'after a short initial month billed as G2214 the next month is subsequent [U]',
      subsequentMonth({
        month: '2025-11',
        episodeStartMonth: '2025-10',
        priorServiceMonths: ['2025-10'],
        countedMinutes: 40,
      }),
      '99493×1',
    ],
  ])('%s → %s', (_rule, input, expected) => {
    expect(billed(billMonth(input, MEDICARE_2025))).toBe(expected);
  });

  it('reports the month kind and its reason on every line', () => {
    const result = billMonth(initialMonth({ countedMinutes: 90 }), MEDICARE_2025);
    expect(result.monthKind).toBe('initial');
    for (const line of result.lines)
      expect(line.reasons).toContain(
        'initial month: first month of CoCM service in the episode started 2025-10 (billing.md §2.2)',
      );
  });

  it('explains a refused new episode', () => {
    const result = billMonth(
      initialMonth({ countedMinutes: 40, priorServiceMonths: ['2025-04'] }),
      MEDICARE_2025,
    );
    expect(result.lines[0]?.reasons).toContain(
      'subsequent month: a new episode needs 6 consecutive months without CoCM service, only 5 since 2025-04 (billing.md §2.2)',
    );
  });

  it('skips a month before the episode start', () => {
    const result = billMonth(subsequentMonth({ month: '2025-08', countedMinutes: 50 }), MEDICARE_2025);
    expect(result.skipped?.reason).toContain('2025-08 is before the episode start 2025-09');
    expect(result.monthKind).toBeNull();
    expect(result.nextThreshold).toBeNull();
  });
});
