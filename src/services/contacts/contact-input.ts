// A logged contact as every edge accepts it, and as the API shows it.
import { z } from 'zod';
import { activitySchema, type Activity } from '../../domain/billing/vocabulary.js';
import { MODALITIES, type Modality } from '../../domain/registry/contact-rules.js';
import { STAFF_ROLES, type StaffRole } from '../../domain/registry/roles.js';
import { isoInstant, uuid } from '../schemas.js';

export { MODALITIES };

export const contactInput = z.object({
  occurredAt: isoInstant,
  // Range and whole-minute checks live in the registry's contact rules, so every edge says the same.
  minutes: z.number(),
  staffId: uuid,
  activity: activitySchema,
  modality: z.enum(MODALITIES),
  reached: z
    .boolean()
    .optional()
    .describe(
      'Outreach only: true when the outreach reached the patient (a completed contact); false or omitted ' +
        'records an attempt, which the registry counts toward the `unreachable` flag.',
    ),
  billedSeparately: z.boolean().default(false),
  /** The patient was inpatient or in observation at the time: the minutes do not count (billing.md §1). */
  duringInpatientStay: z.boolean().default(false),
  /** The role the staff member worked in, when they hold several (default: their BH role). */
  staffRole: z.enum(STAFF_ROLES).optional(),
  note: z.string().trim().max(4000).optional(),
});
export type ContactInput = z.output<typeof contactInput>;

export const correctionInput = z.object({
  reason: z.string().trim().min(1, 'say why the contact is corrected').max(500),
  /** The corrected contact; omit to void the original. */
  replacement: contactInput.optional(),
});

export interface ContactView {
  id: string;
  episodeId: string;
  kind: 'entry' | 'reversal';
  amendsContactId: string | null;
  occurredAt: string;
  minutes: number;
  staffId: string;
  staffRole: StaffRole;
  activity: Activity;
  modality: Modality;
  /** Outreach: whether it reached the patient; null for every other activity. */
  reached: boolean | null;
  billedSeparately: boolean;
  duringInpatientStay: boolean;
  countsTowardProgram: boolean;
  reason: string;
  note: string | null;
  createdAt: string;
  createdBy: string;
}

export const contactColumns = [
  'id',
  'episode_id',
  'kind',
  'amends_contact_id',
  'occurred_at',
  'minutes',
  'staff_id',
  'staff_role',
  'activity',
  'modality',
  'reached',
  'billed_separately',
  'during_inpatient_stay',
  'counts_toward_program',
  'count_reason',
  'note',
  'created_at',
  'created_by',
] as const;

export function toContactView(row: {
  id: string;
  episode_id: string;
  kind: 'entry' | 'reversal';
  amends_contact_id: string | null;
  occurred_at: Date;
  minutes: number;
  staff_id: string;
  staff_role: string;
  activity: string;
  modality: string;
  reached: boolean | null;
  billed_separately: boolean;
  during_inpatient_stay: boolean;
  counts_toward_program: boolean;
  count_reason: string;
  note: string | null;
  created_at: Date;
  created_by: string;
}): ContactView {
  return {
    id: row.id,
    episodeId: row.episode_id,
    kind: row.kind,
    amendsContactId: row.amends_contact_id,
    occurredAt: row.occurred_at.toISOString(),
    minutes: row.minutes,
    staffId: row.staff_id,
    // Every writer (contactInput, case reviews, the importer, the simulator) stores values from these lists.
    staffRole: row.staff_role as StaffRole,
    activity: row.activity as Activity,
    modality: row.modality as Modality,
    // Outreach logged before outcomes were kept was an attempt.
    reached: row.activity === 'outreach' ? row.reached === true : null,
    billedSeparately: row.billed_separately,
    duringInpatientStay: row.during_inpatient_stay,
    countsTowardProgram: row.counts_toward_program,
    reason: row.count_reason,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}
