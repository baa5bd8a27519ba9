// Clinical registry flags (safety, case review, outcomes, relapse prevention) and their boundary days.
import { describe, expect, it } from 'vitest';
import { computeFlags, type FlagCode } from '../../../src/domain/registry/flags.js';
import { DEFAULT_REGISTRY_RULES, type RegistryRules } from '../../../src/domain/registry/rules.js';
import type { EpisodeSnapshot } from '../../../src/domain/registry/snapshot.js';
import { day, ENROLLED, phq9, quietEpisode, referredEpisode } from './fixtures.js';

const reasonFor = (s: EpisodeSnapshot, asOf: string, code: FlagCode, rules?: RegistryRules) =>
  computeFlags(s, asOf, rules).find((f) => f.code === code)?.reason ?? null;

const NO_SAFETY = { phq9Item9: null, cssrs: null, asq: null, clinicianFlaggedAt: null };

describe('safety_risk (mbc.md §8; instruments.md §2, §7, §8)', () => {
  const asOf = day(30);
  it.each([
    ['PHQ-9 item 9 = 0 is not a risk', { ...NO_SAFETY, phq9Item9: { date: asOf, value: 0 } }, null],
    [
      'PHQ-9 item 9 = 1 is the threshold',
      { ...NO_SAFETY, phq9Item9: { date: asOf, value: 1 } },
      'PHQ-9 item 9 = 1 on 2026-02-04',
    ],
    [
      'C-SSRS low is below the default levels',
      { ...NO_SAFETY, cssrs: { date: asOf, value: 'low' as const } },
      null,
    ],
    [
      'C-SSRS moderate flags',
      { ...NO_SAFETY, cssrs: { date: asOf, value: 'moderate' as const } },
      'C-SSRS moderate risk on 2026-02-04',
    ],
    [
      'C-SSRS high flags',
      { ...NO_SAFETY, cssrs: { date: asOf, value: 'high' as const } },
      'C-SSRS high risk on 2026-02-04',
    ],
    ['ASQ negative is not a risk', { ...NO_SAFETY, asq: { date: asOf, value: 'negative' as const } }, null],
    [
      'ASQ non-acute positive flags',
      { ...NO_SAFETY, asq: { date: asOf, value: 'non_acute_positive' as const } },
      'ASQ non acute positive on 2026-02-04',
    ],
    [
      'a clinician-set concern flags',
      { ...NO_SAFETY, clinicianFlaggedAt: day(29) },
      'Safety concern set by a clinician on 2026-02-03',
    ],
    [
      'every signal is named',
      { ...NO_SAFETY, phq9Item9: { date: asOf, value: 3 }, cssrs: { date: asOf, value: 'high' as const } },
      'PHQ-9 item 9 = 3 on 2026-02-04; C-SSRS high risk on 2026-02-04',
    ],
    [
      'a signal dated after asOf is not known yet',
      { ...NO_SAFETY, phq9Item9: { date: day(31), value: 2 } },
      null,
    ],
  ])('safety_risk: %s', (_rule, safety, reason) => {
    expect(reasonFor(quietEpisode(asOf, { safety }), asOf, 'safety_risk')).toBe(reason);
  });

  it.each([
    [1, 1, 'PHQ-9 item 9 = 1 on 2026-02-04', 'the default threshold flags a positive item 9'],
    [0, 0, 'PHQ-9 item 9 = 0 on 2026-02-04', 'a stricter clinic threshold of 0 flags any answered item 9'],
    [3, 1, 'PHQ-9 item 9 = 1 on 2026-02-04', 'a looser stored threshold never drops a positive item 9'],
    [2, 0, null, 'item 9 = 0 is negative under any threshold above 0'],
  ])('safety_risk: threshold %i, item 9 = %i → %s (%s)', (threshold, value, reason, _rule) => {
    const asOf = day(30);
    const rules = {
      ...DEFAULT_REGISTRY_RULES,
      safety: { ...DEFAULT_REGISTRY_RULES.safety, phq9Item9AtLeast: threshold },
    };
    const s = quietEpisode(asOf, { safety: { ...NO_SAFETY, phq9Item9: { date: asOf, value } } });
    expect(reasonFor(s, asOf, 'safety_risk', rules)).toBe(reason);
  });

  it('safety_risk: applies to a referred patient before enrollment (mbc.md §8)', () => {
    const s = referredEpisode({ safety: { ...NO_SAFETY, phq9Item9: { date: '2026-01-02', value: 1 } } });
    expect(reasonFor(s, '2026-01-03', 'safety_risk')).toBe('PHQ-9 item 9 = 1 on 2026-01-02');
  });

  it('safety_risk: the C-SSRS levels are a rule-pack setting', () => {
    const rules = {
      ...DEFAULT_REGISTRY_RULES,
      safety: { phq9Item9AtLeast: 1, cssrsLevels: ['low' as const] },
    };
    const s = quietEpisode(asOf, { safety: { ...NO_SAFETY, cssrs: { date: asOf, value: 'low' } } });
    expect(reasonFor(s, asOf, 'safety_risk', rules)).toBe('C-SSRS low risk on 2026-02-04');
  });
});

describe('not_improving (mbc.md §2, §3, §8: ≥ 70 days, elevated baseline, < 50 %, latest ≥ 10)', () => {
  it.each([
    ['day 69 is before the review point', [phq9(0, 16), phq9(56, 12)], 69, null],
    [
      'day 70 is the review point',
      [phq9(0, 16), phq9(56, 12)],
      70,
      'PHQ-9 16 → 12 after 70 days: 25 % < 50 % target',
    ],
    [
      'the reason names days in treatment',
      [phq9(0, 16), phq9(56, 12)],
      84,
      'PHQ-9 16 → 12 after 84 days: 25 % < 50 % target',
    ],
    ['20 → 10 is exactly 50 %: response, not flagged', [phq9(0, 20), phq9(56, 10)], 70, null],
    [
      '21 → 11 is 47.6 %, shown rounded down',
      [phq9(0, 21), phq9(56, 11)],
      70,
      'PHQ-9 21 → 11 after 70 days: 47 % < 50 % target',
    ],
    ['baseline 9 is not elevated', [phq9(0, 9), phq9(56, 10)], 70, null],
    [
      'baseline 10 is elevated',
      [phq9(0, 10), phq9(56, 10)],
      70,
      'PHQ-9 10 → 10 after 70 days: 0 % < 50 % target',
    ],
    ['latest 9 is below 10: not flagged', [phq9(0, 16), phq9(56, 9)], 70, null],
    [
      'a worse score says so',
      [phq9(0, 16), phq9(56, 20)],
      70,
      'PHQ-9 16 → 20 after 70 days: 25 % worse, target 50 % lower',
    ],
    ['only the baseline: no outcome to judge yet', [phq9(0, 16)], 70, null],
    [
      'baseline after the 14-day window still counts by default',
      [phq9(20, 16), phq9(56, 14)],
      70,
      'PHQ-9 16 → 14 after 70 days: 12 % < 50 % target',
    ],
    [
      'a GAD-7 score is not the primary measure',
      [phq9(0, 16), { date: day(56), instrument: 'GAD-7' as const, total: 3 }],
      70,
      null,
    ],
  ])('not_improving: %s', (_rule, scores, asOfDay, reason) => {
    const asOf = day(asOfDay);
    const s = quietEpisode(asOf, { scores, contacts: [{ date: asOf, activity: 'follow_up' }] });
    expect(reasonFor(s, asOf, 'not_improving')).toBe(reason);
  });

  it('not_improving: no baseline when the window rule says so (mbc.md §2, configurable)', () => {
    const rules: RegistryRules = {
      ...DEFAULT_REGISTRY_RULES,
      baseline: { windowDays: 14, fallback: 'none' },
    };
    const s = quietEpisode(day(70), { scores: [phq9(20, 16), phq9(56, 14)] });
    expect(reasonFor(s, day(70), 'not_improving', rules)).toBeNull();
  });

  it.each([
    ['relapse_prevention', 'relapse_prevention' as const],
    ['referred', 'referred' as const],
  ])('not_improving: not raised while %s (active treatment only)', (_name, status) => {
    const s = quietEpisode(day(84), { status, scores: [phq9(0, 16), phq9(56, 16)] });
    expect(reasonFor(s, day(84), 'not_improving')).toBeNull();
  });
});

describe('needs_case_review (mbc.md §8; billing.md §2: consultant review in the initial month)', () => {
  it.each([
    [
      'a new enrollee without a review',
      { caseReviews: [] },
      3,
      'New enrollee since 2026-01-05 has had no psychiatric case review (expected in the initial month)',
    ],
    [
      'a review before enrollment does not count',
      { caseReviews: [{ date: day(-1) }] },
      3,
      'New enrollee since 2026-01-05 has had no psychiatric case review (expected in the initial month)',
    ],
    ['a review on the enrollment day counts', { caseReviews: [{ date: ENROLLED }] }, 3, null],
    ['an open clinician request', { reviewRequestedAt: day(20) }, 21, 'Case review requested on 2026-01-25'],
    [
      'a review on the request day satisfies it',
      { reviewRequestedAt: day(20), caseReviews: [{ date: day(20) }] },
      21,
      null,
    ],
    ['a request dated after asOf is not known yet', { reviewRequestedAt: day(22) }, 21, null],
    [
      'not improving needs review',
      { scores: [phq9(0, 16), phq9(56, 12)] },
      70,
      'Not improving (PHQ-9 16 → 12 after 70 days: 25 % < 50 % target)',
    ],
    [
      'every reason is listed',
      { caseReviews: [], reviewRequestedAt: day(2) },
      3,
      'New enrollee since 2026-01-05 has had no psychiatric case review (expected in the initial month); ' +
        'Case review requested on 2026-01-07',
    ],
  ])('needs_case_review: %s', (_rule, overrides: Partial<EpisodeSnapshot>, asOfDay, reason) => {
    const asOf = day(asOfDay);
    expect(reasonFor(quietEpisode(asOf, overrides), asOf, 'needs_case_review')).toBe(reason);
  });

  it('needs_case_review: a referred patient is flagged only on request', () => {
    expect(reasonFor(referredEpisode(), '2026-01-03', 'needs_case_review')).toBeNull();
    const requested = referredEpisode({ reviewRequestedAt: '2026-01-02' });
    expect(reasonFor(requested, '2026-01-03', 'needs_case_review')).toBe(
      'Case review requested on 2026-01-02',
    );
  });

  it('needs_case_review: general BHI has no psychiatric consultant (billing.md §3)', () => {
    const s = quietEpisode(day(3), { program: 'general_bhi', caseReviews: [], reviewRequestedAt: day(1) });
    expect(reasonFor(s, day(3), 'needs_case_review')).toBeNull();
  });
});

describe('ready_for_relapse_prevention (mbc.md §8: remission < 5, or response over scores ≥ 28 days apart)', () => {
  it.each([
    ['remission: 4 is below 5', [phq9(0, 16), phq9(30, 4)], 30, 'PHQ-9 4 on 2026-02-04 (< 5: remission)'],
    ['5 is not remission, and one responding score is not sustained', [phq9(0, 16), phq9(30, 5)], 30, null],
    ['response over 27 days is not yet sustained', [phq9(0, 16), phq9(30, 8), phq9(57, 8)], 57, null],
    [
      'response over 28 days is sustained',
      [phq9(0, 16), phq9(30, 8), phq9(58, 7)],
      58,
      'PHQ-9 at least 50 % below baseline 16 on every score from 2026-02-04 to 2026-03-04 (28 days ≥ 28); latest 7',
    ],
    [
      'weekly responding scores count as one sustained run',
      [phq9(0, 16), phq9(30, 8), phq9(37, 7), phq9(44, 8), phq9(51, 6), phq9(58, 8)],
      58,
      'PHQ-9 at least 50 % below baseline 16 on every score from 2026-02-04 to 2026-03-04 (28 days ≥ 28); latest 8',
    ],
    ['a non-responding score breaks the run', [phq9(0, 16), phq9(30, 8), phq9(44, 9), phq9(58, 8)], 58, null],
    ['a low baseline alone is not remission', [phq9(0, 4)], 30, null],
  ])('ready_for_relapse_prevention: %s', (_rule, scores, asOfDay, reason) => {
    const asOf = day(asOfDay);
    expect(reasonFor(quietEpisode(asOf, { scores }), asOf, 'ready_for_relapse_prevention')).toBe(reason);
  });

  it('ready_for_relapse_prevention: not raised once in relapse prevention', () => {
    const s = quietEpisode(day(30), { status: 'relapse_prevention', scores: [phq9(0, 16), phq9(30, 3)] });
    expect(reasonFor(s, day(30), 'ready_for_relapse_prevention')).toBeNull();
  });
});
