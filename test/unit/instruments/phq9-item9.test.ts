// PHQ-9 item 9 positivity is one predicate: scoring, triage and the registry safety flag all agree with it (instruments.md §2).
import { describe, expect, it } from 'vitest';
import { isPhq9Item9Positive, scoreScreening } from '../../../src/domain/instruments/index.js';
import { computeFlags } from '../../../src/domain/registry/flags.js';
import { DEFAULT_TRIAGE_RULES, triage } from '../../../src/domain/triage.js';
import { day, quietEpisode } from '../registry/fixtures.js';
import { phq9Answers } from './fixtures.js';

describe('isPhq9Item9Positive (instruments.md §2)', () => {
  it.each([
    [null, false, 'unanswered item 9 is not positive'],
    [0, false, '"Not at all" is negative'],
    [1, true, '"Several days" is positive, whatever the total'],
    [2, true, '"More than half the days" is positive'],
    [3, true, '"Nearly every day" is positive'],
  ])('item 9 = %s → %s (%s)', (answer, positive, _rule) => {
    expect(isPhq9Item9Positive(answer)).toBe(positive);
  });
});

describe('every user of the item 9 rule agrees with the predicate (one fact, one place)', () => {
  const asOf = day(30);
  it.each([0, 1, 2, 3])('item 9 = %i with a total of 4', (item9) => {
    const expected = isPhq9Item9Positive(item9);
    const score = scoreScreening('phq-9', phq9Answers(4, item9), { sex: 'unknown' });
    expect(score.flags.includes('suicidal_ideation')).toBe(expected);
    const triaged = triage(
      { score, administeredAt: new Date('2026-01-15T17:00:00Z'), timeZone: 'America/Chicago' },
      DEFAULT_TRIAGE_RULES,
    );
    expect(triaged.disposition === 'safety_protocol').toBe(expected);
    const episode = quietEpisode(asOf, {
      safety: { phq9Item9: { date: asOf, value: item9 }, cssrs: null, asq: null, clinicianFlaggedAt: null },
    });
    expect(computeFlags(episode, asOf).some((f) => f.code === 'safety_risk')).toBe(expected);
  });
});
