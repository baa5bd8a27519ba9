// Registry row ordering: flags by urgency, then contact gap, then id, identically for any input order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAG_CODES, type FlagCode } from '../../../src/domain/registry/flags.js';
import {
  daysSinceLastContact,
  sortByUrgency,
  type UrgencyInput,
} from '../../../src/domain/registry/urgency.js';
import { day, quietEpisode } from './fixtures.js';

const row = (episodeId: string, codes: FlagCode[], daysSinceContact: number | null = 5): UrgencyInput => ({
  episodeId,
  flags: codes.map((code) => ({ code })),
  daysSinceContact,
});
const order = (rows: UrgencyInput[]) => sortByUrgency(rows).map((r) => r.episodeId);

describe('sortByUrgency (safety first: mbc.md §8)', () => {
  it.each([
    [
      'safety beats everything else combined',
      [row('b', FLAG_CODES.slice(1)), row('a', ['safety_risk'])],
      ['a', 'b'],
    ],
    [
      'needs review before not improving',
      [row('b', ['not_improving']), row('a', ['needs_case_review'])],
      ['a', 'b'],
    ],
    [
      'not improving before an overdue contact',
      [row('b', ['no_recent_contact']), row('a', ['not_improving'])],
      ['a', 'b'],
    ],
    [
      'an overdue contact before an overdue measurement',
      [row('b', ['measurement_overdue']), row('a', ['no_recent_contact'])],
      ['a', 'b'],
    ],
    [
      'clinical flags before billing',
      [row('b', ['minutes_at_risk']), row('a', ['ready_for_relapse_prevention'])],
      ['a', 'b'],
    ],
    ['any flag before none', [row('b', []), row('a', ['minutes_at_risk'])], ['a', 'b']],
    [
      'same top flag: the second flag decides',
      [row('b', ['safety_risk', 'minutes_at_risk']), row('a', ['safety_risk', 'not_improving'])],
      ['a', 'b'],
    ],
    [
      'same flags: longer without contact first',
      [row('b', ['not_improving'], 10), row('a', ['not_improving'], 40)],
      ['a', 'b'],
    ],
    ['never contacted counts as longest', [row('b', [], 400), row('a', [], null)], ['a', 'b']],
    ['everything equal: by episode id', [row('b', [], null), row('a', [], null)], ['a', 'b']],
  ])('sortByUrgency: %s', (_rule, rows, expected) => {
    expect(order(rows)).toEqual(expected);
  });

  it('the same rows give the same order whatever order they arrive in (property)', () => {
    const anyRow = fc.record({
      episodeId: fc.string({ maxLength: 4 }),
      flags: fc.subarray([...FLAG_CODES]).map((codes) => codes.map((code) => ({ code }))),
      daysSinceContact: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    });
    const rowsAndShuffle = fc
      .uniqueArray(anyRow, { selector: (r) => r.episodeId, maxLength: 30 })
      .chain((rows) =>
        fc.tuple(
          fc.constant(rows),
          fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
        ),
      );
    fc.assert(
      fc.property(rowsAndShuffle, ([rows, shuffled]) => {
        expect(sortByUrgency(shuffled)).toEqual(sortByUrgency(rows));
      }),
    );
  });

  it('daysSinceLastContact: the most recent contact on or before asOf; null without one', () => {
    expect(daysSinceLastContact(quietEpisode(day(10)), day(12))).toBe(2);
    expect(daysSinceLastContact(quietEpisode(day(10), { contacts: [] }), day(12))).toBeNull();
    expect(daysSinceLastContact(quietEpisode(day(10)), day(5))).toBe(5);
  });
});
