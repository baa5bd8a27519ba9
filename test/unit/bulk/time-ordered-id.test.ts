import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../../src/services/bulk/time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a version 7 UUID (RFC 9562 layout and variant) whose first 48 bits are the time in ms', () => {
    const before = Date.now();
    const id = timeOrderedId();
    expect(id).toMatch(UUID_V7);
    const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    // At or after the clock read before; a burst may borrow a few milliseconds ahead.
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 1_000);
  });

  it('sorts in the order the ids were made, with no repeats, past 4 096 ids in one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, timeOrderedId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.findIndex((id, i) => i > 0 && id <= ids[i - 1]!)).toBe(-1);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });
});
