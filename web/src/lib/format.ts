// Display helpers: names, dates in the clinic's time zone, and plain-language labels for codes.
import type { Disposition, Role } from '../api/types';

export const fullName = (p: { givenName: string; familyName: string }): string =>
  `${p.givenName} ${p.familyName}`;

export const sortName = (p: { givenName: string; familyName: string }): string =>
  `${p.familyName}, ${p.givenName}`;

/** `Nov 27, 2026, 4:30 PM` in the given IANA zone (the clinic's), or the browser's when absent. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  // A bare calendar date has no zone: show it as written.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
    );
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(
    date,
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

/** An ISO instant with the browser's offset (`2026-10-31T23:30:00-07:00`), as the API expects. */
export function isoWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  pcp: 'Primary care provider',
  care_manager: 'Care manager',
  psychiatric_consultant: 'Psychiatric consultant',
  medical_assistant: 'Medical assistant',
  front_desk: 'Front desk',
  billing: 'Billing',
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
};

export const flagLabel = (f: string): string => FLAG_LABELS[f] ?? f.replaceAll('_', ' ');

export const PAYER_LABELS: Record<string, string> = {
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  commercial: 'Commercial',
  self_pay: 'Self-pay',
  other: 'Other',
};

export const SEX_LABELS: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Unknown',
};
