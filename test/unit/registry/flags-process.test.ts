// Process registry flags (contact, follow-up, measurement, recommendations, inactivity, minutes) at their boundaries.
import { describe, expect, it } from 'vitest';
import { computeFlags, FLAG_CODES, type FlagCode } from '../../../src/domain/registry/flags.js';
import { DEFAULT_REGISTRY_RULES, type RegistryRules } from '../../../src/domain/registry/rules.js';
import type { EpisodeSnapshot } from '../../../src/domain/registry/snapshot.js';
import { day, phq9, quietEpisode, referredEpisode } from './fixtures.js';

const reasonFor = (s: EpisodeSnapshot, asOf: string, code: FlagCode, rules?: RegistryRules) =>
  computeFlags(s, asOf, rules).find((f) => f.code === code)?.reason ?? null;

const ASSESSED = { date: day(0), activity: 'initial_assessment' as const };
const followUp = (n: number) => ({ date: day(n), activity: 'follow_up' as const });

describe('no_recent_contact (mbc.md §8: > 30 days while active, > 45 in relapse prevention)', () => {
  it.each([
    ['active, 30 days is not yet overdue', 'active' as const, [ASSESSED, followUp(10)], 40, null],
    [
      'active, 31 days is overdue',
      'active' as const,
      [ASSESSED, followUp(10)],
      41,
      'No contact for 31 days (> 30 while active)',
    ],
    [
      'relapse prevention, 45 days is not yet overdue',
      'relapse_prevention' as const,
      [ASSESSED, followUp(10)],
      55,
      null,
    ],
    [
      'relapse prevention, 46 days is overdue',
      'relapse_prevention' as const,
      [ASSESSED, followUp(10)],
      56,
      'No contact for 46 days (> 45 in relapse prevention)',
    ],
    ['no contact at all: counted from enrollment, day 30', 'active' as const, [], 30, null],
    [
      'no contact at all: counted from enrollment, day 31',
      'active' as const,
      [],
      31,
      'No contact since enrollment on 2026-01-05: 31 days (> 30 while active)',
    ],
    [
      'outreach before enrollment does not reset the count',
      'active' as const,
      [followUp(-2)],
      31,
      'No contact since enrollment on 2026-01-05: 31 days (> 30 while active)',
    ],
    [
      'a contact dated after asOf does not count yet',
      'active' as const,
      [ASSESSED, followUp(10), followUp(42)],
      41,
      'No contact for 31 days (> 30 while active)',
    ],
  ])('no_recent_contact: %s', (_rule, status, contacts, asOfDay, reason) => {
    const asOf = day(asOfDay);
    expect(reasonFor(quietEpisode(asOf, { status, contacts }), asOf, 'no_recent_contact')).toBe(reason);
  });

  it('no_recent_contact: not raised for a referred patient awaiting assessment', () => {
    expect(reasonFor(referredEpisode(), '2026-04-01', 'no_recent_contact')).toBeNull();
  });

  it('no_recent_contact: the limit is a rule-pack setting and the flag names the pack', () => {
    const rules: RegistryRules = {
      ...DEFAULT_REGISTRY_RULES,
      version: 'clinic-x-2',
      noContactDays: { active: 14, relapsePrevention: 30 },
    };
    const flags = computeFlags(quietEpisode(day(25), { contacts: [ASSESSED, followUp(10)] }), day(25), rules);
    expect(flags).toContainEqual({
      code: 'no_recent_contact',
      reason: 'No contact for 15 days (> 14 while active)',
      rulesVersion: 'clinic-x-2',
    });
  });
});

describe('no_follow_up_4_weeks (mbc.md §3, §8: enrolled ≥ 28 days, no follow-up after the initial assessment)', () => {
  it.each([
    ['day 27 is still within 4 weeks', [ASSESSED], 27, null],
    [
      'day 28 without a follow-up is flagged',
      [ASSESSED],
      28,
      'No follow-up contact 28 days after the initial assessment on 2026-01-05 (due within 28 days)',
    ],
    ['a follow-up on day 27 clears it', [ASSESSED, followUp(27)], 28, null],
    ['a late follow-up (day 40) clears it too', [ASSESSED, followUp(40)], 41, null],
    [
      'outreach before enrollment is not a follow-up',
      [followUp(-2), ASSESSED],
      28,
      'No follow-up contact 28 days after the initial assessment on 2026-01-05 (due within 28 days)',
    ],
  ])('no_follow_up_4_weeks: %s', (_rule, contacts, asOfDay, reason) => {
    const asOf = day(asOfDay);
    expect(reasonFor(quietEpisode(asOf, { contacts }), asOf, 'no_follow_up_4_weeks')).toBe(reason);
  });

  it('no_follow_up_4_weeks: not raised in relapse prevention', () => {
    const s = quietEpisode(day(40), { status: 'relapse_prevention', contacts: [ASSESSED] });
    expect(reasonFor(s, day(40), 'no_follow_up_4_weeks')).toBeNull();
  });
});

describe('measurement_overdue (mbc.md §8: no primary-measure score for > 30 days while active)', () => {
  it.each([
    ['30 days since the last PHQ-9 is not yet overdue', [phq9(0, 16), phq9(10, 12)], 40, null],
    [
      '31 days since the last PHQ-9 is overdue',
      [phq9(0, 16), phq9(10, 12)],
      41,
      'No PHQ-9 for 31 days (> 30 while active)',
    ],
    ['no score at all: counted from enrollment, day 30', [], 30, null],
    [
      'no score at all: day 31',
      [],
      31,
      'No PHQ-9 since enrollment on 2026-01-05: 31 days (> 30 while active)',
    ],
    [
      'a GAD-7 does not count when PHQ-9 is primary',
      [phq9(0, 16), { date: day(35), instrument: 'GAD-7' as const, total: 8 }],
      41,
      'No PHQ-9 for 41 days (> 30 while active)',
    ],
    [
      'a screening score before enrollment does not count',
      [phq9(-3, 18)],
      31,
      'No PHQ-9 since enrollment on 2026-01-05: 31 days (> 30 while active)',
    ],
  ])('measurement_overdue: %s', (_rule, scores, asOfDay, reason) => {
    const asOf = day(asOfDay);
    expect(reasonFor(quietEpisode(asOf, { scores }), asOf, 'measurement_overdue')).toBe(reason);
  });

  it('measurement_overdue: not raised in relapse prevention (mbc.md §8 says "while active")', () => {
    const s = quietEpisode(day(60), { status: 'relapse_prevention', scores: [phq9(0, 16)] });
    expect(reasonFor(s, day(60), 'measurement_overdue')).toBeNull();
  });
});

describe('recommendation_unacknowledged (local rule: PCP acknowledges within 7 days)', () => {
  const sent = (n: number, ackDay: number | null = null) => ({
    sentAt: day(n),
    acknowledgedAt: ackDay === null ? null : day(ackDay),
  });
  it.each([
    ['7 days without acknowledgement is still within the limit', [sent(10)], 17, null],
    [
      '8 days without acknowledgement is overdue',
      [sent(10)],
      18,
      'Case-review recommendation sent 2026-01-15 not acknowledged by the PCP after 8 days (> 7)',
    ],
    ['acknowledged on day 2 clears it', [sent(10, 12)], 18, null],
    [
      'an acknowledgement dated after asOf is not known yet',
      [sent(10, 19)],
      18,
      'Case-review recommendation sent 2026-01-15 not acknowledged by the PCP after 8 days (> 7)',
    ],
    [
      'several overdue: counted, oldest named',
      [sent(12), sent(2), sent(20), sent(15, 16)],
      21,
      '2 case-review recommendations not acknowledged by the PCP; oldest sent 2026-01-07, 19 days ago (> 7)',
    ],
  ])('recommendation_unacknowledged: %s', (_rule, recommendations, asOfDay, reason) => {
    const asOf = day(asOfDay);
    expect(reasonFor(quietEpisode(asOf, { recommendations }), asOf, 'recommendation_unacknowledged')).toBe(
      reason,
    );
  });
});

describe('inactive_6_months (billing.md §2.2: 6 full calendar months without CoCM service)', () => {
  const ended = (since: string) =>
    `No CoCM service for 6 full months after ${since} (≥ 6): the episode has ended under CPT; discharge as inactive_6_months`;
  it.each([
    ['last service 2026-01, as of 2026-07-31: July is not over', ['2026-01'], '2026-07-31', null],
    [
      'last service 2026-01, as of 2026-08-01: Feb–Jul are 6 empty months',
      ['2026-01'],
      '2026-08-01',
      ended('the last service in 2026-01'),
    ],
    [
      'a service month after asOf does not count yet',
      ['2026-01', '2026-09'],
      '2026-08-01',
      ended('the last service in 2026-01'),
    ],
    ['service in 2026-02 restarts the count', ['2026-01', '2026-02'], '2026-08-01', null],
  ])('inactive_6_months: %s', (_rule, serviceMonths, asOf, reason) => {
    const s = quietEpisode(asOf, { serviceMonths, contacts: [], scores: [] });
    expect(reasonFor(s, asOf, 'inactive_6_months')).toBe(reason);
  });

  it.each([
    ['referred 2026-01, as of 2026-07-31', '2026-07-31', null],
    ['referred 2026-01, as of 2026-08-01', '2026-08-01', ended('referral in 2026-01')],
  ])('inactive_6_months: a referral never served, %s', (_rule, asOf, reason) => {
    expect(reasonFor(referredEpisode(), asOf, 'inactive_6_months')).toBe(reason);
  });

  it('inactive_6_months: a CoCM-only rule (CPT episode), not raised for general BHI', () => {
    expect(
      reasonFor(referredEpisode({ program: 'general_bhi' }), '2026-09-01', 'inactive_6_months'),
    ).toBeNull();
  });
});

describe('minutes_at_risk (mbc.md §8: past mid-month, below the next billing threshold)', () => {
  const billing = { minutesThisMonth: 20, next: { code: '99493', minutesNeeded: 11 } };
  it.each([
    ['day 15 is not past mid-month', '2026-03-15', billing, null],
    [
      'day 16 is past mid-month',
      '2026-03-16',
      billing,
      '20 min this month by day 16; 11 more needed for 99493 by 2026-03-31 (15 days left)',
    ],
    ['nothing further to reach', '2026-03-20', { minutesThisMonth: 80, next: null }, null],
    [
      'the last day of a short month',
      '2026-02-28',
      billing,
      '20 min this month by day 28; 11 more needed for 99493 by 2026-02-28 (0 days left)',
    ],
  ])('minutes_at_risk: %s', (_rule, asOf, billingState, reason) => {
    expect(reasonFor(quietEpisode(asOf, { billing: billingState }), asOf, 'minutes_at_risk')).toBe(reason);
  });

  it('minutes_at_risk: applies in relapse prevention, not to a referred patient without consent', () => {
    const rpp = quietEpisode('2026-03-16', { status: 'relapse_prevention', billing });
    expect(reasonFor(rpp, '2026-03-16', 'minutes_at_risk')).not.toBeNull();
    expect(reasonFor(referredEpisode({ billing }), '2026-03-16', 'minutes_at_risk')).toBeNull();
  });
});

describe('computeFlags: scope and shape', () => {
  // An episode that trips every rule at once, to see which ones each status allows.
  const asOf = '2026-09-16';
  const everything = quietEpisode(asOf, {
    scores: [phq9(0, 16)],
    safety: { phq9Item9: { date: asOf, value: 2 }, cssrs: null, asq: null, clinicianFlaggedAt: null },
    contacts: [],
    caseReviews: [],
    reviewRequestedAt: '2026-09-01',
    recommendations: [{ sentAt: '2026-09-01', acknowledgedAt: null }],
    serviceMonths: ['2026-01'],
    billing: { minutesThisMonth: 5, next: { code: '99493', minutesNeeded: 26 } },
  });
  const codes = (s: EpisodeSnapshot) => computeFlags(s, asOf).map((f) => f.code);

  it.each([
    [
      'referred: safety, requested review, recommendations, CPT inactivity',
      'referred' as const,
      ['safety_risk', 'needs_case_review', 'recommendation_unacknowledged', 'inactive_6_months'],
    ],
    [
      'active: every process rule',
      'active' as const,
      [
        'safety_risk',
        'needs_case_review',
        'no_recent_contact',
        'no_follow_up_4_weeks',
        'measurement_overdue',
        'recommendation_unacknowledged',
        'inactive_6_months',
        'minutes_at_risk',
      ],
    ],
    [
      'relapse prevention: no outcome, measurement or first-follow-up rules',
      'relapse_prevention' as const,
      [
        'safety_risk',
        'needs_case_review',
        'no_recent_contact',
        'recommendation_unacknowledged',
        'inactive_6_months',
        'minutes_at_risk',
      ],
    ],
    ['discharged: none (flags apply to open episodes only)', 'discharged' as const, []],
  ])('computeFlags: %s', (_rule, status, expected) => {
    const s = { ...everything, status, enrolledAt: status === 'referred' ? null : everything.enrolledAt };
    expect(codes(s)).toEqual(expected);
  });

  it('computeFlags: a quiet episode has no flags on any day of its first year', () => {
    for (let n = 0; n < 365; n += 1) expect(computeFlags(quietEpisode(day(n)), day(n))).toEqual([]);
  });

  it('computeFlags: flags come out in FLAG_CODES order, each stamped with the rule-pack version', () => {
    const flags = computeFlags(everything, asOf);
    expect(flags.map((f) => f.code)).toEqual(FLAG_CODES.filter((c) => flags.some((f) => f.code === c)));
    expect(new Set(flags.map((f) => f.rulesVersion))).toEqual(new Set([DEFAULT_REGISTRY_RULES.version]));
  });
});
