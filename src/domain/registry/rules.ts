// The per-clinic registry rule pack: every threshold the flags, caseload and review list use, as data.
import { z } from 'zod';
import { PHQ9_ITEM9_POSITIVE_AT } from '../instruments/phq9.js';
import {
  DEFAULT_BASELINE_RULE,
  ELEVATED_BASELINE_MIN,
  REMISSION_BELOW,
  RESPONSE_REDUCTION_PERCENT,
  baselineRuleSchema,
} from './outcomes.js';

const days = z.int().min(1);

// Defaults of the rules added after clinics had saved rule sets: a saved set without them takes these.

/**
 * Relapse in relapse prevention: the latest score is elevated again (≥ 10, the elevated-baseline and
 * not-improving threshold [V]/[U]) or the response (≥ 50 % below an elevated baseline [V]) is lost:
 * docs/domain/measurement-based-care.md §2, §7 (relapse prevention → active on relapse), §8.
 */
export const DEFAULT_RELAPSE_RULE = {
  latestAtLeast: ELEVATED_BASELINE_MIN,
  responseReductionPercent: RESPONSE_REDUCTION_PERCENT,
  elevatedBaselineMin: ELEVATED_BASELINE_MIN,
};

/**
 * Outreach attempts since the last completed contact that make a patient unreachable ([U] local default):
 * AIMS asks the registry to reach out proactively to those who do not follow up, and "unable to contact"
 * is a discharge reason: docs/domain/measurement-based-care.md §1, §7.
 */
export const DEFAULT_UNREACHABLE_RULE = { attemptsAtLeast: 3 };

/**
 * Weeks an active patient may go without being discussed at case review ([U] local default): weekly
 * caseload consultation is a required CoCM element and the psychiatric review rate an outcome measure
 * ([V]): docs/domain/measurement-based-care.md §4, §9.
 */
export const DEFAULT_REVIEW_OVERDUE_WEEKS = 4;
const percent = z.number().gt(0).max(100);
const score = z.int().min(0);

// The four AIMS caseload cells for a 1.0 FTE care manager: docs/domain/measurement-based-care.md §4.
export const CASELOAD_NORM_KEYS = [
  'commercial_behavioral_only',
  'commercial_behavioral_medical',
  'medicaid_behavioral_only',
  'medicaid_behavioral_medical',
] as const;
export type CaseloadNormKey = (typeof CASELOAD_NORM_KEYS)[number];

export const CSSRS_LEVELS = ['negative', 'low', 'moderate', 'high'] as const;
export type CssrsLevel = (typeof CSSRS_LEVELS)[number];

export const registryRulesSchema = z.strictObject({
  /** Stamped on every flag: docs/domain/measurement-based-care.md §8. */
  version: z.string().min(1),
  baseline: baselineRuleSchema,
  safety: z.strictObject({
    /** Flags item 9 from this answer on, besides every positive item 9; 0 flags any answered item 9. */
    phq9Item9AtLeast: z.int().min(0).max(3),
    cssrsLevels: z.array(z.enum(CSSRS_LEVELS)).min(1),
  }),
  notImproving: z.strictObject({
    minDaysInTreatment: days,
    minReductionPercent: percent,
    elevatedBaselineMin: score,
    latestAtLeast: score,
  }),
  noContactDays: z.strictObject({ active: days, relapsePrevention: days }),
  measurementOverdueDays: days,
  followUpWithinDays: days,
  readyForRelapsePrevention: z.strictObject({
    remissionBelow: score,
    responseReductionPercent: percent,
    sustainedDays: days,
  }),
  minutesAtRisk: z.strictObject({ afterDayOfMonth: z.int().min(1).max(30) }),
  inactiveMonths: z.int().min(1),
  recommendationAckDays: days,
  relapse: z
    .strictObject({
      latestAtLeast: score,
      responseReductionPercent: percent,
      elevatedBaselineMin: score,
    })
    .default(DEFAULT_RELAPSE_RULE),
  unreachable: z.strictObject({ attemptsAtLeast: z.int().min(1) }).default(DEFAULT_UNREACHABLE_RULE),
  reviewOverdueWeeks: z.int().min(1).default(DEFAULT_REVIEW_OVERDUE_WEEKS),
  caseload: z.strictObject({ capacity: z.int().min(1), aimsNorm: z.enum(CASELOAD_NORM_KEYS) }),
});
export type RegistryRules = z.infer<typeof registryRulesSchema>;

/**
 * What a clinic may save: its thresholds may make the safety flag stricter, never drop the flag of a
 * PHQ-9 item 9 that starts the safety protocol (instruments.md §2). Stored rule sets are read with
 * `registryRulesSchema`, so an older, looser one still loads (the flag ignores the looser part).
 */
export const registryRulesEditSchema = registryRulesSchema.superRefine((rules, ctx) => {
  if (rules.safety.phq9Item9AtLeast > PHQ9_ITEM9_POSITIVE_AT) {
    ctx.addIssue({
      code: 'custom',
      path: ['safety', 'phq9Item9AtLeast'],
      message:
        `must be at most ${PHQ9_ITEM9_POSITIVE_AT}: a PHQ-9 item 9 answer of ${PHQ9_ITEM9_POSITIVE_AT} or more ` +
        `starts the safety protocol (instruments.md §2), so its safety flag cannot be dropped`,
    });
  }
});

export const DEFAULT_REGISTRY_RULES: RegistryRules = registryRulesSchema.parse({
  version: 'registry-defaults-2026.2',
  // First score from enrollment to +14 days, else the first later one ([P], configurable):
  // docs/domain/measurement-based-care.md §2.
  baseline: DEFAULT_BASELINE_RULE,
  // PHQ-9 item 9 ≥ 1 or C-SSRS moderate/high ([U] rule): docs/domain/measurement-based-care.md §8;
  // C-SSRS levels: docs/domain/instruments.md §7.
  safety: { phq9Item9AtLeast: 1, cssrsLevels: ['moderate', 'high'] },
  notImproving: {
    // 10 weeks (70 days) without a 50 % reduction ([U]): docs/domain/measurement-based-care.md §3, §8.
    minDaysInTreatment: 70,
    minReductionPercent: RESPONSE_REDUCTION_PERCENT,
    elevatedBaselineMin: ELEVATED_BASELINE_MIN,
    // "and latest ≥ 10": docs/domain/measurement-based-care.md §8 (treating to remission would set 5).
    latestAtLeast: 10,
  },
  // More than 30 days without a completed contact while active, 45 in relapse prevention ([U]):
  // docs/domain/measurement-based-care.md §8.
  noContactDays: { active: 30, relapsePrevention: 45 },
  // No primary-measure score for over 30 days while active ([U]): docs/domain/measurement-based-care.md §8.
  measurementOverdueDays: 30,
  // First follow-up within 4 weeks of the initial assessment, an MHIP process measure ([V]):
  // docs/domain/measurement-based-care.md §3, §8.
  followUpWithinDays: 28,
  // Remission, or response sustained over scores at least 4 weeks apart ([U]):
  // docs/domain/measurement-based-care.md §8.
  readyForRelapsePrevention: {
    remissionBelow: REMISSION_BELOW,
    responseReductionPercent: RESPONSE_REDUCTION_PERCENT,
    sustainedDays: 28,
  },
  // "Past mid-month", read as from day 16 on ([U]): docs/domain/measurement-based-care.md §8.
  minutesAtRisk: { afterDayOfMonth: 15 },
  // 6 consecutive months without CoCM services end the episode ([V]): docs/domain/billing.md §2.2.
  inactiveMonths: 6,
  // Local default with no published norm ([U]): the PCP acknowledges consultant advice within a week.
  recommendationAckDays: 7,
  // Sources on the constants above: docs/domain/measurement-based-care.md §1, §2, §4, §7, §8, §9.
  relapse: DEFAULT_RELAPSE_RULE,
  unreachable: DEFAULT_UNREACHABLE_RULE,
  reviewOverdueWeeks: DEFAULT_REVIEW_OVERDUE_WEEKS,
  // 60–80 per FTE in the Medicaid/behavioral-only cell, as in the seed article on clinic operations
  // (FAQ 2): docs/domain/measurement-based-care.md §4.
  caseload: { capacity: 80, aimsNorm: 'medicaid_behavioral_only' },
});
