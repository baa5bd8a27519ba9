// Program outcome figures for leaders: response, remission, change, follow-up and time to response, by scope.
import { z } from 'zod';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import {
  DEFAULT_PROGRAM_MEASURE_RULE,
  OUTCOME_EXCLUSIONS,
  TWELVE_MONTH_APPROXIMATIONS,
  programMeasureRuleSchema,
  type OutcomeExclusion,
  type ProgramMeasureRule,
} from '../../domain/outcomes/index.js';
import { PRIMARY_MEASURE_CODES, type PrimaryMeasureCode } from '../../domain/registry/outcomes.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { isoDate, uuid } from '../schemas.js';
import { episodeMeasuresCte, type EpisodeFilter } from './episode-measures-sql.js';

const weeks = z.coerce.number().int();

export const outcomesQuery = z
  .object({
    clinicId: uuid.optional(),
    careManagerId: uuid.optional(),
    pcpId: uuid.optional(),
    program: z.enum(['cocm', 'general_bhi']).optional(),
    payer: z.string().trim().min(1).max(64).optional(),
    enrolledFrom: isoDate.optional(),
    enrolledTo: isoDate.optional(),
    asOf: isoDate.optional(),
    windowFromWeeks: weeks.optional(),
    windowToWeeks: weeks.optional(),
  })
  .refine((q) => !q.enrolledFrom || !q.enrolledTo || q.enrolledFrom <= q.enrolledTo, {
    path: ['enrolledTo'],
    message: 'must not be before enrolledFrom',
  });
export type OutcomesQuery = z.output<typeof outcomesQuery>;

export interface Rate {
  numerator: number;
  denominator: number;
}

export interface MeasureFigures {
  /** Response and remission at the outcome window among elevated baselines, with who is left out and why. */
  response: Rate;
  remission: Rate;
  /** Counted episodes without a score in the window (in the denominator, not met). */
  noScoreInWindow: number;
  excluded: Record<OutcomeExclusion, number>;
  /** Mean latest − baseline among elevated baselines with a follow-up; negative is improvement. */
  meanChange: { episodes: number; mean: number | null };
  followUpInWindow: Rate;
  /** Days from baseline to the first ≥ 50 % reduction, among those who reached it. */
  daysToResponse: { reached: number; notYet: number; median: number | null; p90: number | null };
  /** 12 months ± 60 days: an approximation of CMS159/CBE 1885 (see `approximations`). */
  twelveMonths: { followUp: Rate; response: Rate; remission: Rate };
}

export interface CareManagerFigures {
  careManagerId: string;
  name: string;
  episodes: number;
  response: Rate;
  remission: Rate;
  followUpInWindow: Rate;
}

export interface CohortFigures {
  /** Enrollment month, YYYY-MM. */
  month: string;
  response: Rate;
  remission: Rate;
}

export interface ProgramOutcomes {
  asOf: { clinicToday: boolean; day: string | null };
  rule: ProgramMeasureRule;
  episodes: number;
  measures: Record<PrimaryMeasureCode, MeasureFigures>;
  /** PHQ-9 only (the primary program measure). */
  byCareManager: CareManagerFigures[];
  byEnrollmentMonth: CohortFigures[];
  twelveMonthApproximations: readonly string[];
}

/** The rule for a query: the default, with the outcome window moved when asked (validated as the domain says). */
export function ruleFor(query: OutcomesQuery): ProgramMeasureRule {
  const parsed = programMeasureRuleSchema.safeParse({
    ...DEFAULT_PROGRAM_MEASURE_RULE,
    outcomeWindowWeeks: {
      from: query.windowFromWeeks ?? DEFAULT_PROGRAM_MEASURE_RULE.outcomeWindowWeeks.from,
      to: query.windowToWeeks ?? DEFAULT_PROGRAM_MEASURE_RULE.outcomeWindowWeeks.to,
    },
  });
  if (parsed.success) return parsed.data;
  throw AppError.validation(
    parsed.error.issues.map((i) => ({
      field: i.path.at(-1) === 'from' ? 'windowFromWeeks' : 'windowToWeeks',
      reason: i.message,
    })),
  );
}

/** The episode filter for an actor: the asked clinic (if theirs) or every clinic they may see. */
export function filterFor(actor: Actor, query: OutcomesQuery, now: Date): EpisodeFilter {
  if (query.clinicId) assertClinicAccess(actor, query.clinicId);
  return {
    orgId: actor.orgId,
    clinicIds: query.clinicId ? [query.clinicId] : actor.clinicIds,
    careManagerId: query.careManagerId,
    pcpId: query.pcpId,
    program: query.program,
    payer: query.payer,
    enrolledFrom: query.enrolledFrom,
    enrolledTo: query.enrolledTo,
    asOf: query.asOf,
    now,
  };
}

const rate = (numerator: unknown, denominator: unknown): Rate => ({
  numerator: Number(numerator ?? 0),
  denominator: Number(denominator ?? 0),
});
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function readProgramOutcomes({
  db,
  actor,
  query,
  now,
}: {
  db: Db;
  actor: Actor;
  query: OutcomesQuery;
  now: Date;
}): Promise<ProgramOutcomes> {
  const rule = ruleFor(query);
  const filter = filterFor(actor, query, now);
  const empty = emptyOutcomes(rule, query);
  if (filter.clinicIds.length === 0) return empty;
  return db.transaction().execute(async (trx) => {
    // One pass over `measured`, three groupings: the whole scope, each care manager, each enrollment month.
    const { rows } = await sql<Record<string, unknown>>`
      with ${episodeMeasuresCte(filter, rule)}
      select grouping(instrument, care_manager_id, cohort) as g, instrument, care_manager_id, cohort,
        count(*) as episodes,
        count(*) filter (where exclusion is null) as denominator,
        count(*) filter (where exclusion is null and response) as response,
        count(*) filter (where exclusion is null and remission) as remission,
        count(*) filter (where exclusion is null and window_total is null) as no_score,
        ${sql.join(
          OUTCOME_EXCLUSIONS.map(
            (x) => sql`count(*) filter (where exclusion = ${x}) as ${sql.ref(`x_${x}`)}`,
          ),
        )},
        count(change) filter (where elevated) as change_n,
        avg(change) filter (where elevated) as change_mean,
        count(followed_up) as fu_denominator,
        count(*) filter (where followed_up) as fu_met,
        count(days_to_response) as ttr_reached,
        count(*) filter (where elevated and days_to_response is null) as ttr_not_yet,
        percentile_cont(0.5) within group (order by days_to_response) as ttr_median,
        percentile_cont(0.9) within group (order by days_to_response) as ttr_p90,
        count(*) filter (where tm_counted) as tm_denominator,
        count(*) filter (where tm_counted and tm_follow_up) as tm_follow_up,
        count(*) filter (where tm_counted and tm_response) as tm_response,
        count(*) filter (where tm_counted and tm_remission) as tm_remission
      from (select m.*, to_char(m.enrolled_on, 'YYYY-MM') as cohort from measured m) m
      group by grouping sets ((instrument), (instrument, care_manager_id), (instrument, cohort))
    `.execute(trx);
    const names = await trx
      .selectFrom('users')
      .select(['id', 'name'])
      .where('org_id', '=', actor.orgId)
      .where(sql<boolean>`'care_manager' = any(roles)`)
      .execute();
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const result = empty;
    for (const r of rows) {
      const instrument = r.instrument as PrimaryMeasureCode;
      const g = Number(r.g);
      // grouping(): bit 2 instrument, bit 1 care manager, bit 0 cohort; a set bit is "all".
      if (g === 3) {
        if (instrument === 'phq-9') result.episodes = Number(r.episodes);
        result.measures[instrument] = measureFigures(r);
      } else if (instrument !== 'phq-9') continue;
      else if (g === 1)
        result.byCareManager.push({
          careManagerId: String(r.care_manager_id),
          name: nameOf.get(String(r.care_manager_id)) ?? '',
          episodes: Number(r.episodes),
          response: rate(r.response, r.denominator),
          remission: rate(r.remission, r.denominator),
          followUpInWindow: rate(r.fu_met, r.fu_denominator),
        });
      else if (g === 2)
        result.byEnrollmentMonth.push({
          month: String(r.cohort),
          response: rate(r.response, r.denominator),
          remission: rate(r.remission, r.denominator),
        });
    }
    result.byCareManager.sort(
      (a, b) => a.name.localeCompare(b.name) || a.careManagerId.localeCompare(b.careManagerId),
    );
    result.byEnrollmentMonth.sort((a, b) => a.month.localeCompare(b.month));
    await recordAudit(trx, actor, {
      action: 'outcomes.read',
      entity: 'episode',
      clinicId: query.clinicId ?? null,
      details: { episodes: result.episodes },
    });
    return result;
  });
}

function measureFigures(r: Record<string, unknown>): MeasureFigures {
  return {
    response: rate(r.response, r.denominator),
    remission: rate(r.remission, r.denominator),
    noScoreInWindow: Number(r.no_score),
    excluded: Object.fromEntries(OUTCOME_EXCLUSIONS.map((x) => [x, Number(r[`x_${x}`])])) as Record<
      OutcomeExclusion,
      number
    >,
    meanChange: { episodes: Number(r.change_n), mean: num(r.change_mean) },
    followUpInWindow: rate(r.fu_met, r.fu_denominator),
    daysToResponse: {
      reached: Number(r.ttr_reached),
      notYet: Number(r.ttr_not_yet),
      median: num(r.ttr_median),
      p90: num(r.ttr_p90),
    },
    twelveMonths: {
      followUp: rate(r.tm_follow_up, r.tm_denominator),
      response: rate(r.tm_response, r.tm_denominator),
      remission: rate(r.tm_remission, r.tm_denominator),
    },
  };
}

function emptyOutcomes(rule: ProgramMeasureRule, query: OutcomesQuery): ProgramOutcomes {
  const none = (): MeasureFigures => ({
    response: rate(0, 0),
    remission: rate(0, 0),
    noScoreInWindow: 0,
    excluded: Object.fromEntries(OUTCOME_EXCLUSIONS.map((x) => [x, 0])) as Record<OutcomeExclusion, number>,
    meanChange: { episodes: 0, mean: null },
    followUpInWindow: rate(0, 0),
    daysToResponse: { reached: 0, notYet: 0, median: null, p90: null },
    twelveMonths: { followUp: rate(0, 0), response: rate(0, 0), remission: rate(0, 0) },
  });
  return {
    asOf: { clinicToday: query.asOf === undefined, day: query.asOf ?? null },
    rule,
    episodes: 0,
    measures: Object.fromEntries(PRIMARY_MEASURE_CODES.map((m) => [m, none()])) as Record<
      PrimaryMeasureCode,
      MeasureFigures
    >,
    byCareManager: [],
    byEnrollmentMonth: [],
    twelveMonthApproximations: TWELVE_MONTH_APPROXIMATIONS,
  };
}
