// The psychiatric case-review list: who is included, with which reasons, in which order.
import { describe, expect, it } from 'vitest';
import { buildCaseReviewList } from '../../../src/domain/registry/case-review.js';
import type { EpisodeSnapshot } from '../../../src/domain/registry/snapshot.js';
import { day, phq9, quietEpisode } from './fixtures.js';

const asOf = day(84);
const NO_SAFETY = { phq9Item9: null, cssrs: null, asq: null, clinicianFlaggedAt: null };
const episode = (episodeId: string, overrides: Partial<EpisodeSnapshot> = {}) =>
  quietEpisode(asOf, { episodeId, ...overrides });

const safety = (id: string, on: number) =>
  episode(id, { safety: { ...NO_SAFETY, cssrs: { date: day(on), value: 'high' } } });
const newEnrollee = (id: string, enrolledDay: number) =>
  episode(id, { enrolledAt: day(enrolledDay), scores: [phq9(enrolledDay, 15)], caseReviews: [] });
const notImproving = (id: string) => episode(id, { scores: [phq9(0, 16), phq9(70, 14)] });
const requested = (id: string, on: number) => episode(id, { reviewRequestedAt: day(on) });

const ids = (list: ReturnType<typeof buildCaseReviewList>) => list.map((i) => i.episodeId);

describe('buildCaseReviewList (mbc.md §1, §8; billing.md §2: initial-month review)', () => {
  it.each([
    ['safety before a new enrollee', [newEnrollee('b', 80), safety('a', 83)], ['a', 'b']],
    ['a new enrollee before not improving', [notImproving('b'), newEnrollee('a', 80)], ['a', 'b']],
    ['not improving before a clinician request', [requested('b', 80), notImproving('a')], ['a', 'b']],
    [
      'same reason: waiting longest first (earlier enrollment)',
      [newEnrollee('a', 82), newEnrollee('b', 78)],
      ['b', 'a'],
    ],
    ['same reason: earlier request first', [requested('a', 83), requested('b', 70)], ['b', 'a']],
    ['same reason and day: by episode id', [requested('b', 80), requested('a', 80)], ['a', 'b']],
  ])('order: %s', (_rule, snapshots, expected) => {
    expect(ids(buildCaseReviewList(snapshots, asOf))).toEqual(expected);
  });

  it.each([
    ['a quiet, reviewed, improving patient', episode('x')],
    ['a discharged patient', { ...safety('x', 80), status: 'discharged' as const }],
    [
      'a general BHI patient (no psychiatric consultant)',
      { ...safety('x', 80), program: 'general_bhi' as const },
    ],
    [
      'a request already answered by a review',
      episode('x', { reviewRequestedAt: day(80), caseReviews: [{ date: day(81) }] }),
    ],
  ])('excludes %s', (_rule, snapshot) => {
    expect(buildCaseReviewList([snapshot], asOf)).toEqual([]);
  });

  it('one item per episode, with every reason in priority order', () => {
    const both = episode('a', {
      scores: [phq9(0, 16), phq9(70, 14)],
      reviewRequestedAt: day(83),
      safety: { ...NO_SAFETY, phq9Item9: { date: day(83), value: 1 } },
    });
    expect(buildCaseReviewList([both], asOf)).toEqual([
      {
        episodeId: 'a',
        careManagerId: 'cm-1',
        priority: 'safety_risk',
        reasons: [
          { code: 'safety_risk', reason: 'PHQ-9 item 9 = 1 on 2026-03-29', since: day(83) },
          { code: 'not_improving', reason: 'PHQ-9 16 → 14 after 84 days: 12 % < 50 % target', since: day(0) },
          { code: 'requested', reason: 'Case review requested on 2026-03-29', since: day(83) },
        ],
      },
    ]);
  });
});
