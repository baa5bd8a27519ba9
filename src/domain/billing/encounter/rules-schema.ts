// Encounter coding rules as validated data, carried in a year's rule pack beside the monthly codes.
import { z } from 'zod';
import { credentialSchema } from '../vocabulary.js';
import { confidenceSchema, encounterCodeSchema } from './vocabulary.js';

const minutesSchema = z.number().int().positive();

/** A code reached at a minute total: the lowest band whose `fromMinutes` the service meets. */
const bandSchema = z.strictObject({ code: encounterCodeSchema, fromMinutes: minutesSchema });

/** Bands in strictly increasing order of minutes, so exactly one band holds any total. */
const bandsSchema = z
  .array(bandSchema)
  .min(1)
  .superRefine((bands, ctx) => {
    bands.forEach((band, i) => {
      const before = bands[i - 1];
      if (before && band.fromMinutes <= before.fromMinutes) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'fromMinutes'],
          message: `${band.code} (from ${band.fromMinutes}) must start above ${before.code} (from ${before.fromMinutes})`,
        });
      }
    });
  });
export type Band = z.infer<typeof bandSchema>;

/**
 * A timed base code plus an add-on per further unit (HBAI, other-codes.md §2): the base from
 * `base.fromMinutes`, add-on unit n from `addOn.fromMinutes + (n − 1) × addOn.unitMinutes`.
 */
const unitLadderSchema = z
  .strictObject({
    base: z.strictObject({ code: encounterCodeSchema, fromMinutes: minutesSchema }),
    addOn: z.strictObject({
      code: encounterCodeSchema,
      fromMinutes: minutesSchema,
      unitMinutes: minutesSchema,
    }),
  })
  .refine((l) => l.addOn.fromMinutes > l.base.fromMinutes, {
    path: ['addOn', 'fromMinutes'],
    message: 'the add-on must start above the base code',
  });
export type UnitLadder = z.infer<typeof unitLadderSchema>;

/** Who may bill a group of codes for this payer, with the confidence of that statement. */
const credentialRuleSchema = z.strictObject({
  codes: z.array(encounterCodeSchema).min(1),
  credentials: z.array(credentialSchema).min(1),
  tag: confidenceSchema,
  source: z.string().min(1),
});
export type CredentialRule = z.infer<typeof credentialRuleSchema>;

/**
 * A payer that pays either the medical or the behavioral visit on one day: keep the first kind in
 * `order`, or keep both and flag them for review.
 */
const oneVisitPerDaySchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('order'),
    order: z.tuple([z.enum(['medical', 'behavioral']), z.enum(['medical', 'behavioral'])]),
  }),
  z.strictObject({ mode: z.literal('flag') }),
]);
export type OneVisitPerDay = z.infer<typeof oneVisitPerDaySchema>;

export const encounterRulesSchema = z.strictObject({
  psychotherapy: z.strictObject({
    /** other-codes.md §1: 90832/90834/90837 by minutes of psychotherapy */
    alone: bandsSchema,
    /** other-codes.md §1: +90833/+90836/+90838 with an E/M by the same practitioner the same day */
    withEm: bandsSchema,
  }),
  family: z.strictObject({
    withoutPatient: encounterCodeSchema,
    withPatient: encounterCodeSchema,
    fromMinutes: minutesSchema,
  }),
  diagnosticEvaluation: z.strictObject({
    withoutMedical: encounterCodeSchema,
    withMedical: encounterCodeSchema,
  }),
  groupPsychotherapy: encounterCodeSchema,
  interactiveComplexity: z.strictObject({
    code: encounterCodeSchema,
    withPrimaries: z.array(encounterCodeSchema).min(1),
  }),
  hbai: z.strictObject({
    assessment: encounterCodeSchema,
    individual: unitLadderSchema,
    group: unitLadderSchema,
    familyWithPatient: unitLadderSchema,
    familyWithoutPatient: unitLadderSchema,
  }),
  /** other-codes.md §3: office E/M level by the practitioner's total time on the date */
  em: bandsSchema,
  sameDay: z.strictObject({
    /** other-codes.md §2: HBAI not on the same day as 90785–90899; keep the predominant service */
    hbaiWithPsychiatric: z.enum(['predominant', 'allow']),
    oneVisitPerDay: oneVisitPerDaySchema.nullable(),
  }),
  /** Codes without a rule here may be billed by any recorded credential. */
  credentials: z.array(credentialRuleSchema),
  /** Expected payment per unit in USD; null = not known (billing.md §9 lists only monthly codes) */
  fees: z.partialRecord(encounterCodeSchema, z.number().nonnegative().nullable()),
});
export type EncounterRules = z.infer<typeof encounterRulesSchema>;
