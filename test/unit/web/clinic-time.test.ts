// The web shows and reads every time in the clinic's zone, whatever zone the browser is in.
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDay,
  instantFromInput,
  localInputValue,
} from '../../../web/src/lib/format';

describe('clinic time in the web', () => {
  it.each([
    ['2026-11-27T21:30:00Z', 'America/New_York', 'Nov 27, 2026, 4:30 PM'],
    ['2026-11-27T21:30:00Z', 'America/Phoenix', 'Nov 27, 2026, 2:30 PM'],
    // Past midnight UTC is still the evening before in the clinic.
    ['2026-11-28T03:30:00Z', 'America/Phoenix', 'Nov 27, 2026, 8:30 PM'],
  ])('shows %s in %s as %s', (iso, zone, shown) => {
    expect(formatDateTime(iso, zone)).toBe(shown);
  });

  it.each([
    ['2026-11-28T03:30:00Z', 'America/Phoenix', 'Nov 27, 2026'],
    ['2026-11-28T03:30:00Z', 'America/New_York', 'Nov 27, 2026'],
    ['2026-11-28T06:30:00Z', 'America/New_York', 'Nov 28, 2026'],
  ])('dates %s as the clinic day in %s: %s', (iso, zone, shown) => {
    expect(formatDate(iso, zone)).toBe(shown);
  });

  it('shows a calendar day as written, in any zone', () => {
    expect(formatDay('1960-01-01')).toBe('Jan 1, 1960');
    expect(formatDate('1960-01-01', 'Pacific/Honolulu')).toBe('Jan 1, 1960');
  });

  it.each([
    ['2026-11-27T16:30', 'America/New_York', '2026-11-27T21:30:00.000Z'],
    ['2026-11-27T16:30', 'America/Phoenix', '2026-11-27T23:30:00.000Z'],
    // Summer time in New York, none in Phoenix.
    ['2026-07-01T09:00', 'America/New_York', '2026-07-01T13:00:00.000Z'],
    ['2026-07-01T09:00', 'America/Phoenix', '2026-07-01T16:00:00.000Z'],
  ])('reads the typed wall time %s in %s as the instant %s', (typed, zone, instant) => {
    expect(new Date(instantFromInput(typed, zone)).toISOString()).toBe(instant);
    expect(localInputValue(new Date(instant), zone)).toBe(typed);
  });

  it('reads an empty time as now', () => {
    const now = new Date('2026-11-27T21:30:00Z');
    expect(new Date(instantFromInput('', 'America/Phoenix', now)).getTime()).toBe(now.getTime());
  });
});
