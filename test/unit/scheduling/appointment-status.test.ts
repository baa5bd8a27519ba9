// Visit status transitions (scheduling.md §3): allowed steps, late cancel, no-show grace, no completion before the start.
import { describe, expect, it } from 'vitest';
import {
  transition,
  type AppointmentAction,
  type AppointmentStatus,
} from '../../../src/domain/scheduling/appointment-status.js';

const START = new Date('2026-03-09T14:00:00Z');
const minutes = (m: number) => new Date(START.getTime() + m * 60_000);

describe('appointment transitions (scheduling.md §3)', () => {
  it.each<[string, AppointmentStatus, AppointmentAction, Date, AppointmentStatus | string, boolean?]>([
    ['booked → checked in', 'booked', 'check-in', minutes(-5), 'checked_in'],
    ['checked in → in progress', 'checked_in', 'start', minutes(0), 'in_progress'],
    ['a walked-over handoff starts without check-in', 'booked', 'start', minutes(0), 'in_progress'],
    ['in progress → completed', 'in_progress', 'complete', minutes(30), 'completed'],
    ['checked in → completed without a separate start', 'checked_in', 'complete', minutes(30), 'completed'],
    [
      'a cancel 25 h ahead is not late (24 h window)',
      'booked',
      'cancel',
      minutes(-25 * 60),
      'cancelled',
      false,
    ],
    ['a cancel 23 h ahead is late (24 h window)', 'booked', 'cancel', minutes(-23 * 60), 'cancelled', true],
    ['no-show at the 15-minute grace mark', 'booked', 'no-show', minutes(15), 'no_show'],
    ['no-show before the grace time is refused', 'booked', 'no-show', minutes(14), 'RULE_VIOLATION'],
    ['completing before the start is refused', 'checked_in', 'complete', minutes(-1), 'RULE_VIOLATION'],
    ['a completed visit cannot be cancelled', 'completed', 'cancel', minutes(60), 'CONFLICT'],
    ['a cancelled visit cannot be checked in', 'cancelled', 'check-in', minutes(0), 'CONFLICT'],
    ['a checked-in patient is not a no-show', 'checked_in', 'no-show', minutes(30), 'CONFLICT'],
    ['a booked visit is not completed without arriving', 'booked', 'complete', minutes(30), 'CONFLICT'],
  ])('%s', (_rule, from, action, now, expected, late) => {
    const result = transition(from, action, { start: START }, now);
    if (result.ok) {
      expect(result.to).toBe(expected);
      expect(result.lateCancel).toBe(late ?? false);
    } else {
      expect(result.code).toBe(expected);
    }
  });
});
