// Display helpers: names, dates in the clinic's time zone, and plain-language labels for codes.
// Label maps are checked against the server's code lists, so a new code cannot go unlabelled.
import { TZDate } from '@date-fns/tz';
import { dayOf } from '@server/domain/calendar';
import type { Activity, Payer, Program } from '@server/domain/billing/vocabulary';
import type { ScreeningFlag, Sex } from '@server/domain/instruments/types';
import type { RecommendationKind, ReviewReasonCode } from '@server/domain/registry/case-review';
import type { Modality } from '@server/domain/registry/contact-rules';
import type { DischargeReason, EpisodeStatus } from '@server/domain/registry/episode-status';
import type { FlagCode } from '@server/domain/registry/flags';
import type { NoteKind } from '@server/domain/registry/notes-visibility';
import type { Disposition } from '@server/domain/triage';
import type { Role } from '@server/services/actor';
import type { MonthStatus } from '@server/services/billing/billing-month';

export const fullName = (p: { givenName: string; familyName: string }): string =>
  `${p.givenName} ${p.familyName}`;

export const sortName = (p: { givenName: string; familyName: string }): string =>
  `${p.familyName}, ${p.givenName}`;

/** `Nov 27, 2026, 4:30 PM` in the given IANA zone: the clinic's, never the browser's. */
export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** The clinic day of an instant (or a bare `YYYY-MM-DD`, shown as written), e.g. `Nov 27, 2026`. */
export function formatDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDay(iso);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(date);
}

/** A calendar day with no zone (a birth date, a medication start), `YYYY-MM-DD`, shown as written. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
  );
}

/** Whole years between a `YYYY-MM-DD` birth date and today. */
export function ageFrom(birthDate: string, today = new Date()): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return age;
}

/** An instant as ISO with the clinic's offset (`2026-10-31T23:30:00.000-07:00`), as the API expects. */
export const isoInZone = (date: Date, timeZone: string): string => new TZDate(date, timeZone).toISOString();

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  pcp: 'Primary care provider',
  care_manager: 'Care manager',
  psychiatric_consultant: 'Psychiatric consultant',
  medical_assistant: 'Medical assistant',
  front_desk: 'Front desk',
  billing: 'Billing',
  bh_clinician: 'Behavioral health clinician',
};

export const roleLabel = (role: string): string => ROLE_LABELS[role as Role] ?? role;

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  none: 'No follow-up needed',
  pcp_addresses: 'PCP addresses at this visit',
  offer_bh: 'Offer behavioral health care',
  warm_handoff: 'Warm handoff to behavioral health',
  safety_protocol: 'Safety protocol',
  administer_full_instrument: 'Give the full questionnaire',
  refer_external: 'Refer to specialty care',
};

export const dispositionLabel = (d: string): string => DISPOSITION_LABELS[d as Disposition] ?? d;

const SEVERITY_LABELS: Record<string, string> = {
  none: 'None–minimal',
  minimal: 'Minimal',
  mild: 'Mild',
  moderate: 'Moderate',
  moderately_severe: 'Moderately severe',
  severe: 'Severe',
  low: 'Low risk',
  high: 'High risk',
};

export const severityLabel = (s: string | null): string => (s === null ? '—' : (SEVERITY_LABELS[s] ?? s));

export const FLAG_LABELS: Record<string, string> = {
  suicidal_ideation: 'Suicidal ideation',
  suicidal_behavior: 'Suicidal behavior (lifetime)',
  alcohol_assessment_needed: 'Alcohol assessment needed',
  alcohol_item1_only: 'Alcohol: item 1 only',
} satisfies Record<ScreeningFlag, string>;

export const flagLabel = (f: string): string => FLAG_LABELS[f] ?? f.replaceAll('_', ' ');

export const PAYER_LABELS: Record<string, string> = {
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  commercial: 'Commercial',
  self_pay: 'Self-pay',
  other: 'Other',
} satisfies Record<Payer, string>;

export const SEX_LABELS: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Unknown',
} satisfies Record<Sex, string>;

/** Today's calendar day (`YYYY-MM-DD`) in an IANA zone (the clinic's), or the browser's. */
export function todayIn(timeZone?: string, now = new Date()): string {
  return dayOf(now, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** `YYYY-MM` shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 1970) * 12 + ((m ?? 1) - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** `November 2026` for `2026-11`. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** The value a `datetime-local` input shows for an instant: the wall time in the clinic's zone. */
export function localInputValue(date: Date, timeZone: string): string {
  const t = new TZDate(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** A `datetime-local` value, read as wall time in the clinic's zone, as an ISO instant; empty means now. */
export function instantFromInput(value: string, timeZone: string, now = new Date()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return isoInZone(now, timeZone);
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  return new TZDate(y, mo - 1, d, h, mi, timeZone).toISOString();
}

const words = (code: string): string => {
  const text = code.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const EPISODE_STATUS_LABELS: Record<string, string> = {
  referred: 'Referred',
  active: 'Active',
  relapse_prevention: 'Relapse prevention',
  discharged: 'Discharged',
  open: 'Open (not discharged)',
} satisfies Record<EpisodeStatus | 'open', string>;
export const episodeStatusLabel = (s: string): string => EPISODE_STATUS_LABELS[s] ?? words(s);

export const PROGRAM_LABELS: Record<string, string> = {
  cocm: 'Collaborative Care (CoCM)',
  general_bhi: 'General BHI',
} satisfies Record<Program, string>;
export const programLabel = (p: string): string => PROGRAM_LABELS[p] ?? words(p);

export const REGISTRY_FLAG_LABELS: Record<string, string> = {
  safety_risk: 'Safety risk',
  needs_case_review: 'Needs case review',
  not_improving: 'Not improving',
  relapse: 'Relapse',
  unreachable: 'Unreachable',
  no_recent_contact: 'No recent contact',
  no_follow_up_4_weeks: 'No follow-up 4 weeks',
  measurement_overdue: 'Measurement overdue',
  review_overdue: 'Review overdue',
  recommendation_unacknowledged: 'Recommendation waiting',
  inactive_6_months: 'Inactive 6 months',
  ready_for_relapse_prevention: 'Ready for relapse prevention',
  minutes_at_risk: 'Minutes at risk',
} satisfies Record<FlagCode, string>;
export const registryFlagLabel = (code: string): string => REGISTRY_FLAG_LABELS[code] ?? words(code);

export const REVIEW_REASON_LABELS: Record<string, string> = {
  safety_risk: 'Safety risk',
  new_enrollee: 'New enrollee',
  not_improving: 'Not improving',
  relapse: 'Relapse',
  requested: 'Review requested',
  unreachable: 'Unreachable',
  review_overdue: 'Review overdue',
} satisfies Record<ReviewReasonCode, string>;
export const reviewReasonLabel = (code: string): string => REVIEW_REASON_LABELS[code] ?? words(code);

export const ACTIVITY_LABELS: Record<string, string> = {
  initial_assessment: 'Initial assessment',
  follow_up: 'Follow-up',
  outreach: 'Outreach',
  care_coordination: 'Care coordination',
  registry_review: 'Registry review',
  case_review: 'Case review',
  psychotherapy: 'Psychotherapy',
  other: 'Other',
} satisfies Record<Activity, string>;
export const activityLabel = (a: string): string => ACTIVITY_LABELS[a] ?? words(a);

export const MODALITY_LABELS: Record<string, string> = {
  in_person: 'In person',
  phone: 'Phone',
  video: 'Video',
  none: 'No patient contact',
} satisfies Record<Modality, string>;
export const modalityLabel = (m: string): string => MODALITY_LABELS[m] ?? words(m);

export const RECOMMENDATION_KIND_LABELS: Record<string, string> = {
  medication_change: 'Medication change',
  therapy_change: 'Therapy change',
  referral: 'Referral',
  other: 'Other',
} satisfies Record<RecommendationKind, string>;
export const recommendationKindLabel = (k: string): string => RECOMMENDATION_KIND_LABELS[k] ?? words(k);

export const NOTE_KIND_LABELS: Record<string, string> = {
  bh_progress_note: 'Progress note',
  risk_summary: 'Risk summary',
  treatment_plan: 'Treatment plan',
  case_review_recommendation: 'Case-review recommendation',
} satisfies Record<NoteKind, string>;
export const noteKindLabel = (k: string): string => NOTE_KIND_LABELS[k] ?? words(k);

/** Who may read each kind of note (the server decides; this is the explanation shown). */
export const NOTE_AUDIENCE: Record<string, string> = {
  bh_progress_note: 'Behavioral health team only',
  risk_summary: 'Behavioral health team and the PCP',
  treatment_plan: 'Behavioral health team and the PCP',
  case_review_recommendation: 'Behavioral health team and the PCP',
} satisfies Record<NoteKind, string>;

export const DISCHARGE_REASON_LABELS: Record<string, string> = {
  completed: 'Completed treatment',
  referred_to_specialty: 'Referred to specialty care',
  declined_or_withdrew: 'Declined or withdrew',
  lost_to_follow_up: 'Lost to follow-up',
  moved_or_changed_pcp: 'Moved or changed PCP',
  deceased: 'Deceased',
  inactive_6_months: 'Inactive for 6 months',
  other: 'Other',
} satisfies Record<DischargeReason, string>;
export const dischargeReasonLabel = (r: string): string => DISCHARGE_REASON_LABELS[r] ?? words(r);

export const MONTH_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  closed: 'Closed',
  locked: 'Locked',
} satisfies Record<MonthStatus, string>;

/** `−45 %` style change in a score, lower being better. */
export function formatChange(percent: number | null): string {
  if (percent === null) return '—';
  const rounded = Math.round(percent);
  if (rounded === 0) return '0 %';
  return `${rounded > 0 ? '−' : '+'}${Math.abs(rounded)} %`;
}

export const formatMoney = (amount: number): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);

/** `Nov ’26` for `2026-11`. */
export function shortMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  const name = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
  return `${name} ’${String(y).slice(2)}`;
}
