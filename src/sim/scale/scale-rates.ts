// The rates that shape a synthetic health system, with where each comes from.
import type { CourseShape } from '../symptom-course.js';

export const RATES = {
  /** Adults in primary care with clinically significant depression over a year: roughly 1 in 6. */
  depressed: 0.17,
  /** Depression and anxiety travel together; anxiety alone is rarer. */
  anxiousIfDepressed: 0.5,
  anxious: 0.07,
  /** Days between screened primary-care visits (about two a year; a PHQ-2 at each, GAD-7 yearly). */
  visitGapDays: [120, 240] as const,
  gad7EveryDays: 330,
  /** Positive screens (PHQ-9 or GAD-7 ≥ 10) the PCP refers to the care manager. */
  referral: 0.25,
  cocm: 0.9,
  /** Referred patients who never engage. */
  declines: 0.1,
  /** Engaged patients who stop answering and are discharged as lost to follow-up. */
  lostToFollowUp: 0.15,
  /** docs/domain/measurement-based-care.md §2: about half respond (≥ 50 % lower), about 30 % remit (< 5). */
  shapes: [
    ['remits', 30],
    ['responds', 20],
    ['partial', 30],
    ['flat', 20],
  ] as const satisfies readonly (readonly [CourseShape, number])[],
  /** Non-responders sent on to specialty care (measurement-based-care.md §7) or moving away. */
  specialtyReferral: 0.3,
  moved: 0.06,
  /** Open episodes per care manager (measurement-based-care.md §4: 60–120 per FTE). */
  caseload: 80,
  careManagersPerConsultant: 3,
  /** Patients per PCP panel; one medical assistant per PCP. */
  panelSize: 2000,
} as const;

export const PAYER_WEIGHTS = [
  ['medicaid', 35],
  ['commercial', 50],
  ['self_pay', 5],
  ['other', 5],
] as const;

export const SEX_WEIGHTS = [
  ['female', 52],
  ['male', 45],
  ['other', 1.5],
  ['unknown', 1.5],
] as const;

/** IANA zones for the clinics, coast to coast and beyond, so months are cut in many zones. */
export const CLINIC_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'America/Detroit',
  'America/Indiana/Indianapolis',
] as const;

/**
 * A real city and ZIP for each clinic zone, for the invented billing and home addresses (837P 2010AA and
 * 2010BA N3/N4); the ZIP+4 suffixes are made up.
 */
export const ZONE_PLACES: Record<
  (typeof CLINIC_ZONES)[number],
  { city: string; state: string; zip: string }
> = {
  'America/New_York': { city: 'Albany', state: 'NY', zip: '12207' },
  'America/Chicago': { city: 'Springfield', state: 'IL', zip: '62701' },
  'America/Denver': { city: 'Denver', state: 'CO', zip: '80202' },
  'America/Phoenix': { city: 'Mesa', state: 'AZ', zip: '85201' },
  'America/Los_Angeles': { city: 'Fresno', state: 'CA', zip: '93721' },
  'America/Anchorage': { city: 'Anchorage', state: 'AK', zip: '99501' },
  'Pacific/Honolulu': { city: 'Honolulu', state: 'HI', zip: '96813' },
  'America/Puerto_Rico': { city: 'San Juan', state: 'PR', zip: '00901' },
  'America/Detroit': { city: 'Lansing', state: 'MI', zip: '48933' },
  'America/Indiana/Indianapolis': { city: 'Indianapolis', state: 'IN', zip: '46204' },
};
