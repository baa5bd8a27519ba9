// Checks on a logged contact before it enters the registry and the month's minute count.
import { loggingRefusal } from '../billing/counting.js';
import type { RulePack } from '../billing/rule-pack-schema.js';
import type { Program } from '../billing/vocabulary.js';
import type { FieldIssue } from './field-issue.js';
import { clinicDaySchema, dayOf, type ClinicDay } from '../calendar/index.js';
import type { StaffRole } from './roles.js';

export interface ContactEntry {
  /** When the contact happened, as an ISO 8601 instant. */
  occurredAt: string;
  minutes: number;
  /** The role the staff member's minutes are logged under (see contactStaffRole). */
  staffRole: StaffRole;
  /** Day the patient's consent was documented, when it is recorded with this contact. */
  consentDate: ClinicDay | null;
}

export interface ContactContext {
  now: Date | string;
  /** The clinic's IANA time zone: the referral day and "today" are clinic days. */
  timeZone: string;
  referredAt: ClinicDay;
  /** The episode's program and the rule pack of the contact's month: who may log comes from the pack. */
  program: Program;
  pack: RulePack;
}

/** How a contact took place; `none` is work without the patient (registry review, case review). */
export const MODALITIES = ['in_person', 'phone', 'video', 'none'] as const;
export type Modality = (typeof MODALITIES)[number];

/**
 * Activities that are a completed contact with the patient when they happen with them (any modality but
 * `none`): the registry's "last completed contact" (docs/domain/measurement-based-care.md §6, §8).
 */
export const PATIENT_CONTACT_ACTIVITIES = ['initial_assessment', 'follow_up', 'psychotherapy'] as const;

/**
 * Outreach reaches the patient only when logged as `reached`; otherwise it is an attempt, which the
 * `unreachable` flag counts (proactive outreach: docs/domain/measurement-based-care.md §1, §8).
 */
export const OUTREACH_ACTIVITY = 'outreach';

/** `reached` belongs to outreach with the patient, and says whether it reached them. */
export function reachedIssues(entry: {
  activity: string;
  modality: Modality;
  reached?: boolean | undefined;
}): FieldIssue[] {
  if (entry.reached === undefined) return [];
  if (entry.activity !== OUTREACH_ACTIVITY) {
    return [{ field: 'reached', reason: 'Only an outreach contact says whether it reached the patient.' }];
  }
  if (entry.reached && entry.modality === 'none') {
    return [
      { field: 'reached', reason: 'An outreach with modality "none" cannot have reached the patient.' },
    ];
  }
  return [];
}

/** Local sanity bound ([U]): one logged contact longer than a working day (8 h) is almost surely a typo. */
export const MAX_CONTACT_MINUTES = 480;

function minuteIssues(minutes: number): FieldIssue[] {
  // CoCM counts whole minutes per logged activity: docs/domain/billing.md §2.1.
  if (!Number.isInteger(minutes)) return [{ field: 'minutes', reason: `Log whole minutes, not ${minutes}.` }];
  if (minutes <= 0) return [{ field: 'minutes', reason: `Minutes must be at least 1 (got ${minutes}).` }];
  if (minutes > MAX_CONTACT_MINUTES) {
    return [
      {
        field: 'minutes',
        reason: `${minutes} minutes is more than ${MAX_CONTACT_MINUTES} (8 hours) for one contact; split or fix it.`,
      },
    ];
  }
  return [];
}

function timingIssues(occurredAt: string, context: ContactContext, now: Date): FieldIssue[] {
  const at = new Date(occurredAt);
  if (Number.isNaN(at.getTime())) {
    return [{ field: 'occurredAt', reason: `'${occurredAt}' is not a date and time.` }];
  }
  if (at.getTime() > now.getTime()) {
    return [{ field: 'occurredAt', reason: `The contact at ${occurredAt} is in the future.` }];
  }
  const day = dayOf(at, context.timeZone);
  if (day < context.referredAt) {
    // The episode starts at the PCP's referral: docs/domain/billing.md §2.2.
    return [
      {
        field: 'occurredAt',
        reason: `The contact on ${day} is before the referral on ${context.referredAt}.`,
      },
    ];
  }
  return [];
}

/** Who may log minutes on the episode's program is the pack's rule (docs/domain/billing.md §1, §3). */
function roleIssues(entry: ContactEntry, context: ContactContext): FieldIssue[] {
  const refusal = loggingRefusal(entry.staffRole, context.program, context.pack);
  return refusal === null ? [] : [{ field: 'staffId', reason: refusal }];
}

function consentIssues(consentDate: ClinicDay | null, today: ClinicDay): FieldIssue[] {
  if (consentDate === null) return [];
  if (!clinicDaySchema.safeParse(consentDate).success) {
    return [{ field: 'consentDate', reason: `'${consentDate}' is not a calendar day (YYYY-MM-DD).` }];
  }
  if (consentDate > today) {
    return [{ field: 'consentDate', reason: `Consent dated ${consentDate} is after today (${today}).` }];
  }
  return [];
}

/** Every problem with the entry, in field order; an empty list means it may be saved. */
export function checkContact(entry: ContactEntry, context: ContactContext): FieldIssue[] {
  const now = typeof context.now === 'string' ? new Date(context.now) : context.now;
  const today = dayOf(now, context.timeZone);
  return [
    ...timingIssues(entry.occurredAt, context, now),
    ...minuteIssues(entry.minutes),
    ...roleIssues(entry, context),
    ...consentIssues(entry.consentDate, today),
  ];
}

/**
 * A multi-role staff member's minutes go under their BH role first, then a clinical role that may log
 * minutes, unless the contact names a role.
 */
const ROLE_PREFERENCE: readonly StaffRole[] = [
  'care_manager',
  'psychiatric_consultant',
  'pcp',
  'medical_assistant',
];

export function contactStaffRole(roles: readonly StaffRole[], asked?: StaffRole): StaffRole {
  return asked ?? ROLE_PREFERENCE.find((r) => roles.includes(r)) ?? roles[0]!;
}

/**
 * The rules every edge applies to a logged contact (API, corrections, case reviews, bulk import), with
 * issues named by the request's fields: `checkContact` for the staff member's role, and no contact after
 * the episode's discharge.
 */
export function loggedContactIssues(
  entry: { occurredAt: Date; minutes: number; staffRole: StaffRole; dischargedAt: Date | null },
  context: ContactContext,
): FieldIssue[] {
  const issues = checkContact(
    {
      occurredAt: entry.occurredAt.toISOString(),
      minutes: entry.minutes,
      staffRole: entry.staffRole,
      consentDate: null,
    },
    context,
  );
  if (entry.dischargedAt && entry.occurredAt > entry.dischargedAt) {
    issues.push({ field: 'occurredAt', reason: 'the episode was discharged before this contact' });
  }
  return issues;
}
