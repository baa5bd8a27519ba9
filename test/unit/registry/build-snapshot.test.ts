// The registry as of a day is a true past: buildSnapshot keeps only what existed by the end of that clinic day.
import { describe, expect, it } from 'vitest';
import { episodeSnapshotSchema } from '../../../src/domain/registry/snapshot.js';
import { MEDICARE_2025 } from '../../../src/domain/billing/index.js';
import {
  buildSnapshot,
  nextThresholdFor,
  statusOn,
  type EpisodeFacts,
  type NextThresholdInput,
} from '../../../src/domain/registry/build-snapshot.js';

const NY = 'America/New_York';
/** 2026-09-01 ends in New York at 04:00 UTC on 09-02 (EDT, UTC−4). */
const AS_OF = '2026-09-01';
const at = (iso: string) => new Date(iso);

/** An episode referred in June, enrolled in July, with nothing later than 2026-09-01 in New York. */
function facts(overrides: Partial<EpisodeFacts> = {}): EpisodeFacts {
  return {
    id: 'ep-1',
    careManagerId: 'cm-1',
    program: 'cocm',
    primaryMeasure: 'phq-9',
    referredAt: at('2026-06-10T14:00:00Z'),
    enrolledAt: at('2026-07-01T14:00:00Z'),
    relapsePreventionAt: null,
    dischargedAt: null,
    reviewRequestedAt: null,
    safetyFlaggedAt: null,
    statusChanges: [],
    screenings: [
      {
        at: at('2026-07-01T15:00:00Z'),
        timeZone: NY,
        instrument: 'phq-9',
        total: 16,
        item9: 0,
        severity: null,
      },
    ],
    contacts: null,
    attemptsAt: [],
    reviewedAt: [],
    recommendations: [],
    monthMinutes: [],
    minutesToDate: 0,
    ...overrides,
  };
}

const noNext = () => null;
const build = (f: EpisodeFacts, asOf = AS_OF) => buildSnapshot(f, asOf, NY, noNext);
const snapshotOf = (f: EpisodeFacts, asOf = AS_OF) => {
  const built = build(f, asOf);
  if (!built) throw new Error('expected the episode to exist as of the day');
  return built.snapshot;
};

describe('buildSnapshot: episodes referred later are absent', () => {
  it.each([
    ['referred 23:30 in New York on the day itself is present', '2026-09-02T03:30:00Z', true],
    ['referred 00:30 in New York the next day is absent', '2026-09-02T04:30:00Z', false],
    [
      'referred weeks later (the reported bug: listed as active on 09-01) is absent',
      '2026-09-24T14:00:00Z',
      false,
    ],
  ])('%s', (_rule, referredAt, present) => {
    const built = build(
      facts({
        referredAt: at(referredAt),
        enrolledAt: null,
        statusChanges: [],
        screenings: [],
      }),
    );
    expect(built !== null).toBe(present);
  });
});

describe('statusOn: the status the episode had on that clinic day (measurement-based-care.md §7)', () => {
  it.each<[string, Partial<EpisodeFacts>, string]>([
    ['active now, active then', {}, 'active'],
    [
      'enrolled after the day: still referred then',
      {
        enrolledAt: at('2026-09-02T04:30:00Z'),
      },
      'referred',
    ],
    [
      'enrolled 23:30 New York time on the day: active then',
      {
        enrolledAt: at('2026-09-02T03:30:00Z'),
      },
      'active',
    ],
    ['discharged later: still open then', { dischargedAt: at('2026-09-20T15:00:00Z') }, 'active'],
    [
      'discharged 23:30 New York time on the day: discharged then',
      { dischargedAt: at('2026-09-02T03:30:00Z') },
      'discharged',
    ],
    [
      'stepped down to relapse prevention after the day: active then',
      { relapsePreventionAt: at('2026-09-10T15:00:00Z') },
      'active',
    ],
    [
      'stepped down before the day: relapse prevention then',
      { relapsePreventionAt: at('2026-08-10T15:00:00Z') },
      'relapse_prevention',
    ],
    [
      'stepped down, then relapsed back to active before the day',
      {
        relapsePreventionAt: at('2026-08-01T15:00:00Z'),
        statusChanges: [
          { at: at('2026-07-01T14:00:00Z'), to: 'active' },
          { at: at('2026-08-01T15:00:00Z'), to: 'relapse_prevention' },
          { at: at('2026-08-20T15:00:00Z'), to: 'active' },
        ],
      },
      'active',
    ],
    [
      'a relapse back to active after the day is not known yet',
      {
        relapsePreventionAt: at('2026-08-01T15:00:00Z'),
        statusChanges: [
          { at: at('2026-08-01T15:00:00Z'), to: 'relapse_prevention' },
          { at: at('2026-09-10T15:00:00Z'), to: 'active' },
        ],
      },
      'relapse_prevention',
    ],
  ])('%s', (_rule, overrides, expected) => {
    const f = facts(overrides);
    expect(statusOn(f, AS_OF, NY)).toBe(expected);
    expect(snapshotOf(f).status).toBe(expected);
  });

  it('gives the step-down day only while the episode is in relapse prevention', () => {
    const stepped = facts({ relapsePreventionAt: at('2026-08-10T15:00:00Z') });
    expect(snapshotOf(stepped).relapsePreventionAt).toBe('2026-08-10');
    expect(snapshotOf(stepped, '2026-08-09').relapsePreventionAt).toBeNull();
  });

  it('forgets an enrollment that came after the day', () => {
    const later = facts({ enrolledAt: at('2026-09-05T14:00:00Z'), statusChanges: [] });
    expect(snapshotOf(later).enrolledAt).toBeNull();
    expect(snapshotOf(later, '2026-09-05').enrolledAt).toBe('2026-09-05');
  });
});

describe('buildSnapshot: only entries dated by the end of the clinic day count', () => {
  it('keeps scores, safety results, reviews, attempts, requests and advice up to 23:59 New York time', () => {
    const before = at('2026-09-02T03:59:00Z'); // 23:59 on 09-01 in New York
    const after = at('2026-09-02T04:01:00Z'); // 00:01 on 09-02
    const s = snapshotOf(
      facts({
        screenings: [
          {
            at: at('2026-07-01T15:00:00Z'),
            timeZone: NY,
            instrument: 'phq-9',
            total: 16,
            item9: 0,
            severity: null,
          },
          { at: before, timeZone: NY, instrument: 'phq-9', total: 12, item9: 0, severity: null },
          { at: after, timeZone: NY, instrument: 'phq-9', total: 20, item9: 2, severity: null },
          {
            at: after,
            timeZone: NY,
            instrument: 'c-ssrs-screen',
            total: null,
            item9: null,
            severity: 'high',
          },
        ],
        reviewedAt: [at('2026-07-05T15:00:00Z'), after],
        attemptsAt: [before, after],
        reviewRequestedAt: after,
        safetyFlaggedAt: after,
        recommendations: [
          { sentAt: at('2026-07-05T15:00:00Z'), acknowledgedAt: after },
          { sentAt: after, acknowledgedAt: null },
        ],
      }),
    );
    expect(s.scores.map((x) => x.total)).toEqual([16, 12]);
    expect(s.safety).toEqual({
      phq9Item9: { date: '2026-09-01', value: 0 },
      cssrs: null,
      asq: null,
      clinicianFlaggedAt: null,
    });
    expect(s.caseReviews).toEqual([{ date: '2026-07-05' }]);
    expect(s.attempts).toEqual([{ date: '2026-09-01' }]);
    expect(s.reviewRequestedAt).toBeNull();
    expect(s.recommendations).toEqual([{ sentAt: '2026-07-05', acknowledgedAt: null }]);
    expect(episodeSnapshotSchema.safeParse(s).success).toBe(true);
  });

  it('reports the last case review and contact as of the day', () => {
    const built = build(
      facts({
        reviewedAt: [at('2026-07-05T15:00:00Z'), at('2026-09-03T15:00:00Z')],
        contacts: {
          count: 3,
          lastAt: at('2026-08-30T15:00:00Z'),
          lastActivity: 'follow_up',
          firstFollowUpAt: at('2026-07-15T15:00:00Z'),
        },
      }),
    );
    expect(built?.lastCaseReviewAt?.toISOString()).toBe('2026-07-05T15:00:00.000Z');
    expect(built?.contactCount).toBe(3);
    expect(built?.snapshot.contacts).toEqual([
      { date: '2026-07-15', activity: 'follow_up' },
      { date: '2026-08-30', activity: 'follow_up' },
    ]);
  });
});

describe('buildSnapshot: minutes of the month only up to the day', () => {
  it.each<[string, Partial<EpisodeFacts>, number, string[]]>([
    [
      "the month's rollup (which holds later days) is replaced by the minutes to date",
      { monthMinutes: [{ month: '2026-09', minutes: 75 }], minutesToDate: 20 },
      20,
      ['2026-09'],
    ],
    [
      'no minutes yet this month: the month is not a service month',
      {
        monthMinutes: [
          { month: '2026-08', minutes: 40 },
          { month: '2026-09', minutes: 75 },
        ],
        minutesToDate: 0,
      },
      0,
      ['2026-08'],
    ],
    [
      'later months are not service months yet',
      {
        monthMinutes: [
          { month: '2026-07', minutes: 60 },
          { month: '2026-10', minutes: 30 },
        ],
        minutesToDate: 5,
      },
      5,
      ['2026-07', '2026-09'],
    ],
  ])('%s', (_rule, overrides, minutes, months) => {
    const s = snapshotOf(facts(overrides));
    expect(s.billing.minutesThisMonth).toBe(minutes);
    expect(s.serviceMonths).toEqual(months);
  });

  it('asks the billing engine with the minutes to date and the earlier service months only', () => {
    const asked: NextThresholdInput[] = [];
    buildSnapshot(
      facts({
        monthMinutes: [
          { month: '2026-08', minutes: 40 },
          { month: '2026-09', minutes: 90 },
        ],
        minutesToDate: 12,
      }),
      AS_OF,
      NY,
      (input) => {
        asked.push(input);
        return { code: '99493', minutesNeeded: 19 };
      },
    );
    expect(asked).toEqual([
      {
        month: '2026-09',
        status: 'active',
        minutesThisMonth: 12,
        priorServiceMonths: ['2026-08'],
        referredMonth: '2026-06',
      },
    ]);
  });
});

describe('nextThresholdFor: the registry prompts for the next base code only (billing.md §2.1)', () => {
  const subsequent = (minutesThisMonth: number): NextThresholdInput => ({
    month: '2025-10',
    status: 'active',
    minutesThisMonth,
    priorServiceMonths: ['2025-09'],
    referredMonth: '2025-09',
  });
  it.each([
    ['nothing yet in a subsequent month → G2214 at 16', subsequent(0), { code: 'G2214', minutesNeeded: 16 }],
    ['25 minutes → 6 more for 99493 (31)', subsequent(25), { code: '99493', minutesNeeded: 6 }],
    [
      'initial month at 20 → 99492 at 36',
      { ...subsequent(20), priorServiceMonths: [], referredMonth: '2025-10' },
      { code: '99492', minutesNeeded: 16 },
    ],
    ['99493 reached: one more 99494 unit is the preview’s, not a registry prompt', subsequent(31), null],
  ])('%s', (_rule, input, next) => {
    expect(nextThresholdFor(MEDICARE_2025, 'cocm')(input)).toEqual(next);
  });

  it('general BHI once reached prompts nothing (once a month, no add-on)', () => {
    expect(nextThresholdFor(MEDICARE_2025, 'general_bhi')(subsequent(20))).toBeNull();
  });
});
