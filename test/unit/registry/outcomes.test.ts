// Outcome arithmetic: baseline window, latest score, percent change, response, remission, weeks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findBaseline,
  episodeScores,
  isRemission,
  isResponse,
  percentChange,
  summarizeOutcome,
  weeksInTreatment,
  type BaselineRule,
  type MeasureScore,
} from '../../../src/domain/registry/outcomes.js';
import { day, ENROLLED, phq9 } from './fixtures.js';

const baselineOf = (scores: MeasureScore[], rule?: BaselineRule, asOf = day(200)) =>
  findBaseline(episodeScores(scores, 'PHQ-9', ENROLLED, asOf), ENROLLED, rule);

describe('baseline (mbc.md §2: first score at/after enrollment, window enrollment..+14 days)', () => {
  it.each([
    [
      'a score on the enrollment day is in the window',
      [phq9(0, 16)],
      { date: day(0), total: 16, source: 'window' },
    ],
    ['day 14 is the last day of the window', [phq9(14, 15)], { date: day(14), total: 15, source: 'window' }],
    [
      'day 15 falls back to the first later score',
      [phq9(15, 14)],
      { date: day(15), total: 14, source: 'after_window' },
    ],
    [
      'the first in-window score wins over later ones',
      [phq9(20, 9), phq9(3, 17), phq9(10, 12)],
      { date: day(3), total: 17, source: 'window' },
    ],
    [
      'a screening score before enrollment is not the baseline',
      [phq9(-1, 20), phq9(5, 16)],
      { date: day(5), total: 16, source: 'window' },
    ],
    [
      'a GAD-7 score is not a PHQ-9 baseline',
      [{ date: day(0), instrument: 'GAD-7' as const, total: 12 }, phq9(2, 16)],
      { date: day(2), total: 16, source: 'window' },
    ],
  ])('baseline: %s', (_rule, scores, expected) => {
    const found = baselineOf(scores);
    expect(found && { date: found.score.date, total: found.score.total, source: found.source }).toEqual(
      expected,
    );
  });

  it.each([
    ['no scores', [], undefined, null],
    [
      'fallback "none": day 15 is outside the window, so no baseline',
      [phq9(15, 14)],
      { windowDays: 14, fallback: 'none' as const },
      null,
    ],
    [
      'a 7-day window: day 8 falls back',
      [phq9(8, 14)],
      { windowDays: 7, fallback: 'first_after_window' as const },
      'after_window',
    ],
  ])('baseline: %s', (_rule, scores, rule, source) => {
    expect(baselineOf(scores, rule)?.source ?? null).toBe(source);
  });

  it('baseline: scores after asOf are not seen', () => {
    expect(baselineOf([phq9(10, 16)], undefined, day(9))).toBeNull();
  });
});

describe('percent change, response, remission (mbc.md §2)', () => {
  it.each([
    ['16 → 8 is a 50 % reduction', 16, 8, 50],
    ['16 → 12 is 25 %', 16, 12, 25],
    ['16 → 20 is −25 % (worse)', 16, 20, -25],
    ['10 → 10 is 0 %', 10, 10, 0],
    ['baseline 0 is undefined (no outcome denominator)', 0, 3, undefined],
    ['baseline 0 to 0 is undefined too', 0, 0, undefined],
  ])('percentChange: %s', (_rule, baseline, latest, expected) => {
    expect(percentChange(baseline, latest)).toBe(expected);
  });

  it.each([
    ['16 → 8: exactly 50 % is a response', 16, 8, true],
    ['16 → 9: 43.75 % is not', 16, 9, false],
    ['15 → 7: 53 % is a response', 15, 7, true],
    ['15 → 8: 46.7 % is not', 15, 8, false],
    ['baseline 0 is never a response', 0, 0, false],
  ])('isResponse (≥ 50 %% reduction): %s', (_rule, baseline, latest, expected) => {
    expect(isResponse(baseline, latest)).toBe(expected);
  });

  it.each([
    ['4 is remission', 4, true],
    ['5 is not (remission is < 5)', 5, false],
  ])('isRemission: %s', (_rule, latest, expected) => {
    expect(isRemission(latest)).toBe(expected);
  });

  it('isResponse agrees with percentChange ≥ 50 for every score pair (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 27 }), fc.integer({ min: 0, max: 27 }), (baseline, latest) => {
        const change = percentChange(baseline, latest) ?? Number.NaN;
        // Compare in integers to avoid float noise at exactly 50 %.
        expect(isResponse(baseline, latest)).toBe(2 * latest <= baseline);
        expect(change >= 50 - 1e-9).toBe(2 * latest <= baseline);
      }),
    );
  });
});

describe('weeksInTreatment (mbc.md §6: enrollment is week 0)', () => {
  it.each([
    ['day 0 is week 0', 0, 0],
    ['day 6 is still week 0', 6, 0],
    ['day 7 is week 1', 7, 1],
    ['day 84 is week 12', 84, 12],
    ['a day before enrollment is 0, not negative', -3, 0],
  ])('weeksInTreatment: %s', (_rule, n, weeks) => {
    expect(weeksInTreatment(ENROLLED, day(n))).toBe(weeks);
  });
});

describe('summarizeOutcome', () => {
  it('latest, change, response and remission from the episode scores', () => {
    const summary = summarizeOutcome([phq9(0, 16), phq9(28, 10), phq9(56, 4)], 'PHQ-9', ENROLLED, day(60));
    expect(summary).toMatchObject({
      latest: { date: day(56), total: 4 },
      percentChange: 75,
      response: true,
      remission: true,
      weeksInTreatment: 8,
    });
    expect(summary.baseline?.score.total).toBe(16);
  });

  it('a single score is the baseline and the latest, but no response or remission yet', () => {
    const summary = summarizeOutcome([phq9(0, 3)], 'PHQ-9', ENROLLED, day(10));
    expect(summary).toMatchObject({
      latest: { total: 3 },
      percentChange: 0,
      response: false,
      remission: false,
    });
    expect(summary.followUps).toEqual([]);
  });
});
