// Visit types a clinic books (scheduling.md §1): their length, documentation buffer, group capacity, and contact activity.
import { z } from 'zod';
import type { Activity } from '../billing/vocabulary.js';

export const VISIT_KINDS = [
  'initial_assessment',
  'follow_up',
  'warm_handoff',
  'group',
  'registry_review',
  'case_conference',
  'case_review',
] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** Blocks held for team work: they show on the schedule but no patient is booked into them. */
export const NON_PATIENT_KINDS: readonly VisitKind[] = ['registry_review', 'case_conference', 'case_review'];

export const isPatientVisit = (kind: VisitKind): boolean => !NON_PATIENT_KINDS.includes(kind);

/** The contact activity a completed visit logs on the episode (api.md activities). */
export const CONTACT_ACTIVITY: Record<VisitKind, Activity> = {
  initial_assessment: 'initial_assessment',
  // scheduling.md §2: the handoff is the first BH contact: triage, safety, next steps.
  warm_handoff: 'initial_assessment',
  follow_up: 'follow_up',
  group: 'psychotherapy',
  registry_review: 'registry_review',
  case_conference: 'case_review',
  case_review: 'case_review',
};

export const MAX_VISIT_MINUTES = 240;
export const MAX_GROUP_CAPACITY = 30;

export const visitTypeInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
    kind: z.enum(VISIT_KINDS),
    minutes: z.number().int('must be whole minutes').min(5).max(MAX_VISIT_MINUTES),
    /** Documentation and call time after the visit, kept free on the clinician's schedule. */
    bufferMinutes: z.number().int('must be whole minutes').min(0).max(60).default(0),
    /** Patients per slot; more than one only for a group. */
    capacity: z.number().int('must be a whole number').min(1).max(MAX_GROUP_CAPACITY).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.capacity > 1 && v.kind !== 'group') {
      ctx.addIssue({
        code: 'custom',
        path: ['capacity'],
        message: 'only a group visit takes more than one patient',
      });
    }
  });
export type VisitTypeInput = z.output<typeof visitTypeInput>;

export interface VisitType extends VisitTypeInput {
  id: string;
  clinicId: string;
}

/** Minutes a visit holds on the schedule: the visit plus its documentation buffer. */
export const blockedMinutes = (type: Pick<VisitTypeInput, 'minutes' | 'bufferMinutes'>): number =>
  type.minutes + type.bufferMinutes;

/** A new clinic's defaults, scheduling.md §1 (each clinic-editable). */
export const DEFAULT_VISIT_TYPES: readonly VisitTypeInput[] = [
  // §1: initial assessment 45–50 min.
  { name: 'Initial assessment', kind: 'initial_assessment', minutes: 50, bufferMinutes: 10, capacity: 1 },
  // §1: follow-up 20–30 min + 5–10 min for documentation and calls.
  { name: 'Follow-up', kind: 'follow_up', minutes: 30, bufferMinutes: 10, capacity: 1 },
  // §1–2: protected warm-handoff blocks of 20 min (the handoff itself takes 10–20).
  { name: 'Warm handoff', kind: 'warm_handoff', minutes: 20, bufferMinutes: 0, capacity: 1 },
  { name: 'Group session', kind: 'group', minutes: 60, bufferMinutes: 0, capacity: 8 },
  { name: 'Registry review', kind: 'registry_review', minutes: 60, bufferMinutes: 0, capacity: 1 },
  // §1: the consultant's weekly case review, 60–90 min, protected from other bookings.
  { name: 'Psychiatric case review', kind: 'case_review', minutes: 90, bufferMinutes: 0, capacity: 1 },
];
