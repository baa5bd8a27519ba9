// The clinic's suicide-risk pathway: what each risk level requires and by when, as editable data.
import { z } from 'zod';
import { deepFreeze } from '../instruments/deep-freeze.js';
import { STAFF_ROLES } from '../registry/roles.js';
import { dueSchema, type Due } from '../triage.js';

/** The clinician's formulation (suicide-risk.md §2); "uncertain" is treated as high (§3). */
export const RISK_LEVELS = ['low', 'moderate', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Where the patient goes next (suicide-risk.md §3). ED transfer is the one that needs no follow-up time. */
export const SAFETY_DISPOSITIONS = ['outpatient_bh_follow_up', 'urgent_bh_follow_up', 'ed_transfer'] as const;
export type SafetyDisposition = (typeof SAFETY_DISPOSITIONS)[number];

/** The disposition after which the clinic hands care to the emergency department (issue: no follow-up needed). */
export const ED_TRANSFER: SafetyDisposition = 'ed_transfer';

/**
 * What a level can require (suicide-risk.md §3; NPSG EP 4–6 in §1). Each becomes a tracked task.
 * `bh_follow_up` is the assessment's own follow-up time; `check_in` repeats until that follow-up.
 */
export const REQUIREMENT_CODES = [
  'safety_plan',
  'bh_follow_up',
  'pcp_informed',
  'collateral_contact',
  'check_in',
  'ed_evaluation',
  'hold_paperwork',
] as const;
export type RequirementCode = (typeof REQUIREMENT_CODES)[number];

const MAX_CHECK_IN_DAYS = 30;

const requirementSchema = z
  .strictObject({
    code: z.enum(REQUIREMENT_CODES, { error: `code must be one of ${REQUIREMENT_CODES.join(', ')}` }),
    label: z.string().trim().min(1, { error: 'label is required' }).max(200),
    /** Latest time, from the assessment, the requirement is due. */
    due: dueSchema,
    /** check_in only: one check-in every n days until the follow-up. */
    everyDays: z.number().int().min(1).max(MAX_CHECK_IN_DAYS).optional(),
    /** Who may complete it (e.g. hold paperwork: named in policy, suicide-risk.md §3); empty = any clinician. */
    roles: z.array(z.enum(STAFF_ROLES)).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.code === 'check_in' && r.everyDays === undefined) {
      ctx.addIssue({ code: 'custom', path: ['everyDays'], message: 'a check_in needs everyDays' });
    }
    if (r.code !== 'check_in' && r.everyDays !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['everyDays'], message: 'only a check_in repeats' });
    }
    if (r.code !== 'check_in' && r.due === null) {
      ctx.addIssue({ code: 'custom', path: ['due'], message: `${r.code} needs a due time` });
    }
  });
export type Requirement = z.output<typeof requirementSchema>;

const levelSchema = z
  .strictObject({
    dispositions: z
      .array(z.enum(SAFETY_DISPOSITIONS))
      .min(1, { error: 'each level allows at least one disposition' }),
    requirements: z.array(requirementSchema),
  })
  .superRefine((level, ctx) => {
    const codes = level.requirements.map((r) => r.code);
    codes.forEach((code, i) => {
      if (codes.indexOf(code) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['requirements', i, 'code'],
          message: `${code} is listed twice`,
        });
      }
    });
  });

export const safetyPathwaySchema = z
  .strictObject({ low: levelSchema, moderate: levelSchema, high: levelSchema })
  .superRefine((pathway, ctx) => {
    // suicide-risk.md §3: high or uncertain risk means an emergency evaluation; a clinic may add, not drop it.
    if (!pathway.high.dispositions.includes(ED_TRANSFER)) {
      ctx.addIssue({
        code: 'custom',
        path: ['high', 'dispositions'],
        message: 'high risk must allow ed_transfer (suicide-risk.md §3: emergency evaluation)',
      });
    }
  });
export type SafetyPathway = z.output<typeof safetyPathwaySchema>;

const req = (
  code: RequirementCode,
  label: string,
  due: Due,
  extra: Partial<Requirement> = {},
): Requirement => ({
  code,
  label,
  due,
  roles: [],
  ...extra,
});

/**
 * suicide-risk.md §3 defaults (seed 002 §8.1). Time frames are the [U] common-practice values the
 * reference suggests starting from, kept as data: low → BH follow-up within 7 days; moderate → BH
 * contact within 72 h and weekly check-ins until reassessed; high → same day, emergency evaluation.
 */
export const DEFAULT_SAFETY_PATHWAY: SafetyPathway = deepFreeze<SafetyPathway>({
  low: {
    dispositions: ['outpatient_bh_follow_up'],
    requirements: [
      req('safety_plan', 'Safety plan written with the patient', 'same_day'),
      req('bh_follow_up', 'Outpatient BH follow-up', { days: 7 }),
      req('pcp_informed', 'PCP informed', 'same_day'),
    ],
  },
  moderate: {
    dispositions: ['urgent_bh_follow_up', 'ed_transfer'],
    requirements: [
      req('safety_plan', 'Safety planning with the patient', 'same_day'),
      req('bh_follow_up', 'Urgent BH appointment', { hours: 72 }),
      req('pcp_informed', 'PCP informed', 'same_day'),
      req('collateral_contact', 'Collateral contact attempted (family or support person)', { hours: 24 }),
      req('check_in', 'Check-in call', null, { everyDays: 7 }),
    ],
  },
  high: {
    dispositions: ['ed_transfer'],
    requirements: [
      req('ed_evaluation', 'Emergency evaluation (warm transfer, never left alone)', 'same_day'),
      req('pcp_informed', 'PCP informed', 'same_day'),
      req('hold_paperwork', 'Involuntary hold paperwork where the law allows', 'same_day', {
        roles: ['pcp', 'psychiatric_consultant'],
      }),
    ],
  },
});
