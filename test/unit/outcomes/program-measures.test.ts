// Program outcome measures per episode, hand-computed: inclusion, exclusion reasons, response, remission, follow-up.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROGRAM_MEASURE_RULE,
  measureEpisode,
  measureTwelveMonths,
  percentile,
  programMeasureRuleSchema,
  type DayScore,
  type EpisodeMeasureInput,
} from '../../../src/domain/outcomes/index.js';
import { addDays, dayOf } from '../../../src/domain/calendar/index.js';

// Enrolled 2026-01-05; default window weeks 12–16 is days 84–112 (2026-03-30 … 2026-04-27).
const ENROLLED = '2026-01-05';
const day = (n: number) => addDays(ENROLLED, n);
const s = (n: number, total: number): DayScore => ({ day: day(n), total });
const episode = (scores: DayScore[], over: Partial<EpisodeMeasureInput> = {}): EpisodeMeasureInput => ({
  enrolledOn: ENROLLED,
  dischargedOn: null,
  scores,
  asOf: day(200),
  ...over,
});

describe('response and remission at 12–16 weeks (measurement-based-care.md §2, §3)', () => {
  it.each([
    ['§2 response: 20 → 10 in the window is exactly 50 %', [s(0, 20), s(90, 10)], true, false, 10],
    ['§2 response: 20 → 11 is 45 %, not a response', [s(0, 20), s(90, 11)], false, false, 11],
    ['§2 remission: 12 → 4 is below 5 (and a response)', [s(0, 12), s(100, 4)], true, true, 4],
    ['§2 remission: 10 → 5 is not below 5', [s(0, 10), s(100, 5)], true, false, 5],
    ['§3 window opens on day 84 (week 12)', [s(0, 18), s(84, 3)], true, true, 3],
    ['§3 window closes on day 112 (week 16)', [s(0, 18), s(112, 3)], true, true, 3],
    ['§3 the last score in the window decides', [s(0, 18), s(85, 3), s(110, 12)], false, false, 12],
    ['§3 a score after the window does not count', [s(0, 18), s(80, 12), s(113, 2)], false, false, null],
    ['§3 no follow-up in the window: in the denominator, not met', [s(0, 18), s(30, 9)], false, false, null],
  ])('%s', (_rule, scores, response, remission, windowTotal) => {
    const m = measureEpisode(episode(scores));
    expect(m.outcome).toEqual({
      included: true,
      windowScore: windowTotal === null ? null : expect.objectContaining({ total: windowTotal }),
      response,
      remission,
    });
  });

  it.each([
    ['§2 no PHQ-9 since enrollment', [], {}, 'no_baseline'],
    ['§2 a score before enrollment is not a baseline', [s(-3, 20)], {}, 'no_baseline'],
    ['§2 baseline 9 is below the elevated threshold 10', [s(0, 9), s(90, 2)], {}, 'baseline_below_threshold'],
    [
      'discharged on day 83, before the window opened',
      [s(0, 20), s(60, 4)],
      { dischargedOn: day(83) },
      'discharged_before_window',
    ],
    [
      'asOf day 100, inside the window, no score yet',
      [s(0, 20), s(50, 12)],
      { asOf: day(100) },
      'window_not_reached',
    ],
    ['asOf day 112, last window day, no score yet', [s(0, 20)], { asOf: day(112) }, 'window_not_reached'],
  ] as const)('excluded: %s', (_rule, scores, over, exclusion) => {
    expect(measureEpisode(episode([...scores], over)).outcome).toEqual({ included: false, exclusion });
  });

  it.each([
    ['discharged on day 84 with a score that day is measured', [s(0, 20), s(84, 4)], day(84), true],
    ['scores after discharge are not the program’s', [s(0, 20), s(95, 4)], day(90), false],
  ])('%s', (_rule, scores, dischargedOn, response) => {
    const m = measureEpisode(episode(scores, { dischargedOn }));
    expect(m.outcome).toMatchObject({ included: true, response });
  });

  it('a score on the baseline day after it is a follow-up, counted in the latest and the change', () => {
    const m = measureEpisode(episode([s(0, 20), s(0, 18), s(30, 12)]));
    expect([m.baseline, m.latest, m.change]).toEqual([s(0, 20), s(30, 12), -8]);
  });

  it('with a 12–14 week window, day 100 is outside it', () => {
    const rule = { ...DEFAULT_PROGRAM_MEASURE_RULE, outcomeWindowWeeks: { from: 12, to: 14 } };
    expect(measureEpisode(episode([s(0, 20), s(100, 2)]), rule).outcome).toMatchObject({
      included: true,
      windowScore: null,
      response: false,
    });
  });
});

describe('time zones: days are the clinic’s (standard 7)', () => {
  it.each([
    // 2026-04-28 03:00 UTC is 23:00 on 2026-04-27 in New York (EDT): the last window day there.
    ['America/New_York', true],
    // The same instant is already 2026-04-28 in UTC: one day after the window.
    ['UTC', false],
  ])('a score at 2026-04-28T03:00Z in %s is in the window: %s', (zone, inWindow) => {
    const late = { day: dayOf('2026-04-28T03:00:00Z', zone), total: 4 };
    expect(measureEpisode(episode([s(0, 20), late])).outcome).toMatchObject({ response: inWindow });
  });
});

describe('follow-up within 4–8 weeks of the baseline (mbc.md §3: early follow-up)', () => {
  it.each([
    ['a score on day 28 after baseline is on time', [s(2, 15), s(30, 12)], {}, true],
    ['a score on day 56 after baseline is on time', [s(2, 15), s(58, 12)], {}, true],
    ['only day 27 and day 57: none in the window', [s(2, 15), s(29, 12), s(59, 11)], {}, false],
    ['window still open on day 40: undecided', [s(2, 15)], { asOf: day(40) }, null],
    ['window closed on day 58 without a score: not met', [s(2, 15)], { asOf: day(59) }, false],
    ['discharged on day 20, before the window: not counted', [s(2, 15)], { dischargedOn: day(20) }, null],
    [
      'discharged on day 40, inside the window, no score: not met',
      [s(2, 15)],
      { dischargedOn: day(40) },
      false,
    ],
    ['no baseline: not counted', [], {}, null],
  ] as const)('%s', (_rule, scores, over, expected) => {
    expect(measureEpisode(episode([...scores], over)).followUpInWindow).toBe(expected);
  });
});

describe('time to 50 % improvement and change', () => {
  it.each([
    [
      'first score at or below half the baseline: 20 → 10 on day 45 (43 days after)',
      [s(2, 20), s(30, 14), s(45, 10), s(60, 4)],
      43,
    ],
    ['never reached: 20 → 11', [s(2, 20), s(30, 11)], null],
    ['baseline below 10 is not in the measure', [s(2, 8), s(30, 2)], null],
  ])('%s', (_rule, scores, days) => {
    expect(measureEpisode(episode(scores)).daysToResponse).toBe(days);
  });

  it.each([
    ['latest minus baseline', [s(0, 20), s(30, 14), s(60, 9)], -11],
    ['a baseline alone has no change', [s(0, 20)], null],
  ])('change: %s', (_rule, scores, change) => {
    expect(measureEpisode(episode(scores)).change).toBe(change);
  });
});

describe('12 months ± 60 days, HEDIS/CMS159-style approximation (mbc.md §3)', () => {
  const base = s(0, 16);
  it.each([
    [
      'day 305 is the first window day',
      [s(305, 4)],
      day(500),
      { counted: true, followUp: true, response: true, remission: true },
    ],
    [
      'day 425 is the last window day',
      [s(425, 8)],
      day(500),
      { counted: true, followUp: true, response: true, remission: false },
    ],
    [
      'day 304 and 426 are outside: no follow-up, not met',
      [s(304, 2), s(426, 2)],
      day(500),
      { counted: true, followUp: false, response: false, remission: false },
    ],
    ['window not over on day 425: not counted yet', [s(400, 2)], day(425), { counted: false }],
  ])('%s', (_rule, scores, asOf, expected) => {
    expect(measureTwelveMonths({ baseline: base, scores, asOf })).toEqual(expected);
  });

  it('a baseline of 9 is not in the measure', () => {
    expect(measureTwelveMonths({ baseline: s(0, 9), scores: [s(365, 1)], asOf: day(500) })).toEqual({
      counted: false,
    });
  });
});

describe('percentile matches percentile_cont (linear between ranks)', () => {
  it.each([
    ['median of an odd count', [5, 1, 3], 0.5, 3],
    ['median of an even count is the mean of the middle two', [1, 2, 3, 4], 0.5, 2.5],
    ['90th of 1..10 is 9.1', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    ['one value', [7], 0.9, 7],
    ['none', [], 0.5, null],
  ])('%s', (_rule, values, p, expected) => {
    const got = percentile(values, p);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 9);
  });
});

describe('rule validation', () => {
  it.each([
    ['window to before from', { outcomeWindowWeeks: { from: 16, to: 12 } }, 'outcomeWindowWeeks.to'],
    ['follow-up to before from', { followUpWindowWeeks: { from: 8, to: 4 } }, 'followUpWindowWeeks.to'],
    ['remission threshold 0', { remissionBelow: 0 }, 'remissionBelow'],
  ])('refuses %s', (_rule, over, path) => {
    const parsed = programMeasureRuleSchema.safeParse({ ...DEFAULT_PROGRAM_MEASURE_RULE, ...over });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
