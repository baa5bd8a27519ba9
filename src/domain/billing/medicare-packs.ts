// Medicare rule packs for CY2025 and CY2026, built from one shared baseline so the years differ only where CMS did.
import { deepFreeze } from '../instruments/deep-freeze.js';
import { MEDICARE_ENCOUNTER_RULES } from './encounter/medicare-rules.js';
import { parsePack } from './rule-pack-schema.js';
import type { ExclusionRule, RulePack } from './rule-pack-schema.js';

// billing.md §4: CoCM family; G0512 is the FQHC/RHC CoCM code (billing.md §6), listed so an FQHC claim blocks too.
const COCM_CODES = ['99492', '99493', '99494', 'G2214', 'G0512'];
// billing.md §4: general BHI family; G0511 is the pre-2025 FQHC/RHC general care-management code (billing.md §6).
const GENERAL_BHI_CODES = ['99484', 'G0511'];

const BASELINE_EXCLUSIONS: ExclusionRule[] = [
  {
    id: 'cocm-one-claim-per-month',
    codes: COCM_CODES,
    conflictsWith: COCM_CODES,
    // billing.md §4: 99492+99493 and G2214+99492/99493 not in one month [P]; §5: never split a month across claims [U]
    reason:
      'CoCM is already billed for this patient this month; one month goes on one claim, so send a corrected claim (billing.md §4, §5)',
  },
  {
    id: 'cocm-vs-general-bhi',
    codes: COCM_CODES,
    conflictsWith: GENERAL_BHI_CODES,
    // billing.md §4: CoCM and general BHI (99484, G0511) not in the same month for the same patient [P]
    reason:
      'CoCM and general BHI (99484/G0511) cannot be billed in the same month for the same patient (billing.md §4)',
  },
  {
    id: 'cocm-vs-g0323',
    codes: COCM_CODES,
    conflictsWith: ['G0323'],
    // billing.md §4: "Treat as No by default (same BHI family); confirm" [U]
    reason:
      'CoCM and G0323 are treated as the same BHI family and not billed in one month (billing.md §4, unconfirmed default)',
  },
  {
    id: 'general-bhi-once-per-month',
    codes: ['99484', 'G0323', 'G0511'],
    conflictsWith: ['99484', 'G0323', 'G0511'],
    // billing.md §3: 99484 and G0323 are once a month [V]/[P]; one general BHI code per patient-month is our reading [U]
    reason:
      'general BHI is already billed for this patient this month (99484/G0323 once a month, billing.md §3); send a corrected claim instead',
  },
];

// billing.md §4 and §7: with APCM in 2026, bill the add-ons G0568/G0569/G0570, not 99492–99494/99484 [P].
// G2214 is not named there; it is blocked too because G0568/G0569 mirror the whole CoCM family [U].
const APCM_2026_EXCLUSION: ExclusionRule = {
  id: 'apcm-2026-vs-standalone-bhi',
  codes: ['99492', '99493', '99494', 'G2214', '99484'],
  conflictsWith: ['G0556', 'G0557', 'G0558', 'G0568', 'G0569', 'G0570'],
  reason:
    'APCM is billed for this patient-month; from 2026 bill the APCM behavioral add-ons G0568/G0569/G0570 instead (billing.md §4, §7)',
};

type YearlyPart = Pick<
  RulePack,
  'id' | 'year' | 'label' | 'fees' | 'conversionFactor' | 'exclusions' | 'notes'
>;

const MEDICARE_BASELINE: Omit<RulePack, keyof YearlyPart> = {
  payer: 'medicare',
  cocm: {
    // billing.md §2.1: CPT time rule, a unit is reached once its midpoint is passed [P]
    timeRule: 'midpoint',
    initial: {
      // billing.md §2.1: G2214 16–35 in the initial month (midpoint of 30; 31–35 still short of 99492) [P]/[U]
      shortMonth: { code: 'G2214', unitMinutes: 30, fromMinutes: 16 },
      // billing.md §2.1: 99492 billable from 36 min (midpoint of 70) [P]
      base: { code: '99492', unitMinutes: 70, fromMinutes: 36 },
      // billing.md §2.1: +99494 from 86 (70 + midpoint of 30), one more per further 30 [P]
      addOn: { code: '99494', unitMinutes: 30, fromMinutes: 86 },
    },
    subsequent: {
      // billing.md §2.1: G2214 16–30 in a subsequent month (midpoint of 30) [P]
      shortMonth: { code: 'G2214', unitMinutes: 30, fromMinutes: 16 },
      // billing.md §2.1: 99493 billable from 31 min (midpoint of 60) [P]
      base: { code: '99493', unitMinutes: 60, fromMinutes: 31 },
      // billing.md §2.1: +99494 from 76 (60 + midpoint of 30), one more per further 30 [P]
      addOn: { code: '99494', unitMinutes: 30, fromMinutes: 76 },
    },
    // billing.md §2.2: a new episode only after 6 consecutive months without CoCM service [V]
    newEpisodeGapMonths: 6,
  },
  generalBhi: {
    // billing.md §3: 99484 at least 20 min per month, full 20 required, no midpoint [V]/[P]
    clinicalStaff: { code: '99484', unitMinutes: 20, fromMinutes: 20 },
    practitionerOwn: {
      // billing.md §3: G0323 at least 20 min of the practitioner's own time [V]
      timed: { code: 'G0323', unitMinutes: 20, fromMinutes: 20 },
      // billing.md §3: CP and CSW since CY2023, MHC and MFT added by the CY2024 descriptor [V]
      credentials: ['psychologist', 'lcsw', 'lpc', 'lmft'],
    },
  },
  counting: {
    roles: {
      cocm: {
        // billing.md §1: BHCM activities count [V]
        care_manager: 'all_activities',
        // billing.md §1: treating practitioner's time only for BHCM-type work not billed elsewhere [V]
        pcp: 'care_management_activities',
        // billing.md §1: consultant time not counted under the Medicare/CPT reading; payer setting [P]
        psychiatric_consultant: 'none',
        // billing.md §1: the BHCM needs behavioral health training; an MA is not a BHCM [U: our reading]
        medical_assistant: 'none',
        front_desk: 'none',
        admin: 'none',
        billing: 'none',
        // other-codes.md: a therapist's time is billed per encounter, not as BHCM time [U: our reading]
        bh_clinician: 'none',
      },
      general_bhi: {
        // billing.md §3: 99484 is clinical staff time directed by the practitioner, or the practitioner's own [V]
        care_manager: 'all_activities',
        pcp: 'care_management_activities',
        // billing.md §3: a consultant is optional for 99484; default mirrors CoCM and excludes [U]
        psychiatric_consultant: 'none',
        // billing.md §3: "clinical staff"; an MA counts for care-management work [U: our reading]
        medical_assistant: 'care_management_activities',
        front_desk: 'none',
        admin: 'none',
        billing: 'none',
        // other-codes.md: billed per encounter; G0323 is the billing practitioner's own time (billing.md §3) [U: our reading]
        bh_clinician: 'none',
      },
    },
    // billing.md §1: outreach, follow-up, registry tracking, care coordination, assessment, weekly caseload review [V]
    careManagementActivities: [
      'initial_assessment',
      'follow_up',
      'outreach',
      'care_coordination',
      'registry_review',
      'case_review',
    ],
    // billing.md §1: psychotherapy is a separately billable service whose time is excluded, even by the BHCM [V];
    // excluding it also when no psychotherapy claim is filed is our conservative default [U]
    neverCountedActivities: ['psychotherapy'],
    // billing.md §1: time of any separately billed service is excluded [V]
    countBilledSeparately: false,
    // billing.md §1: time while the patient is inpatient or in observation is excluded [V]
    countInpatientTime: false,
  },
  // billing.md §2: no CPT cap on 99494; payers add their own
  unitCaps: {},
  // billing.md §5: DOS may be any date from the threshold date to month end; many practices use the last day [P]/[U]
  dateOfService: 'last_day_of_month',
  encounter: MEDICARE_ENCOUNTER_RULES,
};

// Frozen: every payer override and every clinic falls back to these objects.
export const MEDICARE_2025: RulePack = deepFreeze(
  parsePack({
    ...MEDICARE_BASELINE,
    id: '2025-medicare-v1',
    year: 2025,
    label: 'Medicare Physician Fee Schedule CY2025',
    fees: {
      // billing.md §9: CY2025 national non-facility amounts at CF $32.3465 [P]
      '99492': 145.24,
      '99493': 133.59,
      '99494': 55.96,
      '99484': 53.05,
      // billing.md §9: not found
      G2214: null,
      G0323: null,
    },
    // billing.md §9: CY2025 conversion factor [P]
    conversionFactor: { standard: 32.3465, qualifyingApm: null },
    exclusions: BASELINE_EXCLUSIONS,
    notes: [
      'CoCM thresholds 36/31/86/76 and G2214 at 16 are [P] (billing.md §2.1)',
      'G2214 in the initial month covers 16–35 minutes [U: derived] (billing.md §2.1)',
      'CoCM with G0323 in one month is excluded by default [U] (billing.md §4)',
      'Fee amounts are national non-facility, before locality GPCI [P] (billing.md §9)',
    ],
  }),
);

export const MEDICARE_2026: RulePack = deepFreeze(
  parsePack({
    ...MEDICARE_BASELINE,
    id: '2026-medicare-v1',
    year: 2026,
    label: 'Medicare Physician Fee Schedule CY2026',
    // billing.md §9: CY2026 amounts not verified
    fees: { '99492': null, '99493': null, '99494': null, '99484': null, G2214: null, G0323: null },
    // billing.md §9: CY2026 has two conversion factors, non-qualifying / qualifying APM [P]
    conversionFactor: { standard: 33.4009, qualifyingApm: 33.5675 },
    exclusions: [...BASELINE_EXCLUSIONS, APCM_2026_EXCLUSION],
    notes: [
      'CoCM thresholds 36/31/86/76 and G2214 at 16 are [P] (billing.md §2.1); FQHC/RHC use them from 2026 [V]',
      'G2214 in the initial month covers 16–35 minutes [U: derived] (billing.md §2.1)',
      'CoCM with G0323 in one month is excluded by default [U] (billing.md §4)',
      'APCM patient-months block standalone 99492–99494/99484 [P] and G2214 [U] (billing.md §4, §7)',
      'CY2026 fee amounts not verified (billing.md §9)',
    ],
  }),
);

/** The packs shipped with Careloop; payer overrides are layered on these with applyPayerOverride. */
export const MEDICARE_PACKS: readonly RulePack[] = deepFreeze([MEDICARE_2025, MEDICARE_2026]);
