// Triage → booking offers (scheduling.md §2): today's protected handoff slot first, else the earliest slot within 72 hours.
import { describe, expect, it } from 'vitest';
import { offerBhOffer, warmHandoffOffer, type SlotWithState } from '../../../src/domain/scheduling/offers.js';
import type { Slot, SlotState } from '../../../src/domain/scheduling/slots.js';
import type { VisitKind } from '../../../src/domain/scheduling/visit-types.js';

const NY = 'America/New_York';
const NOW = new Date('2026-03-09T14:00:00Z'); // Monday 10:00 EDT

const s = (start: string, kind: VisitKind, state: SlotState, isProtected = false): SlotWithState => ({
  slot: {
    clinicianId: 'x',
    visitTypeId: kind,
    kind,
    start: new Date(start),
    end: new Date(new Date(start).getTime() + 20 * 60_000),
    capacity: 1,
    protected: isProtected,
    closed: false,
  } satisfies Slot,
  state,
});

describe('warm-handoff offer (scheduling.md §2)', () => {
  it.each([
    [
      "today's protected slot wins over an earlier open slot",
      [
        s('2026-03-09T14:30:00Z', 'initial_assessment', 'open'),
        s('2026-03-09T17:00:00Z', 'warm_handoff', 'protected', true),
      ],
      '2026-03-09T17:00:00.000Z',
      'Same-day',
    ],
    [
      "a released protected slot of today still counts as today's",
      [s('2026-03-09T15:00:00Z', 'warm_handoff', 'released', true)],
      '2026-03-09T15:00:00.000Z',
      'Same-day',
    ],
    [
      'no protected slot free today: earliest initial assessment within 72 h, with the reason',
      [
        s('2026-03-09T17:00:00Z', 'warm_handoff', 'booked', true),
        s('2026-03-11T14:00:00Z', 'initial_assessment', 'open'),
      ],
      '2026-03-11T14:00:00.000Z',
      'No protected warm-handoff slot free today',
    ],
    [
      "tomorrow's still-protected slot is not offered as a fallback",
      [
        s('2026-03-10T14:00:00Z', 'warm_handoff', 'protected', true),
        s('2026-03-10T15:00:00Z', 'initial_assessment', 'open'),
      ],
      '2026-03-10T15:00:00.000Z',
      'No protected',
    ],
    [
      'a slot 72 h + 1 min away is not offered',
      [s('2026-03-12T14:01:00Z', 'initial_assessment', 'open')],
      null,
      null,
    ],
    [
      'a slot exactly 72 h away is offered',
      [s('2026-03-12T14:00:00Z', 'initial_assessment', 'open')],
      '2026-03-12T14:00:00.000Z',
      'No protected',
    ],
    [
      'a follow-up slot is not a first BH contact',
      [s('2026-03-09T18:00:00Z', 'follow_up', 'open')],
      null,
      null,
    ],
  ])('%s', (_rule, slots, start, reason) => {
    const offer = warmHandoffOffer(slots, NOW, NY);
    expect(offer?.slot.start.toISOString() ?? null).toBe(start);
    if (reason) expect(offer?.reason).toContain(reason);
  });
});

describe('offer_bh offer', () => {
  const due = new Date('2026-03-23T03:59:59Z');
  it.each([
    [
      'earliest free initial assessment before due',
      [
        s('2026-03-12T14:00:00Z', 'initial_assessment', 'open'),
        s('2026-03-10T14:00:00Z', 'initial_assessment', 'released'),
      ],
      '2026-03-10T14:00:00.000Z',
    ],
    [
      'a protected slot is never offered for routine BH',
      [s('2026-03-10T14:00:00Z', 'initial_assessment', 'protected')],
      null,
    ],
    ['nothing after the due time', [s('2026-03-24T14:00:00Z', 'initial_assessment', 'open')], null],
  ])('%s', (_rule, slots, start) => {
    expect(offerBhOffer(slots, NOW, due)?.slot.start.toISOString() ?? null).toBe(start);
  });
});
