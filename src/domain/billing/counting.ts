// Decides who may log minutes, whose logged minutes count toward a program's monthly time, and totals a month's log.
import type { RulePack } from './rule-pack-schema.js';
import { activityLabel, PROGRAM_LABEL, ROLE_LABEL } from './labels.js';
import { dayOf, type ClinicDay } from '../calendar/index.js';
import { STAFF_ROLES } from './vocabulary.js';
import type { Activity, Credential, Program, StaffRole } from './vocabulary.js';

export interface MinuteContext {
  staffRole: StaffRole;
  activity: Activity;
  /** the minutes were used for another billed service (psychotherapy, 90791, E/M, ...) */
  billedSeparately: boolean;
  program: Program;
  /** the patient was inpatient or in observation at the time (billing.md §1); default false */
  duringInpatientStay?: boolean;
}

export interface CountDecision {
  counts: boolean;
  reason: string;
}

/** billing.md §1 "Whose time counts" and "Excluded time", as configured in the pack. */
export function countsTowardProgram(context: MinuteContext, pack: RulePack): CountDecision {
  const { staffRole, activity, billedSeparately, program } = context;
  const { counting } = pack;
  const who = ROLE_LABEL[staffRole];
  const what = activityLabel(activity);
  const toward = PROGRAM_LABEL[program];

  if (context.duringInpatientStay && !counting.countInpatientTime) {
    return {
      counts: false,
      reason: `not counted: the patient was inpatient or in observation (billing.md §1)`,
    };
  }
  if (billedSeparately && !counting.countBilledSeparately) {
    return {
      counts: false,
      reason: `not counted: these minutes were billed as a separate service, so they cannot also count toward ${toward} (billing.md §1)`,
    };
  }
  if (counting.neverCountedActivities.includes(activity)) {
    return {
      counts: false,
      reason: `not counted: ${what} is a separately billable service and its minutes are excluded from ${toward} time (billing.md §1)`,
    };
  }
  const roleRule = counting.roles[program][staffRole];
  if (roleRule === 'none') {
    return {
      counts: false,
      reason: `not counted: ${who} minutes do not count toward ${toward} under rule pack ${pack.id} (billing.md §1)`,
    };
  }
  if (roleRule === 'care_management_activities' && !counting.careManagementActivities.includes(activity)) {
    return {
      counts: false,
      reason: `not counted: ${who} minutes count toward ${toward} only for care-management work, not ${what} (billing.md §1)`,
    };
  }
  const payerNote = billedSeparately ? '; this payer counts separately billed time' : '';
  return { counts: true, reason: `counted: ${who} ${what} minutes count toward ${toward}${payerNote}` };
}

/**
 * Who may log minutes on an episode of `program`: every role whose time the pack can count toward it,
 * and the psychiatric consultant, whose case-review time is recorded even where it does not count
 * (billing.md §1: a payer setting, default excluded). Null when allowed, else the reason.
 */
export function loggingRefusal(role: StaffRole, program: Program, pack: RulePack): string | null {
  if (role === 'psychiatric_consultant' || pack.counting.roles[program][role] !== 'none') return null;
  const allowed = loggingRoles(program, pack).map((r) => ROLE_LABEL[r]);
  return (
    `${ROLE_LABEL[role]} minutes do not count toward ${PROGRAM_LABEL[program]} under rule pack ${pack.id}; ` +
    `minutes are logged by: ${allowed.join(', ')} (billing.md §1, §3)`
  );
}

/** The roles `loggingRefusal` lets log minutes on an episode of `program`, in the vocabulary's order. */
export function loggingRoles(program: Program, pack: RulePack): StaffRole[] {
  return STAFF_ROLES.filter(
    (role) => role === 'psychiatric_consultant' || pack.counting.roles[program][role] !== 'none',
  );
}

/**
 * True when a billing practitioner holding this credential bills G0323 on their own time under this
 * pack: a psychologist, clinical social worker, mental health counselor or MFT (billing.md §3).
 */
export function isG0323Credential(credential: Credential | null, pack: RulePack): boolean {
  const own = pack.generalBhi.practitionerOwn;
  return credential !== null && own !== null && own.credentials.includes(credential);
}

export interface MinuteLogEntry extends Omit<MinuteContext, 'program'> {
  /** whole minutes of this activity (billing.md §2.1: no per-activity rounding) */
  minutes: number;
  occurredAt: Date;
  /** the episode's billing practitioner logged these minutes personally (G0323 counts only those, billing.md §3) */
  byBillingPractitioner: boolean;
}

export interface DailyMinutes {
  date: ClinicDay;
  counted: number;
  /** the billing practitioner's own counted minutes that day */
  g0323PractitionerOwn: number;
}

export interface MinuteTally {
  countedMinutes: number;
  minutesByClass: { g0323PractitionerOwn: number };
  /** counted minutes per clinic-zone date, ascending, for a threshold-date service date */
  dailyMinutes: DailyMinutes[];
  notCounted: Array<{ minutes: number; reason: string }>;
}

/** Sums one month's log for one program; the caller passes only that month's entries. */
export function tallyMinutes(
  entries: readonly MinuteLogEntry[],
  options: { program: Program; timeZone: string },
  pack: RulePack,
): MinuteTally {
  const byDate = new Map<ClinicDay, DailyMinutes>();
  const notCounted: MinuteTally['notCounted'] = [];
  for (const entry of entries) {
    const decision = countsTowardProgram({ ...entry, program: options.program }, pack);
    if (!decision.counts) {
      notCounted.push({ minutes: entry.minutes, reason: decision.reason });
      continue;
    }
    const date = dayOf(entry.occurredAt, options.timeZone);
    const day = byDate.get(date) ?? { date, counted: 0, g0323PractitionerOwn: 0 };
    day.counted += entry.minutes;
    if (entry.byBillingPractitioner) day.g0323PractitionerOwn += entry.minutes;
    byDate.set(date, day);
  }
  const dailyMinutes = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  return {
    countedMinutes: dailyMinutes.reduce((sum, day) => sum + day.counted, 0),
    minutesByClass: {
      g0323PractitionerOwn: dailyMinutes.reduce((sum, day) => sum + day.g0323PractitionerOwn, 0),
    },
    dailyMinutes,
    notCounted,
  };
}
