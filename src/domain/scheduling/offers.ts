// Which slot triage offers first: today's protected handoff slot, else the earliest BH slot within 72 hours (scheduling.md §2).
import { dayOf } from '../calendar/index.js';
import type { Slot, SlotState } from './slots.js';

export interface SlotWithState {
  slot: Slot;
  state: SlotState;
}

export interface Offer {
  slot: Slot;
  reason: string;
}

/** scheduling.md §2 (triage rule §3.2 of the seed): no BH today → schedule within 72 hours. */
export const HANDOFF_FALLBACK_HOURS = 72;

const free = (s: SlotWithState) => s.state === 'open' || s.state === 'released' || s.state === 'protected';
const byStart = (a: SlotWithState, b: SlotWithState) => a.slot.start.getTime() - b.slot.start.getTime();

/** Same-day warm handoff first; the fallback names why (no protected slot free today). */
export function warmHandoffOffer(slots: readonly SlotWithState[], now: Date, timeZone: string): Offer | null {
  const today = dayOf(now, timeZone);
  const upcoming = slots.filter((s) => free(s) && s.slot.end > now).sort(byStart);
  const sameDay = upcoming.find(
    (s) => s.slot.protected && s.slot.kind === 'warm_handoff' && dayOf(s.slot.start, timeZone) === today,
  );
  if (sameDay)
    return { slot: sameDay.slot, reason: 'Same-day protected warm-handoff slot (scheduling.md §2)' };
  const limit = now.getTime() + HANDOFF_FALLBACK_HOURS * 3_600_000;
  const later = upcoming.find(
    (s) =>
      s.state !== 'protected' &&
      (s.slot.kind === 'warm_handoff' || s.slot.kind === 'initial_assessment') &&
      s.slot.start.getTime() <= limit,
  );
  if (later) {
    return {
      slot: later.slot,
      reason:
        'No protected warm-handoff slot free today: earliest BH slot within 72 hours; ' +
        'the PCP addresses safety meanwhile (scheduling.md §2)',
    };
  }
  return null;
}

/** An accepted offer of BH: the earliest initial assessment before the item's due time. */
export function offerBhOffer(slots: readonly SlotWithState[], now: Date, dueBy: Date | null): Offer | null {
  const found = slots
    .filter(
      (s) =>
        (s.state === 'open' || s.state === 'released') &&
        s.slot.kind === 'initial_assessment' &&
        s.slot.start >= now &&
        (dueBy === null || s.slot.start <= dueBy),
    )
    .sort(byStart)[0];
  return found ? { slot: found.slot, reason: 'Earliest initial assessment before the item is due' } : null;
}
