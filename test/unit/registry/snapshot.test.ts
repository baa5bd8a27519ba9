// Episode snapshot validation at the boundary, and the as-of view every rule evaluates.
import { describe, expect, it } from 'vitest';
import { asOfView, episodeSnapshotSchema } from '../../../src/domain/registry/snapshot.js';
import { day, phq9, quietEpisode, referredEpisode } from './fixtures.js';

describe('episodeSnapshotSchema', () => {
  it.each([
    ['an active episode', quietEpisode(day(30))],
    ['a referred episode without enrollment', referredEpisode()],
  ])('accepts %s', (_rule, snapshot) => {
    expect(episodeSnapshotSchema.safeParse(snapshot).success).toBe(true);
  });

  it.each([
    [
      'an active episode without its enrollment day',
      { ...quietEpisode(day(30)), enrolledAt: null },
      'enrolledAt',
    ],
    ['a day that does not exist', { ...quietEpisode(day(30)), referredAt: '2026-02-30' }, 'referredAt'],
    [
      'an instant where a clinic day belongs',
      { ...quietEpisode(day(30)), referredAt: '2026-01-02T10:00:00Z' },
      'referredAt',
    ],
    ['a month in the wrong shape', { ...quietEpisode(day(30)), serviceMonths: ['2026-1'] }, 'serviceMonths'],
    ['an unknown field', { ...quietEpisode(day(30)), flags: [] }, ''],
    [
      'a PHQ-9 item 9 above 3',
      {
        ...quietEpisode(day(30)),
        safety: { ...quietEpisode(day(30)).safety, phq9Item9: { date: day(1), value: 4 } },
      },
      'safety',
    ],
  ])('refuses %s', (_rule, snapshot, path) => {
    const result = episodeSnapshotSchema.safeParse(snapshot);
    expect(result.success).toBe(false);
    expect(String(result.error?.issues[0]?.path[0] ?? '')).toBe(path);
  });
});

describe('asOfView', () => {
  it('drops what happened after asOf and forgets later acknowledgements, safety results and requests', () => {
    const s = quietEpisode(day(40), {
      scores: [phq9(0, 16), phq9(20, 12), phq9(40, 9)],
      contacts: [{ date: day(40), activity: 'follow_up' }],
      caseReviews: [{ date: day(1) }, { date: day(25) }],
      recommendations: [
        { sentAt: day(10), acknowledgedAt: day(30) },
        { sentAt: day(25), acknowledgedAt: null },
      ],
      safety: { phq9Item9: { date: day(40), value: 1 }, cssrs: null, asq: null, clinicianFlaggedAt: day(21) },
      reviewRequestedAt: day(22),
      serviceMonths: ['2026-01', '2026-02'],
    });
    expect(asOfView(s, day(20))).toMatchObject({
      scores: [phq9(0, 16), phq9(20, 12)],
      contacts: [],
      caseReviews: [{ date: day(1) }],
      recommendations: [{ sentAt: day(10), acknowledgedAt: null }],
      safety: { phq9Item9: null, clinicianFlaggedAt: null },
      reviewRequestedAt: null,
      serviceMonths: ['2026-01'],
    });
  });
});
