// The program measures of every episode in scope as one set-based SQL expression (no per-patient work in Node).
import { sql, type RawBuilder } from 'kysely';
import type { ProgramMeasureRule } from '../../domain/outcomes/program-measures.js';
import { TWELVE_MONTH_TARGET_DAYS, TWELVE_MONTH_TOLERANCE_DAYS } from '../../domain/outcomes/twelve-month.js';
import { PRIMARY_MEASURE_CODES } from '../../domain/registry/outcomes.js';

export interface EpisodeFilter {
  orgId: string;
  clinicIds: string[];
  careManagerId?: string | undefined;
  pcpId?: string | undefined;
  program?: string | undefined;
  payer?: string | undefined;
  /** Enrollment on or after this clinic day. */
  enrolledFrom?: string | undefined;
  /** Enrollment on or before this clinic day. */
  enrolledTo?: string | undefined;
  /** The report day; each clinic's today (from `now`) when later or absent. */
  asOf?: string | undefined;
  now: Date;
}

const optional = (value: string | undefined, clause: (v: string) => RawBuilder<unknown>) =>
  value === undefined ? sql`` : sql`and ${clause(value)}`;

/**
 * `measured`: one row per episode and instrument (PHQ-9, GAD-7), each column the SQL twin of
 * domain/outcomes measureEpisode and measureTwelveMonths, with the rule's numbers as parameters (an
 * integration test holds the two to the same answers). Days are clinic-local days; `scores` keeps
 * the instants so ties on one day keep their order.
 */
export function episodeMeasuresCte(filter: EpisodeFilter, rule: ProgramMeasureRule) {
  const weeks = (w: number) => sql.lit(w * 7);
  const tmFrom = sql.lit(TWELVE_MONTH_TARGET_DAYS - TWELVE_MONTH_TOLERANCE_DAYS);
  const tmTo = sql.lit(TWELVE_MONTH_TARGET_DAYS + TWELVE_MONTH_TOLERANCE_DAYS);
  const pct = sql.lit(rule.responseReductionPercent);
  const elevated = sql.lit(rule.elevatedBaselineMin);
  const remission = sql.lit(rule.remissionBelow);
  const measures = sql.join(PRIMARY_MEASURE_CODES.map((m) => sql`${m}`));
  const asOf = filter.asOf === undefined ? sql`today` : sql`least(today, ${filter.asOf}::date)`;
  return sql`
  ep0 as (
    select e.id, e.clinic_id, e.patient_id, e.care_manager_id, e.pcp_id, e.program, e.enrolled_at,
           e.discharged_at, c.timezone as tz,
           (e.enrolled_at at time zone c.timezone)::date as enrolled_on,
           (${filter.now}::timestamptz at time zone c.timezone)::date as today
    from episodes e
    join clinics c on c.org_id = e.org_id and c.id = e.clinic_id
    join patients p on p.org_id = e.org_id and p.id = e.patient_id
    where e.org_id = ${filter.orgId}
      and e.clinic_id in (${sql.join(filter.clinicIds)})
      and e.enrolled_at is not null
      ${optional(filter.careManagerId, (v) => sql`e.care_manager_id = ${v}`)}
      ${optional(filter.pcpId, (v) => sql`e.pcp_id = ${v}`)}
      ${optional(filter.program, (v) => sql`e.program = ${v}`)}
      ${optional(filter.payer, (v) => sql`p.payer = ${v}`)}
  ),
  ep as (
    select ep0.*, ${asOf} as as_of,
           case when (discharged_at at time zone tz)::date <= ${asOf}
                then (discharged_at at time zone tz)::date end as discharged_on
    from ep0
    where enrolled_on <= ${asOf}
      ${optional(filter.enrolledFrom, (v) => sql`enrolled_on >= ${v}::date`)}
      ${optional(filter.enrolledTo, (v) => sql`enrolled_on <= ${v}::date`)}
  ),
  scores as (
    select ep.id as episode_id, s.instrument, s.total, s.administered_at as at,
           (s.administered_at at time zone ep.tz)::date as day,
           (s.administered_at at time zone ep.tz)::date <= coalesce(ep.discharged_on, ep.as_of) as in_episode,
           row_number() over (partition by ep.id, s.instrument order by s.administered_at, s.id) as n
    from ep
    join screenings s on s.org_id = ${filter.orgId} and s.patient_id = ep.patient_id
    where s.instrument in (${measures}) and s.total is not null
      -- a day's slack either way of the instants, then the clinic days decide
      and s.administered_at >= ep.enrolled_at - interval '1 day'
      and s.administered_at < ep.as_of + interval '2 days'
      and (s.administered_at at time zone ep.tz)::date between ep.enrolled_on and ep.as_of
  ),
  per as (
    select ep.id as episode_id, m.instrument, b.day as base_day, b.total as base_total,
      (array_agg(f.total order by f.at desc) filter (where f.in_episode))[1] as latest_total,
      bool_or(f.in_episode and f.day between b.day + ${weeks(rule.followUpWindowWeeks.from)}
                                         and b.day + ${weeks(rule.followUpWindowWeeks.to)}) as followed_up,
      (array_agg(f.total order by f.at desc) filter (
         where f.in_episode and f.day between ep.enrolled_on + ${weeks(rule.outcomeWindowWeeks.from)}
                                          and ep.enrolled_on + ${weeks(rule.outcomeWindowWeeks.to)}))[1] as window_total,
      min(f.day) filter (where f.in_episode and (b.total - f.total) * 100 >= ${pct} * b.total) as response_day,
      (array_agg(f.total order by f.at desc) filter (
         where f.day between b.day + ${tmFrom} and b.day + ${tmTo}))[1] as tm_total
    from ep
    cross join (values ${sql.join(PRIMARY_MEASURE_CODES.map((m) => sql`(${m})`))}) as m(instrument)
    left join scores b on b.episode_id = ep.id and b.instrument = m.instrument and b.n = 1 and b.in_episode
    left join scores f on f.episode_id = ep.id and f.instrument = m.instrument and f.n > 1 and b.day is not null
    group by ep.id, m.instrument, b.day, b.total
  ),
  measured as (
    select ep.id as episode_id, ep.clinic_id, ep.patient_id, ep.care_manager_id, ep.enrolled_on, ep.as_of,
      per.instrument, per.base_day, per.base_total, per.latest_total, per.window_total,
      per.base_total >= ${elevated} as elevated,
      case
        when per.base_total is null then 'no_baseline'
        when per.base_total < ${elevated} then 'baseline_below_threshold'
        when ep.discharged_on < ep.enrolled_on + ${weeks(rule.outcomeWindowWeeks.from)} then 'discharged_before_window'
        when per.window_total is null and ep.as_of <= ep.enrolled_on + ${weeks(rule.outcomeWindowWeeks.to)}
          then 'window_not_reached'
      end as exclusion,
      coalesce((per.base_total - per.window_total) * 100 >= ${pct} * per.base_total, false) as response,
      coalesce(per.window_total < ${remission}, false) as remission,
      per.latest_total - per.base_total as change,
      case
        when per.followed_up then true
        when per.base_day is not null and ep.as_of > per.base_day + ${weeks(rule.followUpWindowWeeks.to)}
          and not coalesce(ep.discharged_on < per.base_day + ${weeks(rule.followUpWindowWeeks.from)}, false)
          then false
      end as followed_up,
      case when per.base_total >= ${elevated} then per.response_day - per.base_day end as days_to_response,
      per.base_total >= ${elevated} and ep.as_of > per.base_day + ${tmTo} as tm_counted,
      per.tm_total is not null as tm_follow_up,
      coalesce((per.base_total - per.tm_total) * 100 >= ${pct} * per.base_total, false) as tm_response,
      coalesce(per.tm_total < ${remission}, false) as tm_remission
    from ep join per on per.episode_id = ep.id
  )`;
}
