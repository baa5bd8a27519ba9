// The relapse, unreachable and review_overdue flags, their boundaries, as-of days and clinic-day edges.
import { describe, expect, it } from 'vitest';
import { buildCaseReviewList } from '../../../src/domain/registry/case-review.js';
import { computeFlags, type FlagCode } from '../../../src/domain/registry/flags.js';
import { DEFAULT_REGISTRY_RULES, type RegistryRules } from '../../../src/domain/registry/rules.js';
import type { EpisodeSnapshot } from '../../../src/domain/registry/snapshot.js';
import { sortByUrgency } from '../../../src/domain/registry/urgency.js';
import { buildSnapshot, type EpisodeFacts } from '../../../src/domain/registry/build-snapshot.js';
import { day, phq9, quietEpisode } from './fixtures.js';

const reasonFor = (s: EpisodeSnapshot, asOf: string, code: FlagCode, rules?: RegistryRules) =>
  computeFlags(s, asOf, rules).find((f) => f.code === code)?.reason ?? null;
const withRules = (patch: Partial<RegistryRules>): RegistryRules => ({ ...DEFAULT_REGISTRY_RULES, ...patch });

describe('relapse: relapse prevention with an elevated score or a lost response (mbc.md §2, §7, §8)', () => {
  const asOf = day(200);
  /** Stepped down on day 120 after a PHQ-9 response; `later` are the scores since. */
  const steppedDown = (baseline: number, ...later: ReturnType<typeof phq9>[]) =>
    quietEpisode(asOf, {
      status: 'relapse_prevention',
      relapsePreventionAt: day(120),
      scores: [phq9(0, baseline), phq9(110, 4), ...later],
    });

  it.each<[string, EpisodeSnapshot, RegistryRules | undefined, string | null]>([
    [
      'PHQ-9 back to 11 from 18 (38 % below): elevated again and response lost',
      steppedDown(18, phq9(190, 11)),
      undefined,
      'PHQ-9 11 on 2026-07-14, in relapse prevention since 2026-05-05: ≥ 10 again; ' +
        'response lost (38 % < 50 % target from baseline 18)',
    ],
    [
      '10 is the threshold (≥ 10), even at exactly 50 % below a baseline of 20',
      steppedDown(20, phq9(190, 10)),
      undefined,
      'PHQ-9 10 on 2026-07-14, in relapse prevention since 2026-05-05: ≥ 10 again',
    ],
    [
      '9 from 18 is exactly 50 % below: still a response, below 10',
      steppedDown(18, phq9(190, 9)),
      undefined,
      null,
    ],
    [
      '9 from 16 is 43 % below: the response is lost though below 10',
      steppedDown(16, phq9(190, 9)),
      undefined,
      'PHQ-9 9 on 2026-07-14, in relapse prevention since 2026-05-05: ' +
        'response lost (43 % < 50 % target from baseline 16)',
    ],
    [
      'a baseline below 10 has no response to lose (mbc.md §2: elevated baseline)',
      steppedDown(9, phq9(190, 6)),
      undefined,
      null,
    ],
    ['a high score before the step-down is not a relapse', steppedDown(18, phq9(115, 12)), undefined, null],
    [
      'a score on the step-down day itself counts',
      steppedDown(18, phq9(120, 12)),
      undefined,
      'PHQ-9 12 on 2026-05-05, in relapse prevention since 2026-05-05: ≥ 10 again; ' +
        'response lost (33 % < 50 % target from baseline 18)',
    ],
    ['the latest score decides: 12, then 3', steppedDown(18, phq9(150, 12), phq9(190, 3)), undefined, null],
    ['a score after asOf is not known yet', steppedDown(18, phq9(201, 15)), undefined, null],
    [
      "a clinic's threshold of 12 and response at 40 %: 11 from 20 is neither",
      steppedDown(20, phq9(190, 11)),
      withRules({ relapse: { latestAtLeast: 12, responseReductionPercent: 40, elevatedBaselineMin: 10 } }),
      null,
    ],
  ])('%s', (_rule, snapshot, rules, reason) => {
    expect(reasonFor(snapshot, asOf, 'relapse', rules)).toBe(reason);
  });

  it('applies only in relapse prevention: an active patient is judged by not_improving', () => {
    const active = {
      ...steppedDown(18, phq9(190, 11)),
      status: 'active' as const,
      relapsePreventionAt: null,
    };
    expect(reasonFor(active, asOf, 'relapse')).toBeNull();
    expect(reasonFor(active, asOf, 'not_improving')).toMatch(/18 → 11/);
  });

  it('enters needs_case_review and the consultant’s queue', () => {
    const relapsing = steppedDown(18, phq9(190, 11));
    expect(reasonFor(relapsing, asOf, 'needs_case_review')).toMatch(/^Relapse \(PHQ-9 11 on 2026-07-14/);
    const [item] = buildCaseReviewList([relapsing], asOf);
    expect(item).toMatchObject({ priority: 'relapse', reasons: [{ code: 'relapse', since: day(190) }] });
  });
});

describe('unreachable: N outreach attempts since the last completed contact (mbc.md §1, §7, §8)', () => {
  const asOf = day(100);
  const attempts = (...days: number[]) => days.map((n) => ({ date: day(n) }));
  /** Last completed contact on day 50 (2026-02-24). */
  const tried = (list: { date: string }[], more: Partial<EpisodeSnapshot> = {}) =>
    quietEpisode(asOf, {
      contacts: [
        { date: day(0), activity: 'initial_assessment' },
        { date: day(50), activity: 'follow_up' },
      ],
      attempts: list,
      ...more,
    });

  it.each<[string, EpisodeSnapshot, RegistryRules | undefined, string | null]>([
    ['2 attempts are fewer than 3', tried(attempts(60, 70)), undefined, null],
    [
      '3 attempts flag, with their dates and the days since the last contact',
      tried(attempts(60, 70, 80)),
      undefined,
      '3 outreach attempts without reaching the patient (2026-03-06, 2026-03-16, 2026-03-26; ≥ 3); ' +
        'no completed contact since 2026-02-24 (50 days)',
    ],
    [
      'attempts before the last completed contact do not count',
      tried(attempts(30, 40, 45, 60, 70)),
      undefined,
      null,
    ],
    [
      'an attempt on the day the patient was reached does not count',
      tried(attempts(50, 60, 70)),
      undefined,
      null,
    ],
    ['an attempt after asOf is not known yet', tried(attempts(60, 70, 101)), undefined, null],
    [
      'never reached since referral',
      tried(attempts(5, 10, 15), { contacts: [] }),
      undefined,
      '3 outreach attempts without reaching the patient (2026-01-10, 2026-01-15, 2026-01-20; ≥ 3); ' +
        'no completed contact since referral on 2026-01-02',
    ],
    [
      'many attempts: the first and the latest dates',
      tried(attempts(55, 60, 65, 70, 75, 80, 85)),
      undefined,
      '7 outreach attempts without reaching the patient (2026-03-01, …, 2026-03-21, 2026-03-26, 2026-03-31; ≥ 3); ' +
        'no completed contact since 2026-02-24 (50 days)',
    ],
    [
      "a clinic's threshold of 4 attempts",
      tried(attempts(60, 70, 80)),
      withRules({ unreachable: { attemptsAtLeast: 4 } }),
      null,
    ],
  ])('%s', (_rule, snapshot, rules, reason) => {
    expect(reasonFor(snapshot, asOf, 'unreachable', rules)).toBe(reason);
  });

  it.each([
    ['relapse prevention', 'relapse_prevention', 'cocm', true],
    ['general BHI', 'active', 'general_bhi', true],
    ['a referral not yet assessed (outreach to book the assessment)', 'referred', 'cocm', false],
  ] as const)('applies in %s: %s', (_rule, status, program, applies) => {
    const s = tried(attempts(60, 70, 80), {
      status,
      program,
      ...(status === 'referred' ? { enrolledAt: null } : {}),
      ...(status === 'relapse_prevention' ? { relapsePreventionAt: day(40) } : {}),
    });
    expect(reasonFor(s, asOf, 'unreachable') !== null).toBe(applies);
  });

  it('ranks a patient the team could not reach above one nobody called', () => {
    const row = (episodeId: string, codes: FlagCode[]) => ({
      episodeId,
      flags: codes.map((code) => ({ code })),
      daysSinceContact: 50,
    });
    const sorted = sortByUrgency([
      row('a', ['no_recent_contact']),
      row('b', ['unreachable', 'no_recent_contact']),
    ]);
    expect(sorted.map((r) => r.episodeId)).toEqual(['b', 'a']);
    expect(sortByUrgency([row('a', ['no_recent_contact']), row('b', ['unreachable'])])[0]?.episodeId).toBe(
      'b',
    );
  });

  it('goes to the consultant’s queue after the reasons with a clinical deadline', () => {
    const list = buildCaseReviewList(
      [
        tried(attempts(60, 70, 80), { episodeId: 'u' }),
        quietEpisode(asOf, { episodeId: 'r', reviewRequestedAt: day(99) }),
      ],
      asOf,
    );
    expect(list.map((i) => [i.episodeId, i.priority])).toEqual([
      ['r', 'requested'],
      ['u', 'unreachable'],
    ]);
  });

  describe('clinic-day edges (America/New_York)', () => {
    const NY = 'America/New_York';
    const facts = (attemptsAt: string[]): EpisodeFacts => ({
      id: 'ep-1',
      careManagerId: 'cm-1',
      program: 'cocm',
      primaryMeasure: 'phq-9',
      referredAt: new Date('2026-06-01T14:00:00Z'),
      enrolledAt: new Date('2026-06-03T14:00:00Z'),
      relapsePreventionAt: null,
      dischargedAt: null,
      reviewRequestedAt: null,
      safetyFlaggedAt: null,
      statusChanges: [],
      screenings: [],
      contacts: {
        count: 2,
        lastAt: new Date('2026-07-01T15:00:00Z'),
        lastActivity: 'follow_up',
        firstFollowUpAt: new Date('2026-07-01T15:00:00Z'),
      },
      attemptsAt: attemptsAt.map((at) => new Date(at)),
      reviewedAt: [],
      recommendations: [],
      monthMinutes: [],
      minutesToDate: 0,
    });
    const flagged = (attemptsAt: string[], asOf: string) => {
      const built = buildSnapshot(facts(attemptsAt), asOf, NY, () => null);
      return built ? reasonFor(built.snapshot, asOf, 'unreachable') !== null : false;
    };
    const two = ['2026-07-10T15:00:00Z', '2026-07-20T15:00:00Z'];

    it.each([
      [
        'a third attempt at 23:30 New York time counts on that day',
        [...two, '2026-08-01T03:30:00Z'],
        '2026-07-31',
        true,
      ],
      [
        'a third attempt at 00:30 New York time belongs to the next day',
        [...two, '2026-08-01T04:30:00Z'],
        '2026-07-31',
        false,
      ],
      ['the next day it counts', [...two, '2026-08-01T04:30:00Z'], '2026-08-01', true],
    ])('%s', (_rule, attemptsAt, asOf, expected) => {
      expect(flagged(attemptsAt, asOf)).toBe(expected);
    });
  });
});

describe('review_overdue: an active patient not discussed at case review in N weeks (mbc.md §4, §9)', () => {
  const asOf = day(100);
  const reviewed = (...days: number[]) =>
    quietEpisode(asOf, { caseReviews: days.map((n) => ({ date: day(n) })) });

  it.each<[string, EpisodeSnapshot, RegistryRules | undefined, string | null]>([
    ['reviewed exactly 4 weeks (28 days) ago is on time', reviewed(0, 72), undefined, null],
    [
      'reviewed 29 days ago is overdue',
      reviewed(0, 71),
      undefined,
      'Not discussed at case review since 2026-03-17: 29 days (> 4 weeks)',
    ],
    [
      'a review after asOf is not known yet',
      reviewed(0, 50, 101),
      undefined,
      'Not discussed at case review since 2026-02-24: 50 days (> 4 weeks)',
    ],
    [
      'never reviewed since enrollment is the new-enrollee signal instead',
      quietEpisode(asOf, { caseReviews: [{ date: day(-2) }] }),
      undefined,
      null,
    ],
    ["a clinic's cadence of 8 weeks", reviewed(0, 50), withRules({ reviewOverdueWeeks: 8 }), null],
    [
      "a clinic's cadence of 2 weeks",
      reviewed(0, 85),
      withRules({ reviewOverdueWeeks: 2 }),
      'Not discussed at case review since 2026-03-31: 15 days (> 2 weeks)',
    ],
  ])('%s', (_rule, snapshot, rules, reason) => {
    expect(reasonFor(snapshot, asOf, 'review_overdue', rules)).toBe(reason);
  });

  it.each([
    [
      'relapse prevention (monthly check-ins, mbc.md §5)',
      { status: 'relapse_prevention' as const, relapsePreventionAt: day(60) },
    ],
    ['general BHI (no psychiatric consultant)', { program: 'general_bhi' as const }],
  ])('does not apply in %s', (_rule, more) => {
    expect(reasonFor({ ...reviewed(0, 50), ...more }, asOf, 'review_overdue')).toBeNull();
  });

  it('moves with the as-of day: on time on day 78, overdue on day 79', () => {
    const s = quietEpisode(day(79), { caseReviews: [{ date: day(0) }, { date: day(50) }] });
    expect(reasonFor(s, day(78), 'review_overdue')).toBeNull();
    expect(reasonFor(s, day(79), 'review_overdue')).toMatch(/29 days/);
  });

  it('comes last in the consultant’s queue, longest since review first', () => {
    const list = buildCaseReviewList(
      [
        quietEpisode(asOf, { episodeId: 'late', caseReviews: [{ date: day(0) }, { date: day(60) }] }),
        quietEpisode(asOf, { episodeId: 'later', caseReviews: [{ date: day(0) }, { date: day(40) }] }),
        quietEpisode(asOf, {
          episodeId: 'unreachable',
          attempts: [{ date: day(60) }, { date: day(70) }, { date: day(80) }],
          contacts: [{ date: day(50), activity: 'follow_up' }],
        }),
      ],
      asOf,
    );
    expect(list.map((i) => [i.episodeId, i.priority])).toEqual([
      ['unreachable', 'unreachable'],
      ['later', 'review_overdue'],
      ['late', 'review_overdue'],
    ]);
  });
});
