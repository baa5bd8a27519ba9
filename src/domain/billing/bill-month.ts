// The billing engine: one patient, one program, one month of counted minutes → claim lines with reasons.
import { z } from 'zod';
import type { BillingLine, LineCandidate, MinuteOutcome, NextThreshold } from './billing-line.js';
import { cocmOutcome, nextCocmThreshold } from './cocm-lines.js';
import { beforeEpisode, classifyCocmMonth } from './episode.js';
import type { MonthKind } from './episode.js';
import { sameMonthConflicts } from './exclusions.js';
import { generalBhiOutcome, nextGeneralBhiThreshold } from './general-bhi-lines.js';
import type { GeneralBhiMinutes } from './general-bhi-lines.js';
import {
  assertTimeZone,
  parseMonth,
  clinicDaySchema,
  clinicMonthSchema,
  type ClinicDay,
  type ClinicMonth,
} from '../calendar/index.js';
import { consentRecordSchema } from './consent.js';
import type { RulePackWarning } from './pack-selection.js';
import { checkPrerequisites, initiatingVisitFactsSchema } from './prerequisites.js';
import type { RulePack } from './rule-pack-schema.js';
import { serviceDateFor } from './service-date.js';
import { credentialSchema, programSchema } from './vocabulary.js';
import type { Program } from './vocabulary.js';

const minutesSchema = z.number().int().nonnegative();

const timeZoneSchema = z.string().superRefine((timeZone, ctx) => {
  try {
    assertTimeZone(timeZone);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/** What the minute calculators need; also the input of minutesToNext. */
const minuteFactsShape = {
  month: clinicMonthSchema,
  program: programSchema,
  /** whole minutes that count toward `program` this month (see countsTowardProgram / tallyMinutes) */
  countedMinutes: minutesSchema,
  /** general BHI: the part of countedMinutes the billing practitioner logged personally; default 0 */
  minutesByClass: z.strictObject({ g0323PractitionerOwn: minutesSchema }).optional(),
  /** general BHI: the billing practitioner's credential picks G0323 or 99484 (billing.md §3); default null */
  billingPractitionerCredential: credentialSchema.nullable().optional(),
  /** months with any CoCM service for this patient (billed or not); months ≥ `month` are ignored */
  priorServiceMonths: z.array(clinicMonthSchema),
  episodeStartMonth: clinicMonthSchema,
};

function ownWithinCounted(
  facts: { countedMinutes: number; minutesByClass?: { g0323PractitionerOwn: number } | undefined },
  ctx: z.RefinementCtx,
): void {
  const own = facts.minutesByClass?.g0323PractitionerOwn ?? 0;
  if (own > facts.countedMinutes) {
    ctx.addIssue({
      code: 'custom',
      path: ['minutesByClass', 'g0323PractitionerOwn'],
      message: `G0323 practitioner minutes (${own}) cannot exceed the counted minutes (${facts.countedMinutes})`,
    });
  }
}

export const minuteFactsSchema = z.strictObject(minuteFactsShape).superRefine(ownWithinCounted);
export type MinuteFacts = z.input<typeof minuteFactsSchema>;

export const billingMonthInputSchema = z
  .strictObject({
    ...minuteFactsShape,
    /** IANA zone of the clinic; months, consent and dates are read in it */
    timeZone: timeZoneSchema,
    /** the consent that governs the month (consentForMonth) */
    consent: consentRecordSchema.nullable(),
    /** when the month's billing practitioner took over from another one (billing.md §1: consent again) */
    billingPractitionerSince: z.date().nullable().optional(),
    /** the episode's initiating visit (billing.md §1); absent or null: none recorded */
    initiatingVisit: initiatingVisitFactsSchema.nullable().optional(),
    /** ICD-10-CM codes of the behavioral condition(s), primary first */
    diagnoses: z.array(z.string()),
    /** counted minutes per clinic-zone date; needed only for a `date_threshold_met` pack (tallyMinutes builds it) */
    dailyMinutes: z
      .array(
        z.strictObject({
          date: clinicDaySchema,
          counted: minutesSchema,
          g0323PractitionerOwn: minutesSchema,
        }),
      )
      .optional(),
    /** any codes already billed for this patient this month, by anyone (billing.md §4) */
    sameMonthCodes: z.array(z.string()).optional(),
  })
  .superRefine((input, ctx) => {
    ownWithinCounted(input, ctx);
    if (!input.dailyMinutes) return;
    const sum = (pick: (day: { counted: number; g0323PractitionerOwn: number }) => number) =>
      input.dailyMinutes?.reduce((total, day) => total + pick(day), 0) ?? 0;
    if (sum((day) => day.counted) !== input.countedMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['dailyMinutes'],
        message: `daily counted minutes add up to ${sum((day) => day.counted)}, not countedMinutes ${input.countedMinutes}`,
      });
    }
    if (sum((day) => day.g0323PractitionerOwn) !== (input.minutesByClass?.g0323PractitionerOwn ?? 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dailyMinutes'],
        message: 'daily G0323 practitioner minutes do not add up to minutesByClass.g0323PractitionerOwn',
      });
    }
    input.dailyMinutes.forEach((day, index) => {
      if (!day.date.startsWith(`${input.month}-`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['dailyMinutes', index, 'date'],
          message: `${day.date} is outside ${input.month}`,
        });
      }
    });
  });
export type BillingMonthInput = z.input<typeof billingMonthInputSchema>;

export interface BillingMonthResult {
  month: ClinicMonth;
  program: Program;
  /** stored with the result for reproducibility (fhir.md §7 rule_pack_version) */
  rulePackId: string;
  /** CoCM only: initial vs subsequent month (fhir.md §7 is_initial_month); null for general BHI or before the episode */
  monthKind: MonthKind | null;
  lines: BillingLine[];
  skipped: null | { reason: string };
  /** date of service, `YYYY-MM-DD`; null when skipped */
  serviceDate: ClinicDay | null;
  /** minutes-only look-ahead; prerequisites and exclusions are reported in `skipped` */
  nextThreshold: NextThreshold | null;
  /** billable but worth a look: consent mid-month, no F-code, episode ended by rule */
  warnings: string[];
}

/** A pack of another year is used only when pack selection said so (a provisional fallback). */
function assertPackYear(month: ClinicMonth, pack: RulePack, provisional: RulePackWarning | null): void {
  const { year } = parseMonth(month);
  if (year !== pack.year && !(provisional?.year === year && provisional.packId === pack.id)) {
    throw new RangeError(`Rule pack ${pack.id} is for ${pack.year}; ${month} needs a ${year} pack`);
  }
}

/** Which calculator applies to the month's minutes. */
type MinuteBasis = { program: 'cocm'; kind: MonthKind } | { program: 'general_bhi' };

/** basis null: the month is before the episode and `reason` says so; otherwise `reason` is the month-kind note for lines. */
type MonthSituation =
  | { basis: null; reason: string; warnings: string[] }
  | { basis: MinuteBasis; reason: string | null; warnings: string[] };

function situationOf(facts: z.output<typeof minuteFactsSchema>, pack: RulePack): MonthSituation {
  if (facts.program === 'general_bhi') {
    const before = beforeEpisode(facts.month, facts.episodeStartMonth);
    return before
      ? { basis: null, reason: before.reason, warnings: [] }
      : { basis: { program: 'general_bhi' }, reason: null, warnings: [] };
  }
  const month = classifyCocmMonth(facts, pack);
  return month.kind === 'before_episode'
    ? { basis: null, reason: month.reason, warnings: month.warnings }
    : { basis: { program: 'cocm', kind: month.kind }, reason: month.reason, warnings: month.warnings };
}

/** Lines and look-ahead from the minutes alone. */
function evaluateMinutes(
  facts: z.output<typeof minuteFactsSchema>,
  basis: MinuteBasis,
  pack: RulePack,
): { outcome: MinuteOutcome; next: NextThreshold | null } {
  if (basis.program === 'cocm') {
    return {
      outcome: cocmOutcome(facts.countedMinutes, basis.kind, pack),
      next: nextCocmThreshold(facts.countedMinutes, basis.kind, pack),
    };
  }
  const minutes: GeneralBhiMinutes = {
    counted: facts.countedMinutes,
    practitionerOwn: facts.minutesByClass?.g0323PractitionerOwn ?? 0,
    billingCredential: facts.billingPractitionerCredential ?? null,
  };
  return { outcome: generalBhiOutcome(minutes, pack), next: nextGeneralBhiThreshold(minutes, pack) };
}

/**
 * Minutes still needed for the next code or unit this month (month preview, registry
 * minutes_at_risk): 25 minutes in a subsequent CoCM month → 99493 at 31, 6 more. Looks at
 * minutes only; null before the episode starts or when no further unit is billable.
 */
export function minutesToNext(facts: MinuteFacts, pack: RulePack): NextThreshold | null {
  const parsed = minuteFactsSchema.parse(facts);
  const { basis } = situationOf(parsed, pack);
  return basis && evaluateMinutes(parsed, basis, pack).next;
}

function withoutInternals(line: LineCandidate, extraReasons: readonly string[]): BillingLine {
  return {
    code: line.code,
    units: line.units,
    minutes: line.minutes,
    reasons: [...line.reasons, ...extraReasons],
  };
}

/**
 * Throws a ZodError for malformed input and a RangeError when the pack's year is not the month's
 * year, unless `provisional` is the selection's warning for that fallback (its message then goes
 * into every line's reasons, so the claim itself says it was priced provisionally).
 */
export function billMonth(
  rawInput: BillingMonthInput,
  pack: RulePack,
  { provisional = null }: { provisional?: RulePackWarning | null } = {},
): BillingMonthResult {
  const input = billingMonthInputSchema.parse(rawInput);
  assertPackYear(input.month, pack, provisional);

  const situation = situationOf(input, pack);
  const { basis } = situation;
  const prerequisites = checkPrerequisites(input);
  const blockers = [...prerequisites.blockers];
  const warnings = [...prerequisites.warnings, ...situation.warnings];

  let outcome: MinuteOutcome = { lines: [], belowThreshold: null };
  let nextThreshold: NextThreshold | null = null;
  if (situation.basis === null) {
    blockers.unshift(situation.reason);
  } else {
    ({ outcome, next: nextThreshold } = evaluateMinutes(input, situation.basis, pack));
    if (outcome.belowThreshold) blockers.push(outcome.belowThreshold);
    const codes = outcome.lines.map((line) => line.code);
    blockers.push(...sameMonthConflicts(codes, input.sameMonthCodes ?? [], pack));
  }

  const base = {
    month: input.month,
    program: input.program,
    rulePackId: pack.id,
    monthKind: basis?.program === 'cocm' ? basis.kind : null,
    nextThreshold,
    warnings,
  };
  if (blockers.length > 0) {
    return { ...base, lines: [], skipped: { reason: blockers.join('; ') }, serviceDate: null };
  }
  const serviceDate = serviceDateFor(input.month, outcome.lines, pack.dateOfService, input.dailyMinutes);
  const shared = [
    ...(situation.reason === null ? [] : [situation.reason]),
    serviceDate.reason,
    ...(provisional ? [provisional.message] : []),
  ];
  return {
    ...base,
    lines: outcome.lines.map((line) => withoutInternals(line, shared)),
    skipped: null,
    serviceDate: serviceDate.date,
  };
}
