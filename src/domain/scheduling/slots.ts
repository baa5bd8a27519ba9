// Bookable slots of a clinic-local day and each slot's state, computed from the rules and the clock (never stored).
import { TZDate } from '@date-fns/tz';
import { blocksForDay, minutesOfDay, type TemplateInput } from './template.js';
import { blockedMinutes, isPatientVisit, type VisitKind, type VisitType } from './visit-types.js';

export const SLOT_STATES = ['open', 'protected', 'booked', 'released', 'blocked'] as const;
export type SlotState = (typeof SLOT_STATES)[number];

export interface Slot {
  clinicianId: string;
  visitTypeId: string;
  kind: VisitKind;
  start: Date;
  end: Date;
  capacity: number;
  protected: boolean;
  /** A closure covers part of it. */
  closed: boolean;
}

/** A clinic closure or a clinician's absence; `clinicianId` null closes the whole clinic. */
export interface Closure {
  clinicianId: string | null;
  start: Date;
  end: Date;
}

/** A booking holding time on a clinician's schedule. */
export interface Booking {
  visitTypeId: string;
  start: Date;
  end: Date;
}

/** The instant a clinic-local wall-clock time names; a time skipped by a DST jump moves forward with it. */
export function wallTime(day: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const minutes = minutesOfDay(hhmm);
  return new Date(new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, timeZone).getTime());
}

/** Start and end (exclusive) of a clinic-local day. */
export function dayBounds(day: string, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return {
    start: new Date(new TZDate(y, m - 1, d, 0, 0, timeZone).getTime()),
    end: new Date(new TZDate(y, m - 1, d + 1, 0, 0, timeZone).getTime()),
  };
}

const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean =>
  a.start < b.end && b.start < a.end;

/**
 * A clinician's slots on `day` in the clinic's zone. Blocks are wall-clock times; slots step in real
 * minutes from the block's start, so a DST day's block holds an hour less or more. A patient block is
 * cut into slots of the visit type's length plus buffer; a team block (registry review, case review)
 * is one slot. Blocks whose visit type is not in `visitTypes` (another clinic's) are left out.
 */
export function daySlots(input: {
  clinicianId: string;
  template: TemplateInput;
  visitTypes: ReadonlyMap<string, VisitType>;
  day: string;
  timeZone: string;
  closures: readonly Closure[];
}): Slot[] {
  const slots: Slot[] = [];
  for (const block of blocksForDay(input.template, input.day)) {
    const type = input.visitTypes.get(block.visitTypeId);
    if (!type) continue;
    const start = wallTime(input.day, block.start, input.timeZone);
    const end = wallTime(input.day, block.end, input.timeZone);
    const step = isPatientVisit(type.kind) ? blockedMinutes(type) * 60_000 : end.getTime() - start.getTime();
    for (let t = start.getTime(); step > 0 && t + step <= end.getTime(); t += step) {
      const slot = { start: new Date(t), end: new Date(t + step) };
      slots.push({
        clinicianId: input.clinicianId,
        visitTypeId: type.id,
        kind: type.kind,
        ...slot,
        capacity: type.capacity,
        protected: block.protected,
        closed: input.closures.some(
          (c) => (c.clinicianId === null || c.clinicianId === input.clinicianId) && overlaps(c, slot),
        ),
      });
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** How many places of the slot are taken: a group counts its own bookings; any other overlap fills a slot. */
export function slotOccupancy(slot: Slot, bookings: readonly Booking[]): number {
  const overlapping = bookings.filter((b) => overlaps(b, slot));
  if (slot.capacity === 1) return overlapping.length > 0 ? 1 : 0;
  const sameGroup = (b: Booking) =>
    b.visitTypeId === slot.visitTypeId && b.start.getTime() === slot.start.getTime();
  return overlapping.every(sameGroup) ? overlapping.length : slot.capacity;
}

/** When a protected slot opens to routine bookings (scheduling.md §1: release is data, minutes before start). */
export const releaseAt = (slot: Pick<Slot, 'start'>, releaseMinutesBefore: number): Date =>
  new Date(slot.start.getTime() - releaseMinutesBefore * 60_000);

/**
 * A slot's state is a function of its rules and the clock (issue 13: release is computed, never a job
 * that can be missed). A protected slot is released from the release minute on, inclusive.
 */
export function slotState(slot: Slot, taken: number, now: Date, releaseMinutesBefore: number): SlotState {
  if (slot.closed || !isPatientVisit(slot.kind)) return 'blocked';
  if (taken >= slot.capacity) return 'booked';
  if (!slot.protected) return 'open';
  return now < releaseAt(slot, releaseMinutesBefore) ? 'protected' : 'released';
}

export interface BookingRefusal {
  code: 'CONFLICT' | 'RULE_VIOLATION';
  field: string;
  reason: string;
}

/** Whether a visit of `type` may be booked into `slot` in `state` at `now`; null when it may. */
export function bookingRefusal(
  slot: Slot,
  state: SlotState,
  type: VisitType,
  now: Date,
): BookingRefusal | null {
  if (state === 'booked') return { code: 'CONFLICT', field: 'start', reason: 'this slot is already booked' };
  if (state === 'blocked') {
    return { code: 'RULE_VIOLATION', field: 'start', reason: 'this slot is closed or held for team work' };
  }
  if (slot.end <= now) return { code: 'RULE_VIOLATION', field: 'start', reason: 'this slot is over' };
  if (!isPatientVisit(type.kind)) {
    return { code: 'RULE_VIOLATION', field: 'visitTypeId', reason: 'no patient is booked into a team block' };
  }
  if (state === 'protected' && type.kind !== 'warm_handoff') {
    return {
      code: 'RULE_VIOLATION',
      field: 'start',
      reason: 'this slot is held for same-day warm handoffs until its release time',
    };
  }
  if (slot.capacity > 1 && type.id !== slot.visitTypeId) {
    return {
      code: 'RULE_VIOLATION',
      field: 'visitTypeId',
      reason: 'a group slot takes only its own group visit',
    };
  }
  if (blockedMinutes(type) * 60_000 > slot.end.getTime() - slot.start.getTime()) {
    return { code: 'RULE_VIOLATION', field: 'visitTypeId', reason: 'this visit is longer than the slot' };
  }
  return null;
}

export interface StatedSlot extends Slot {
  state: SlotState;
  taken: number;
  releaseAt: Date | null;
}

/** A clinician's day with each slot's state as of `now`. */
export function statedDaySlots(
  input: Parameters<typeof daySlots>[0] & { bookings: readonly Booking[]; now: Date },
): StatedSlot[] {
  const release = input.template.releaseMinutesBefore;
  return daySlots(input).map((slot) => {
    const taken = slotOccupancy(slot, input.bookings);
    return {
      ...slot,
      taken,
      state: slotState(slot, taken, input.now, release),
      releaseAt: slot.protected ? releaseAt(slot, release) : null,
    };
  });
}
