// Slot generation in the clinic's zone (DST, closures, overrides) and protected-slot state at the release minute.
import { describe, expect, it } from 'vitest';
import {
  bookingRefusal,
  daySlots,
  slotOccupancy,
  slotState,
  type Closure,
  type Slot,
} from '../../../src/domain/scheduling/slots.js';
import {
  templateInput,
  templateIssues,
  type TemplateInput,
} from '../../../src/domain/scheduling/template.js';
import type { VisitType } from '../../../src/domain/scheduling/visit-types.js';

const FOLLOW_UP = '00000000-0000-4000-8000-000000000001';
const HANDOFF = '00000000-0000-4000-8000-000000000002';
const GROUP = '00000000-0000-4000-8000-000000000003';
const REVIEW = '00000000-0000-4000-8000-000000000004';
const CLINICIAN = '00000000-0000-4000-8000-0000000000aa';

const types = new Map<string, VisitType>(
  (
    [
      { id: FOLLOW_UP, name: 'Follow-up', kind: 'follow_up', minutes: 30, bufferMinutes: 10, capacity: 1 },
      { id: HANDOFF, name: 'Handoff', kind: 'warm_handoff', minutes: 20, bufferMinutes: 0, capacity: 1 },
      { id: GROUP, name: 'Group', kind: 'group', minutes: 60, bufferMinutes: 0, capacity: 3 },
      { id: REVIEW, name: 'Case review', kind: 'case_review', minutes: 90, bufferMinutes: 0, capacity: 1 },
    ] as const
  ).map((t) => [t.id, { ...t, clinicId: 'c' }]),
);

const template = (raw: unknown): TemplateInput => templateInput.parse(raw);

const slotsOf = (tpl: TemplateInput, day: string, timeZone: string, closures: Closure[] = []) =>
  daySlots({ clinicianId: CLINICIAN, template: tpl, visitTypes: types, day, timeZone, closures });

const iso = (slots: Slot[]) => slots.map((s) => s.start.toISOString());

describe('slot generation', () => {
  // 2026-03-09 is a Monday; 2026-03-08 (Sunday) is the US spring-forward day, 2026-11-01 the fall-back day.
  it.each([
    [
      'a Monday morning of 40-minute follow-ups (30 + 10 buffer) in New York (EDT, UTC−4)',
      { blocks: [{ weekday: 1, start: '09:00', end: '11:00', visitTypeId: FOLLOW_UP }] },
      '2026-03-09',
      'America/New_York',
      ['2026-03-09T13:00:00.000Z', '2026-03-09T13:40:00.000Z', '2026-03-09T14:20:00.000Z'],
    ],
    [
      'the same block in Los Angeles starts three hours later in UTC',
      { blocks: [{ weekday: 1, start: '09:00', end: '10:20', visitTypeId: FOLLOW_UP }] },
      '2026-03-09',
      'America/Los_Angeles',
      ['2026-03-09T16:00:00.000Z', '2026-03-09T16:40:00.000Z'],
    ],
    [
      'spring-forward day: a 01:00–04:00 block holds two real hours (three 40-minute slots)',
      { blocks: [{ weekday: 7, start: '01:00', end: '04:00', visitTypeId: FOLLOW_UP }] },
      '2026-03-08',
      'America/New_York',
      ['2026-03-08T06:00:00.000Z', '2026-03-08T06:40:00.000Z', '2026-03-08T07:20:00.000Z'],
    ],
    [
      'fall-back day: a 00:00–02:00 block holds three real hours (four 40-minute slots)',
      { blocks: [{ weekday: 7, start: '00:00', end: '02:00', visitTypeId: FOLLOW_UP }] },
      '2026-11-01',
      'America/New_York',
      [
        '2026-11-01T04:00:00.000Z',
        '2026-11-01T04:40:00.000Z',
        '2026-11-01T05:20:00.000Z',
        '2026-11-01T06:00:00.000Z',
      ],
    ],
    [
      'no block on another weekday: Tuesday has no slots from a Monday template',
      { blocks: [{ weekday: 1, start: '09:00', end: '11:00', visitTypeId: FOLLOW_UP }] },
      '2026-03-10',
      'America/New_York',
      [],
    ],
    [
      'a one-off change replaces the weekday blocks on its date',
      {
        blocks: [{ weekday: 1, start: '09:00', end: '11:00', visitTypeId: FOLLOW_UP }],
        overrides: [{ date: '2026-03-09', blocks: [{ start: '14:00', end: '14:20', visitTypeId: HANDOFF }] }],
      },
      '2026-03-09',
      'America/New_York',
      ['2026-03-09T18:00:00.000Z'],
    ],
    [
      'a team block (case review) is one slot, however long',
      { blocks: [{ weekday: 1, start: '12:00', end: '13:30', visitTypeId: REVIEW }] },
      '2026-03-09',
      'America/New_York',
      ['2026-03-09T16:00:00.000Z'],
    ],
    [
      'a block of a visit type from another clinic is left out',
      {
        blocks: [
          { weekday: 1, start: '09:00', end: '11:00', visitTypeId: '00000000-0000-4000-8000-00000000ffff' },
        ],
      },
      '2026-03-09',
      'America/New_York',
      [],
    ],
  ])('%s', (_rule, raw, day, zone, expected) => {
    expect(iso(slotsOf(template(raw), day, zone))).toEqual(expected);
  });

  it.each([
    [
      'a clinic-wide closure (clinicianId null) covering the day',
      null,
      '2026-03-09T04:00:00Z',
      '2026-03-10T04:00:00Z',
      [true, true, true],
    ],
    [
      "this clinician's absence for the first hour",
      CLINICIAN,
      '2026-03-09T13:00:00Z',
      '2026-03-09T14:00:00Z',
      [true, true, false],
    ],
    [
      "another clinician's absence",
      'someone-else',
      '2026-03-09T04:00:00Z',
      '2026-03-10T04:00:00Z',
      [false, false, false],
    ],
    [
      'a closure ending exactly when the first slot starts',
      null,
      '2026-03-09T12:00:00Z',
      '2026-03-09T13:00:00Z',
      [false, false, false],
    ],
  ])('closures: %s', (_rule, clinicianId, start, end, closed) => {
    const tpl = template({ blocks: [{ weekday: 1, start: '09:00', end: '11:00', visitTypeId: FOLLOW_UP }] });
    const slots = slotsOf(tpl, '2026-03-09', 'America/New_York', [
      { clinicianId, start: new Date(start), end: new Date(end) },
    ]);
    expect(slots.map((s) => s.closed)).toEqual(closed);
    expect(slots.map((s) => slotState(s, 0, new Date('2026-03-01T00:00:00Z'), 120))).toEqual(
      closed.map((c) => (c ? 'blocked' : 'open')),
    );
  });
});

describe('protected-slot state (scheduling.md §1: released a set time before the start)', () => {
  const tpl = template({
    blocks: [{ weekday: 1, start: '10:00', end: '10:20', visitTypeId: HANDOFF, protected: true }],
  });
  const [slot] = slotsOf(tpl, '2026-03-09', 'America/New_York'); // starts 14:00Z
  it.each([
    [
      'one minute before the release minute it is still protected',
      '2026-03-09T11:59:00Z',
      120,
      0,
      'protected',
    ],
    ['at the release minute (2 h before) it is released', '2026-03-09T12:00:00Z', 120, 0, 'released'],
    [
      'with a 60-minute rule, 90 minutes before it is still protected',
      '2026-03-09T12:30:00Z',
      60,
      0,
      'protected',
    ],
    ['with a 60-minute rule, at 60 minutes before it is released', '2026-03-09T13:00:00Z', 60, 0, 'released'],
    ['taken by a handoff it is booked, whatever the clock', '2026-03-09T08:00:00Z', 120, 1, 'booked'],
    ['after its start, unused, it stays released', '2026-03-09T14:30:00Z', 120, 0, 'released'],
  ])('%s', (_rule, now, release, taken, state) => {
    expect(slotState(slot!, taken, new Date(now), release)).toBe(state);
  });
});

describe('occupancy and booking refusals', () => {
  const tpl = template({
    blocks: [
      { weekday: 1, start: '09:00', end: '09:40', visitTypeId: FOLLOW_UP },
      { weekday: 1, start: '10:00', end: '10:20', visitTypeId: HANDOFF, protected: true },
      { weekday: 1, start: '13:00', end: '14:00', visitTypeId: GROUP },
      { weekday: 1, start: '15:00', end: '16:30', visitTypeId: REVIEW },
    ],
  });
  const [followUp, handoff, group, review] = slotsOf(tpl, '2026-03-09', 'America/New_York') as [
    Slot,
    Slot,
    Slot,
    Slot,
  ];
  const early = new Date('2026-03-09T11:00:00Z');
  const at = (s: Slot, type: string, minutes: number) => ({
    visitTypeId: type,
    start: s.start,
    end: new Date(s.start.getTime() + minutes * 60_000),
  });

  it.each([
    ['a single slot is full once any booking overlaps it', followUp, [at(followUp, FOLLOW_UP, 40)], 1],
    [
      'a booking that ends as the slot starts does not fill it',
      handoff,
      [{ visitTypeId: FOLLOW_UP, start: new Date(handoff.start.getTime() - 3_600_000), end: handoff.start }],
      0,
    ],
    [
      'a group counts its own bookings up to capacity',
      group,
      [at(group, GROUP, 60), at(group, GROUP, 60)],
      2,
    ],
    ['anything else overlapping a group fills it', group, [at(group, FOLLOW_UP, 40)], 3],
  ])('%s', (_rule, slot, bookings, taken) => {
    expect(slotOccupancy(slot, bookings)).toBe(taken);
  });

  it.each([
    ['a booked slot is a conflict (409)', followUp, 'booked', FOLLOW_UP, early, 'CONFLICT', 'start'],
    [
      'a protected slot takes only a warm handoff',
      handoff,
      'protected',
      FOLLOW_UP,
      early,
      'RULE_VIOLATION',
      'start',
    ],
    ['a protected slot takes a warm handoff', handoff, 'protected', HANDOFF, early, null, null],
    ['a released slot takes a routine visit that fits', handoff, 'released', HANDOFF, early, null, null],
    [
      'a visit longer than the slot is refused',
      handoff,
      'released',
      FOLLOW_UP,
      early,
      'RULE_VIOLATION',
      'visitTypeId',
    ],
    ['a team block is blocked', review, 'blocked', FOLLOW_UP, early, 'RULE_VIOLATION', 'start'],
    ['a group slot takes only its group', group, 'open', FOLLOW_UP, early, 'RULE_VIOLATION', 'visitTypeId'],
    [
      'a slot that is over is refused',
      followUp,
      'open',
      FOLLOW_UP,
      new Date('2026-03-09T14:00:00Z'),
      'RULE_VIOLATION',
      'start',
    ],
  ])('%s', (_rule, slot, state, typeId, now, code, field) => {
    const refusal = bookingRefusal(slot, state as never, types.get(typeId)!, now);
    expect(refusal?.code ?? null).toBe(code);
    expect(refusal?.field ?? null).toBe(field);
  });
});

describe('template rules that need the visit types', () => {
  it.each([
    [
      'an unknown visit type',
      {
        blocks: [
          { weekday: 1, start: '09:00', end: '10:00', visitTypeId: '00000000-0000-4000-8000-00000000ffff' },
        ],
      },
      'blocks.0.visitTypeId',
    ],
    [
      'protection on a non-handoff block',
      { blocks: [{ weekday: 1, start: '09:00', end: '10:00', visitTypeId: FOLLOW_UP, protected: true }] },
      'blocks.0.protected',
    ],
    [
      'two overlapping blocks on one weekday',
      {
        blocks: [
          { weekday: 2, start: '09:00', end: '10:00', visitTypeId: FOLLOW_UP },
          { weekday: 1, start: '09:00', end: '10:00', visitTypeId: FOLLOW_UP },
          { weekday: 2, start: '09:40', end: '10:20', visitTypeId: HANDOFF },
        ],
      },
      'blocks.2.start',
    ],
    [
      'one date changed twice',
      {
        blocks: [],
        overrides: [
          { date: '2026-03-09', blocks: [] },
          { date: '2026-03-09', blocks: [] },
        ],
      },
      'overrides.1.date',
    ],
  ])('refuses %s', (_rule, raw, field) => {
    expect(templateIssues(template(raw), types).map((i) => i.field)).toEqual([field]);
  });

  it('accepts a valid week', () => {
    const tpl = template({
      blocks: [
        { weekday: 1, start: '09:00', end: '10:00', visitTypeId: FOLLOW_UP },
        { weekday: 1, start: '10:00', end: '10:20', visitTypeId: HANDOFF, protected: true },
      ],
    });
    expect(templateIssues(tpl, types)).toEqual([]);
  });

  it.each([
    [
      'an end before the start',
      { blocks: [{ weekday: 1, start: '10:00', end: '09:00', visitTypeId: FOLLOW_UP }] },
      'blocks.0.end',
    ],
    [
      'a weekday 8',
      { blocks: [{ weekday: 8, start: '09:00', end: '10:00', visitTypeId: FOLLOW_UP }] },
      'blocks.0.weekday',
    ],
    [
      'a time without leading zero',
      { blocks: [{ weekday: 1, start: '9:00', end: '10:00', visitTypeId: FOLLOW_UP }] },
      'blocks.0.start',
    ],
  ])('the schema refuses %s', (_rule, raw, field) => {
    const result = templateInput.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });
});
