// Medicare encounter coding rules (CY2025 and CY2026 alike): bands, units, same-day edits and who may bill what.
import { deepFreeze } from '../../instruments/deep-freeze.js';
import { encounterRulesSchema, type EncounterRules } from './rules-schema.js';

// other-codes.md §1 "who typically bills": prescribers hold 90792, the E/M add-ons and the E/M itself.
const PRESCRIBERS = ['md', 'do', 'np', 'pa'] as const;
// other-codes.md §1: psychologist, LCSW, LPC/MHC, MFT and prescribers; billing.md §3: MHC and MFT
// enrol in Medicare from 1/1/2024.
const PSYCHOTHERAPISTS = ['psychologist', 'lcsw', 'lpc', 'lmft', ...PRESCRIBERS] as const;

export const MEDICARE_ENCOUNTER_RULES: EncounterRules = deepFreeze(
  encounterRulesSchema.parse({
    psychotherapy: {
      // other-codes.md §1: 16–37 → 90832, 38–52 → 90834, ≥ 53 → 90837; under 16 nothing [V]
      alone: [
        { code: '90832', fromMinutes: 16 },
        { code: '90834', fromMinutes: 38 },
        { code: '90837', fromMinutes: 53 },
      ],
      // other-codes.md §1: the add-on family with an E/M, same bands [V]
      withEm: [
        { code: '90833', fromMinutes: 16 },
        { code: '90836', fromMinutes: 38 },
        { code: '90838', fromMinutes: 53 },
      ],
    },
    // other-codes.md §1: 90846/90847, 50 min nominal, ≥ 26 under the midpoint rule [U]
    family: { withoutPatient: '90846', withPatient: '90847', fromMinutes: 26 },
    // other-codes.md §1: 90791/90792 not timed [V]
    diagnosticEvaluation: { withoutMedical: '90791', withMedical: '90792' },
    // other-codes.md §1: 90853 per session, not timed [U]
    groupPsychotherapy: '90853',
    interactiveComplexity: {
      code: '90785',
      // other-codes.md §1: +90785 with 90791/90792, psychotherapy, 90853, or E/M with a psychotherapy add-on [V]
      withPrimaries: ['90791', '90792', '90832', '90834', '90837', '90833', '90836', '90838', '90853'],
    },
    hbai: {
      // other-codes.md §2: 96156 not timed [V]
      assessment: '96156',
      // other-codes.md §2: 96158 from 16 [U], +96159 per further 15 from 38 total [U]
      individual: {
        base: { code: '96158', fromMinutes: 16 },
        addOn: { code: '96159', fromMinutes: 38, unitMinutes: 15 },
      },
      // other-codes.md §2: group and family equivalents share the 30 + 15 structure [V]; thresholds as 96158 [U]
      group: {
        base: { code: '96164', fromMinutes: 16 },
        addOn: { code: '96165', fromMinutes: 38, unitMinutes: 15 },
      },
      familyWithPatient: {
        base: { code: '96167', fromMinutes: 16 },
        addOn: { code: '96168', fromMinutes: 38, unitMinutes: 15 },
      },
      familyWithoutPatient: {
        base: { code: '96170', fromMinutes: 16 },
        addOn: { code: '96171', fromMinutes: 38, unitMinutes: 15 },
      },
    },
    // other-codes.md §3: 99213 ≥ 20, 99214 ≥ 30 min total time, "met or exceeded" from 2024 [V]
    em: [
      { code: '99213', fromMinutes: 20 },
      { code: '99214', fromMinutes: 30 },
    ],
    sameDay: {
      // other-codes.md §2: HBAI not on the same day as 90785–90899; bill the predominant service [P]
      hbaiWithPsychiatric: 'predominant',
      // Medicare pays a medical and a behavioral visit on one day; payers that do not set this [U]
      oneVisitPerDay: null,
    },
    credentials: [
      {
        codes: ['90791', '90832', '90834', '90837', '90785'],
        credentials: [...PSYCHOTHERAPISTS],
        tag: 'V',
        source: 'other-codes.md §1; billing.md §3 (MHC/MFT enrol in Medicare from 2024)',
      },
      {
        codes: ['90792', '90833', '90836', '90838'],
        credentials: [...PRESCRIBERS],
        tag: 'V',
        source: 'other-codes.md §1',
      },
      {
        codes: ['90846', '90847', '90853'],
        credentials: [...PSYCHOTHERAPISTS],
        tag: 'U',
        source: 'other-codes.md §1 ("therapists")',
      },
      {
        codes: ['96156', '96158', '96159', '96164', '96165', '96167', '96168', '96170', '96171'],
        credentials: ['psychologist'],
        tag: 'V',
        source: 'other-codes.md §2 (clinical psychologists historically)',
      },
      {
        codes: ['96156', '96158', '96159', '96164', '96165', '96167', '96168', '96170', '96171'],
        credentials: ['lcsw', 'lmft', 'lpc'],
        tag: 'U',
        source: 'other-codes.md §2 (CSW, MFT, MHC from CY2024)',
      },
      {
        codes: ['99213', '99214'],
        credentials: [...PRESCRIBERS],
        tag: 'U',
        source: 'other-codes.md §3 (time of the billing practitioner)',
      },
    ],
    // billing.md §9 lists amounts for the monthly codes only; encounter amounts are not known here
    fees: {},
  }),
);
