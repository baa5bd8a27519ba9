// The registry's reads: one typed, set-based query per part of an episode snapshot, all scoped alike.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { EpisodeStatus } from '../../domain/registry/episode-status.js';
import { addDays, startOfDay, type ClinicDay } from '../../domain/calendar/index.js';
import { OUTREACH_ACTIVITY, PATIENT_CONTACT_ACTIVITIES } from '../../domain/registry/contact-rules.js';
import { INITIAL_ACTIVITY, SNAPSHOT_INSTRUMENTS } from '../../domain/registry/build-snapshot.js';

export interface EpisodeScope {
  orgId: string;
  clinicIds: string[];
  episodeIds?: string[];
  careManagerId?: string | undefined;
  psychiatricConsultantId?: string | undefined;
  pcpId?: string | undefined;
  patientId?: string | undefined;
  statuses?: readonly EpisodeStatus[];
}

/** The clinic day asked for, and the instants that bound its month so far, per clinic in scope. */
export interface DayBounds {
  clinicId: string;
  asOf: ClinicDay;
  monthStart: Date;
  dayEnd: Date;
}

type EpisodeQuery = SelectQueryBuilder<Database, 'episodes', object>;

/** Every clinic's zone (a patient's screenings may come from a clinic outside the scope) and the scope's days. */
export async function clinicDays(db: Db, scope: EpisodeScope, asOfFor: (timeZone: string) => ClinicDay) {
  const clinics = await db
    .selectFrom('clinics')
    .select(['id', 'timezone'])
    .where('org_id', '=', scope.orgId)
    .execute();
  const bounds: DayBounds[] = clinics
    .filter((c) => scope.clinicIds.includes(c.id))
    .map((c) => {
      const asOf = asOfFor(c.timezone);
      return {
        clinicId: c.id,
        asOf,
        monthStart: startOfDay(`${asOf.slice(0, 7)}-01`, c.timezone),
        dayEnd: startOfDay(addDays(asOf, 1), c.timezone),
      };
    });
  return { zoneOf: new Map(clinics.map((c) => [c.id, c.timezone])), bounds };
}

const boundsValues = (bounds: readonly DayBounds[]) =>
  sql.join(
    bounds.map((b) => sql`(${b.clinicId}::uuid, ${b.monthStart}::timestamptz, ${b.dayEnd}::timestamptz)`),
  );

/**
 * The episodes in scope, as a subquery every other read joins against. Statuses are judged as of the
 * day later (buildSnapshot), so this keeps every episode that may have had one of them then: referred
 * by the latest day end, and, unless discharged episodes are asked for, not discharged before the
 * earliest one.
 */
export function scopedEpisodes(db: Db, scope: EpisodeScope, bounds: readonly DayBounds[]) {
  const ends = bounds.map((b) => b.dayEnd.getTime());
  const latestEnd = new Date(Math.max(...ends));
  const earliestEnd = new Date(Math.min(...ends));
  let q: EpisodeQuery = db
    .selectFrom('episodes')
    .where('org_id', '=', scope.orgId)
    .where('clinic_id', 'in', scope.clinicIds)
    .where('referred_at', '<', latestEnd);
  if (scope.episodeIds) q = q.where('id', 'in', scope.episodeIds);
  if (scope.careManagerId) q = q.where('care_manager_id', '=', scope.careManagerId);
  if (scope.psychiatricConsultantId)
    q = q.where('psychiatric_consultant_id', '=', scope.psychiatricConsultantId);
  if (scope.pcpId) q = q.where('pcp_id', '=', scope.pcpId);
  if (scope.patientId) q = q.where('patient_id', '=', scope.patientId);
  const statuses = scope.statuses;
  if (statuses && !statuses.includes('discharged')) {
    q = q.where((eb) => eb.or([eb('discharged_at', 'is', null), eb('discharged_at', '>=', earliestEnd)]));
  } else if (statuses && statuses.every((s) => s === 'discharged')) {
    q = q.where('discharged_at', '<', latestEnd);
  }
  return q;
}

type Ids = ReturnType<typeof scopedEpisodes>;
export type ScopedIds = ReturnType<Ids['select']>;

/** The episodes with their patients' identity. */
export function queryEpisodes(db: Db, orgId: string, ids: ScopedIds) {
  return db
    .selectFrom('episodes as e')
    .innerJoin('patients as p', (j) =>
      j.onRef('p.org_id', '=', 'e.org_id').onRef('p.id', '=', 'e.patient_id'),
    )
    .select([
      'e.id',
      'e.clinic_id',
      'e.patient_id',
      'e.program',
      'e.status',
      'e.care_manager_id',
      'e.pcp_id',
      'e.psychiatric_consultant_id',
      'e.primary_measure',
      'e.diagnoses',
      'e.referred_at',
      'e.enrolled_at',
      'e.relapse_prevention_at',
      'e.discharged_at',
      'e.review_requested_at',
      'e.safety_flagged_at',
      'p.mrn',
      'p.given_name',
      'p.family_name',
      'p.birth_date',
      'p.payer',
    ])
    .where('e.org_id', '=', orgId)
    .where('e.id', 'in', ids)
    .execute();
}

/** Recorded moves into relapse prevention and back to active (enrollment is the episode's own column). */
export function queryStatusChanges(db: Db, orgId: string, ids: ScopedIds) {
  return db
    .selectFrom('episode_events')
    .select(['episode_id', 'to_status', 'at'])
    .where('org_id', '=', orgId)
    .where('episode_id', 'in', ids)
    .where((eb) =>
      eb.or([
        eb('to_status', '=', 'relapse_prevention'),
        eb.and([eb('to_status', '=', 'active'), eb('from_status', '=', 'relapse_prevention')]),
      ]),
    )
    .execute();
}

/** The patients' primary-measure and safety screens, from any clinic. */
export function queryScreenings(db: Db, orgId: string, patientIds: ReturnType<Ids['select']>) {
  return db
    .selectFrom('screenings')
    .select(['patient_id', 'clinic_id', 'instrument', 'total', 'item9', 'severity', 'administered_at'])
    .where('org_id', '=', orgId)
    .where('patient_id', 'in', patientIds)
    .where('instrument', 'in', SNAPSHOT_INSTRUMENTS)
    .execute();
}

export interface ContactSummary {
  episode_id: string;
  contact_count: number | null;
  last_at: Date | null;
  last_activity: string | null;
  first_follow_up_at: Date | null;
  attempt_at: (Date | string)[] | null;
}

/**
 * Contacts summarised in SQL up to each clinic's day end, so the registry stays O(episodes): the rules
 * need the last completed contact, the first follow-up after enrollment, and the attempts to reach the
 * patient since that last contact (docs/domain/measurement-based-care.md §8).
 */
export async function queryContactSummaries(
  db: Db,
  orgId: string,
  ids: ScopedIds,
  bounds: readonly DayBounds[],
): Promise<ContactSummary[]> {
  const patientActivities = sql.join(PATIENT_CONTACT_ACTIVITIES.map((a) => sql`${a}`));
  const result = await sql<ContactSummary>`
    with bounds(clinic_id, month_start, day_end) as (values ${boundsValues(bounds)}),
    enrolled as materialized (
      select e.id, date_trunc('day', e.enrolled_at, c.timezone) as day_start
      from episodes e
      join clinics c on c.org_id = e.org_id and c.id = e.clinic_id
      where e.org_id = ${orgId} and e.id in (${ids})
    ),
    live as materialized (
      select k.episode_id, k.occurred_at, k.activity, n.day_start,
             k.modality <> 'none' and (k.activity in (${patientActivities})
               or (k.activity = ${OUTREACH_ACTIVITY} and k.reached)) as completed,
             k.activity = ${OUTREACH_ACTIVITY} and k.reached is not true as attempt
      from enrolled n
      join contacts k on k.org_id = ${orgId} and k.episode_id = n.id
      join bounds a on a.clinic_id = k.clinic_id
      where k.kind = 'entry' and k.occurred_at < a.day_end
        and not exists (select 1 from contacts r where r.org_id = k.org_id and r.amends_contact_id = k.id and r.kind = 'reversal')
    ),
    summary as (
      select episode_id, count(*)::int as contact_count, max(occurred_at) as last_at,
             (array_agg(activity order by occurred_at desc))[1] as last_activity,
             min(occurred_at) filter (where activity <> ${INITIAL_ACTIVITY} and occurred_at >= day_start)
               as first_follow_up_at
      from live where completed
      group by episode_id
    ),
    attempts as (
      select l.episode_id, array_agg(l.occurred_at order by l.occurred_at) as attempt_at
      from live l
      left join summary s on s.episode_id = l.episode_id
      where l.attempt and (s.last_at is null or l.occurred_at > s.last_at)
      group by l.episode_id
    )
    select coalesce(s.episode_id, a.episode_id) as episode_id, s.contact_count, s.last_at,
           s.last_activity, s.first_follow_up_at, a.attempt_at
    from summary s
    full join attempts a on a.episode_id = s.episode_id
  `.execute(db);
  return result.rows;
}

/** Counted minutes per episode and clinic month, from the rollups kept with every contact. */
export function queryMonthMinutes(db: Db, orgId: string, ids: ScopedIds) {
  return db
    .selectFrom('episode_month_minutes')
    .select(['episode_id', 'month', sql<number>`sum(counted_minutes)::int`.as('minutes')])
    .where('org_id', '=', orgId)
    .where('episode_id', 'in', ids)
    .groupBy(['episode_id', 'month'])
    .execute();
}

/**
 * The asked month's counted minutes up to the day's end, from the log (reversals included): the month's
 * rollup would also hold minutes logged for later days.
 */
export async function queryMinutesToDate(
  db: Db,
  orgId: string,
  ids: ScopedIds,
  bounds: readonly DayBounds[],
) {
  const result = await sql<{ episode_id: string; minutes: number }>`
    with bounds(clinic_id, month_start, day_end) as (values ${boundsValues(bounds)})
    select k.episode_id, coalesce(sum(k.minutes) filter (where k.counts_toward_program), 0)::int as minutes
    from contacts k
    join bounds b on b.clinic_id = k.clinic_id
    where k.org_id = ${orgId} and k.episode_id in (${ids})
      and k.occurred_at >= b.month_start and k.occurred_at < b.day_end
    group by k.episode_id
  `.execute(db);
  return result.rows;
}

export function queryReviews(db: Db, orgId: string, ids: ScopedIds) {
  return db
    .selectFrom('case_reviews')
    .select(['episode_id', 'reviewed_at'])
    .where('org_id', '=', orgId)
    .where('episode_id', 'in', ids)
    .execute();
}

export function queryRecommendations(db: Db, orgId: string, ids: ScopedIds) {
  return db
    .selectFrom('recommendations')
    .select(['episode_id', 'sent_at', 'acknowledged_at'])
    .where('org_id', '=', orgId)
    .where('episode_id', 'in', ids)
    .execute();
}
