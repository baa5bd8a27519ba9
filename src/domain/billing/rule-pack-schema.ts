// Rule pack schema: one year's billing rules for one payer class, as validated data.
import { z } from 'zod';
import { encounterRulesSchema } from './encounter/rules-schema.js';
import { addOnThreshold, TIME_RULES, unitThreshold } from './time-rule.js';
import {
  activitySchema,
  billingCodeSchema,
  payerSchema,
  staffRoleSchema,
  credentialSchema,
} from './vocabulary.js';

const minutesSchema = z.number().int().positive();

/** A time-based code: its unit time and the first month-total minute that bills it. */
const timedCodeSchema = z.strictObject({
  code: billingCodeSchema,
  unitMinutes: minutesSchema,
  fromMinutes: minutesSchema,
});
export type TimedCode = z.infer<typeof timedCodeSchema>;

/**
 * The CoCM codes for one kind of month. Minute ranges: shortMonth [from, base.from), base from
 * base.from, add-on unit n from addOn.from + (n − 1) × addOn.unitMinutes (billing.md §2.1).
 */
const ladderSchema = z
  .strictObject({
    shortMonth: timedCodeSchema.nullable(),
    base: timedCodeSchema,
    addOn: timedCodeSchema.nullable(),
  })
  .superRefine((ladder, ctx) => {
    const { shortMonth, base, addOn } = ladder;
    for (const [slot, timed] of [
      ['base', base],
      ['shortMonth', shortMonth],
    ] as const) {
      if (timed && timed.fromMinutes > timed.unitMinutes) {
        ctx.addIssue({
          code: 'custom',
          path: [slot, 'fromMinutes'],
          message: `${timed.code} starts at ${timed.fromMinutes}, above its own ${timed.unitMinutes}-minute unit`,
        });
      }
    }
    if (shortMonth && shortMonth.fromMinutes >= base.fromMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['shortMonth', 'fromMinutes'],
        message: `${shortMonth.code} (from ${shortMonth.fromMinutes}) must start below ${base.code} (from ${base.fromMinutes}); the minute ranges would overlap`,
      });
    }
    if (addOn && addOn.fromMinutes <= base.fromMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['addOn', 'fromMinutes'],
        message: `${addOn.code} first unit (from ${addOn.fromMinutes}) must start above ${base.code} (from ${base.fromMinutes}); thresholds must increase`,
      });
    }
  });
export type CodeLadder = z.infer<typeof ladderSchema>;

const cocmSchema = z
  .strictObject({
    timeRule: z.enum(TIME_RULES),
    initial: ladderSchema,
    subsequent: ladderSchema,
    /** billing.md §2.2: a new episode (new 99492) only after this many consecutive months without CoCM service */
    newEpisodeGapMonths: z.number().int().positive(),
  })
  .superRefine((cocm, ctx) => {
    const rule = cocm.timeRule;
    if (rule === 'payer_specific') return;
    for (const kind of ['initial', 'subsequent'] as const) {
      const { shortMonth, base, addOn } = cocm[kind];
      const checks = [
        { slot: 'base', timed: base, expected: unitThreshold(rule, base.unitMinutes) },
        shortMonth && {
          slot: 'shortMonth',
          timed: shortMonth,
          expected: unitThreshold(rule, shortMonth.unitMinutes),
        },
        addOn && {
          slot: 'addOn',
          timed: addOn,
          expected: addOnThreshold(rule, base.unitMinutes, addOn.unitMinutes),
        },
      ];
      for (const check of checks) {
        if (!check || check.timed.fromMinutes === check.expected) continue;
        const { code, fromMinutes, unitMinutes } = check.timed;
        ctx.addIssue({
          code: 'custom',
          path: [kind, check.slot, 'fromMinutes'],
          message: `${code} starts at ${fromMinutes}, but the ${rule} rule gives ${check.expected} for a ${unitMinutes}-minute unit; fix the threshold or set timeRule 'payer_specific'`,
        });
      }
    }
  });

/** billing.md §3: general BHI bills only on the full time, no midpoint rule. */
const fullTimeCodeSchema = timedCodeSchema.superRefine((code, ctx) => {
  if (code.fromMinutes < code.unitMinutes) {
    ctx.addIssue({
      code: 'custom',
      path: ['fromMinutes'],
      message: `${code.code} needs its full ${code.unitMinutes} minutes (billing.md §3); got ${code.fromMinutes}`,
    });
  }
});

const generalBhiSchema = z.strictObject({
  /** 99484: clinical staff time directed by the billing practitioner */
  clinicalStaff: fullTimeCodeSchema,
  /** G0323: the personal time of a practitioner holding one of `credentials`; null when the payer has no such code */
  practitionerOwn: z
    .strictObject({ timed: fullTimeCodeSchema, credentials: z.array(credentialSchema).min(1) })
    .nullable(),
});

/**
 * `all_activities`: every activity not listed as never counted;
 * `care_management_activities`: only `careManagementActivities` (billing.md §1: the treating
 * practitioner's time counts only for BHCM-type work); `none`: never counts.
 */
export const roleCountingSchema = z.enum(['all_activities', 'care_management_activities', 'none']);
export type RoleCounting = z.infer<typeof roleCountingSchema>;

/** Per role; packs stored before the behavioral health clinician role existed read it as not counting. */
const roleCountsSchema = z.preprocess(
  (roles) =>
    typeof roles === 'object' && roles !== null && !('bh_clinician' in roles)
      ? { ...roles, bh_clinician: 'none' }
      : roles,
  z.record(staffRoleSchema, roleCountingSchema),
);

const countingSchema = z
  .strictObject({
    roles: z.strictObject({
      cocm: roleCountsSchema,
      general_bhi: roleCountsSchema,
    }),
    careManagementActivities: z.array(activitySchema),
    neverCountedActivities: z.array(activitySchema),
    countBilledSeparately: z.boolean(),
    countInpatientTime: z.boolean(),
  })
  .superRefine((counting, ctx) => {
    counting.neverCountedActivities.forEach((activity, index) => {
      if (counting.careManagementActivities.includes(activity)) {
        ctx.addIssue({
          code: 'custom',
          path: ['neverCountedActivities', index],
          message: `'${activity}' is listed both as a care-management activity and as never counted`,
        });
      }
    });
  });

/** Two groups of codes that may not both be billed for the same patient in the same month (symmetric). */
const exclusionSchema = z.strictObject({
  id: z.string().min(1),
  codes: z.array(z.string().min(1)).min(1),
  conflictsWith: z.array(z.string().min(1)).min(1),
  reason: z.string().min(1),
});
export type ExclusionRule = z.infer<typeof exclusionSchema>;

export const rulePackSchema = z.strictObject({
  /** Stable version id stored with every result, e.g. `2026-medicare-v1` (fhir.md §7 rule_pack_version). */
  id: z.string().min(1),
  year: z.number().int().min(2018).max(2100),
  payer: payerSchema,
  label: z.string().min(1),
  cocm: cocmSchema,
  generalBhi: generalBhiSchema,
  counting: countingSchema,
  /** Units per code per month; null or absent = no cap */
  unitCaps: z.partialRecord(billingCodeSchema, z.number().int().positive().nullable()),
  /** billing.md §5 */
  dateOfService: z.enum(['last_day_of_month', 'date_threshold_met']),
  /** National non-facility amount in USD per unit before GPCI; null = not known (billing.md §9) */
  fees: z.partialRecord(billingCodeSchema, z.number().nonnegative().nullable()),
  conversionFactor: z
    .strictObject({ standard: z.number().positive(), qualifyingApm: z.number().positive().nullable() })
    .nullable(),
  exclusions: z.array(exclusionSchema),
  /** Per-encounter codes (other-codes.md); absent in packs stored before them, see `encounterRulesFor` */
  encounter: encounterRulesSchema.optional(),
  /** Assumptions and sources a reviewer should see, with their confidence tags */
  notes: z.array(z.string()),
});
export type RulePack = z.infer<typeof rulePackSchema>;
export type DateOfServiceConvention = RulePack['dateOfService'];

/** Checks an untrusted pack (admin upload, stored JSON); issues carry paths such as `cocm.initial.addOn.fromMinutes`. */
export function validatePack(candidate: unknown): z.ZodSafeParseResult<RulePack> {
  return rulePackSchema.safeParse(candidate);
}

/** Like validatePack but throws the ZodError; for packs shipped in code. */
export function parsePack(candidate: unknown): RulePack {
  return rulePackSchema.parse(candidate);
}
