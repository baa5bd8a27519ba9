// Builds the registry's read model: one EpisodeSnapshot per episode, from a handful of set-based queries.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { minutesToNext } from '../../domain/billing/bill-month.js';
import { startOfDay } from '../../domain/billing/index.js';
import type { RulePackWarning } from '../../domain/billing/pack-selection.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import type { EpisodeStatus } from '../../domain/registry/episode-status.js';
import { addDays, type LocalDay } from '../../domain/registry/local-day.js';
import { OUTREACH_ACTIVITY, PATIENT_CONTACT_ACTIVITIES } from '../../domain/registry/contact-rules.js';
import type { EpisodeSnapshot } from '../../domain/registry/snapshot.js';
import { packForPatient } from '../billing/rule-packs.js';
import { groupBy } from '../group-by.js';
import { buildSnapshot, type EpisodeFacts } from '../../domain/registry/build-snapshot.js';

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

export interface EpisodeRecord {
  snapshot: EpisodeSnapshot;
  patient: {
    id: string;
    mrn: string;
    givenName: string;
    familyName: string;
    birthDate: string;
    payer: string | null;
  };
  clinicId: string;
  timeZone: string;
  asOf: LocalDay;
  pcpId: string | null;
  psychiatricConsultantId: string | null;
  lastContactAt: string | null;
  contactCount: number;
  lastCaseReviewAt: string | null;
  diagnoses: string[];
  /** Set when the minutes at risk were judged under another year's pack (no pack for this year yet). */
  packWarning: RulePackWarning | null;
}

type EpisodeQuery = SelectQueryBuilder<Database, 'episodes', object>;

/** The pack's add-on codes (99494 under Medicare): extra units on top of an already billable month. */
const addOnCodes = (pack: RulePack) =>
  new Set([pack.cocm.initial.addOn?.code, pack.cocm.subsequent.addOn?.code].filter(Boolean));

interface ContactSummary {
  episode_id: string;
  contact_count: number | null;
  last_at: Date | null;
  last_activity: string | null;
  first_follow_up_at: Date | null;
  attempt_at: (Date | string)[] | null;
}

/** The clinic day asked for, and the instants that bound its month so far, per clinic in scope. */
interface DayBounds {
  clinicId: string;
  asOf: LocalDay;
  monthStart: Date;
  dayEnd: Date;
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
function scopedEpisodeIds(db: Db, scope: EpisodeScope, bounds: readonly DayBounds[]) {
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

/**
 * Loads every episode in scope as a snapshot for the registry rules, as it stood at the end of the clinic
 * day `asOf(timeZone)` (the caller's date, or today in each clinic's zone): episodes referred later are
 * absent, statuses are those of that day, and contacts, minutes, scores and reviews count up to its end.
 * `scope.statuses` is matched against the status of that day. Billing figures are for its month so far.
 *
 * The queries return instants and the clinic days are taken in buildSnapshot, with one cached formatter
 * per zone: converting every row with `at time zone` in SQL cost more than the rest of the registry on
 * PGlite.
 */
export async function loadEpisodeRecords(
  db: Db,
  scope: EpisodeScope,
  asOfFor: (timeZone: string) => LocalDay,
  packs: readonly RulePack[],
): Promise<EpisodeRecord[]> {
  if (scope.clinicIds.length === 0) return [];
  // Every clinic of the organization: a patient's screenings may come from a clinic outside the scope.
  const clinics = await db
    .selectFrom('clinics')
    .select(['id', 'timezone'])
    .where('org_id', '=', scope.orgId)
    .execute();
  const zoneOf = new Map(clinics.map((c) => [c.id, c.timezone]));
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
  if (bounds.length === 0) return [];
  const ids = scopedEpisodeIds(db, scope, bounds).select('id');
  const episodes = await db
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
    .where('e.org_id', '=', scope.orgId)
    .where('e.id', 'in', ids)
    .execute();
  if (episodes.length === 0) return [];

  const patientIds = scopedEpisodeIds(db, scope, bounds).select('patient_id');
  const patientActivities = sql.join(PATIENT_CONTACT_ACTIVITIES.map((a) => sql`${a}`));
  const [statusChanges, screenings, contacts, minutes, minutesToDate, reviews, recommendations] =
    await Promise.all([
      db
        .selectFrom('episode_events')
        .select(['episode_id', 'to_status', 'at'])
        .where('org_id', '=', scope.orgId)
        .where('episode_id', 'in', ids)
        .where((eb) =>
          eb.or([
            eb('to_status', '=', 'relapse_prevention'),
            eb.and([eb('to_status', '=', 'active'), eb('from_status', '=', 'relapse_prevention')]),
          ]),
        )
        .execute(),
      db
        .selectFrom('screenings')
        .select(['patient_id', 'clinic_id', 'instrument', 'total', 'item9', 'severity', 'administered_at'])
        .where('org_id', '=', scope.orgId)
        .where('patient_id', 'in', patientIds)
        .where('instrument', 'in', ['phq-9', 'gad-7', 'c-ssrs-screen'])
        .execute(),
      // Contacts summarised in SQL up to each clinic's day end, so the registry stays O(episodes): the
      // rules need the last completed contact, the first follow-up after enrollment, and the attempts to
      // reach the patient since that last contact (docs/domain/measurement-based-care.md §8).
      sql<ContactSummary>`
        with bounds(clinic_id, month_start, day_end) as (values ${boundsValues(bounds)}),
        enrolled as materialized (
          select e.id, date_trunc('day', e.enrolled_at, c.timezone) as day_start
          from episodes e
          join clinics c on c.org_id = e.org_id and c.id = e.clinic_id
          where e.org_id = ${scope.orgId} and e.id in (${ids})
        ),
        live as materialized (
          select k.episode_id, k.occurred_at, k.activity, n.day_start,
                 k.modality <> 'none' and (k.activity in (${patientActivities})
                   or (k.activity = ${OUTREACH_ACTIVITY} and k.reached)) as completed,
                 k.activity = ${OUTREACH_ACTIVITY} and k.reached is not true as attempt
          from enrolled n
          join contacts k on k.org_id = ${scope.orgId} and k.episode_id = n.id
          join bounds a on a.clinic_id = k.clinic_id
          where k.kind = 'entry' and k.occurred_at < a.day_end
            and not exists (select 1 from contacts r where r.org_id = k.org_id and r.amends_contact_id = k.id and r.kind = 'reversal')
        ),
        summary as (
          select episode_id, count(*)::int as contact_count, max(occurred_at) as last_at,
                 (array_agg(activity order by occurred_at desc))[1] as last_activity,
                 min(occurred_at) filter (where activity <> 'initial_assessment' and occurred_at >= day_start)
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
      `
        .execute(db)
        .then((r) => r.rows),
      // Counted minutes per episode and clinic month, from the rollups kept with every contact.
      db
        .selectFrom('episode_month_minutes')
        .select(['episode_id', 'month', sql<number>`sum(counted_minutes)::int`.as('minutes')])
        .where('org_id', '=', scope.orgId)
        .where('episode_id', 'in', ids)
        .groupBy(['episode_id', 'month'])
        .execute(),
      // The asked month's counted minutes up to the day's end, from the log (reversals included): the
      // month's rollup would also hold minutes logged for later days.
      sql<{ episode_id: string; minutes: number }>`
        with bounds(clinic_id, month_start, day_end) as (values ${boundsValues(bounds)})
        select k.episode_id, coalesce(sum(k.minutes) filter (where k.counts_toward_program), 0)::int as minutes
        from contacts k
        join bounds b on b.clinic_id = k.clinic_id
        where k.org_id = ${scope.orgId} and k.episode_id in (${ids})
          and k.occurred_at >= b.month_start and k.occurred_at < b.day_end
        group by k.episode_id
      `
        .execute(db)
        .then((r) => r.rows),
      db
        .selectFrom('case_reviews')
        .select(['episode_id', 'reviewed_at'])
        .where('org_id', '=', scope.orgId)
        .where('episode_id', 'in', ids)
        .execute(),
      db
        .selectFrom('recommendations')
        .select(['episode_id', 'sent_at', 'acknowledged_at'])
        .where('org_id', '=', scope.orgId)
        .where('episode_id', 'in', ids)
        .execute(),
    ]);

  const changesByEpisode = groupBy(statusChanges, (c) => c.episode_id);
  const screensByPatient = groupBy(screenings, (s) => s.patient_id);
  const contactsByEpisode = new Map(contacts.map((k) => [k.episode_id, k]));
  const minutesByEpisode = groupBy(minutes, (m) => m.episode_id);
  const toDateByEpisode = new Map(minutesToDate.map((m) => [m.episode_id, m.minutes]));
  const reviewsByEpisode = groupBy(reviews, (r) => r.episode_id);
  const recsByEpisode = groupBy(recommendations, (r) => r.episode_id);
  const statuses = scope.statuses;

  return episodes.flatMap((e): EpisodeRecord[] => {
    const timeZone = zoneOf.get(e.clinic_id)!;
    const asOf = asOfFor(timeZone);
    const summary = contactsByEpisode.get(e.id);
    const facts: EpisodeFacts = {
      id: e.id,
      careManagerId: e.care_manager_id,
      program: e.program,
      primaryMeasure: e.primary_measure,
      referredAt: e.referred_at,
      enrolledAt: e.enrolled_at,
      relapsePreventionAt: e.relapse_prevention_at,
      dischargedAt: e.discharged_at,
      reviewRequestedAt: e.review_requested_at,
      safetyFlaggedAt: e.safety_flagged_at,
      statusChanges: (changesByEpisode.get(e.id) ?? []).map((c) => ({
        at: c.at,
        to: c.to_status as EpisodeStatus,
      })),
      screenings: (screensByPatient.get(e.patient_id) ?? []).map((s) => ({
        at: s.administered_at,
        timeZone: zoneOf.get(s.clinic_id)!,
        instrument: s.instrument,
        total: s.total,
        item9: s.item9,
        severity: s.severity,
      })),
      contacts:
        summary?.last_at && summary.last_activity
          ? {
              count: summary.contact_count ?? 0,
              lastAt: summary.last_at,
              lastActivity: summary.last_activity,
              firstFollowUpAt: summary.first_follow_up_at,
            }
          : null,
      attemptsAt: (summary?.attempt_at ?? []).map((at) => new Date(at)),
      reviewedAt: (reviewsByEpisode.get(e.id) ?? []).map((r) => r.reviewed_at),
      recommendations: (recsByEpisode.get(e.id) ?? []).map((r) => ({
        sentAt: r.sent_at,
        acknowledgedAt: r.acknowledged_at,
      })),
      monthMinutes: minutesByEpisode.get(e.id) ?? [],
      minutesToDate: toDateByEpisode.get(e.id) ?? 0,
    };
    const built = buildSnapshot(facts, asOf, timeZone, (next) => {
      const { pack } = packForPatient(packs, e.payer, Number(next.month.slice(0, 4)));
      const found = minutesToNext(
        {
          month: next.month,
          program: e.program,
          countedMinutes: next.minutesThisMonth,
          priorServiceMonths: next.priorServiceMonths,
          episodeStartMonth: next.referredMonth,
        },
        pack,
      );
      // Care managers are prompted only while the month still lacks a (better) base code; one more
      // 99494 add-on unit is shown in the billing preview, not raised as a registry flag.
      return found && !addOnCodes(pack).has(found.code)
        ? { code: found.code, minutesNeeded: found.minutesNeeded }
        : null;
    });
    if (!built || (statuses && !statuses.includes(built.snapshot.status))) return [];
    return [
      {
        snapshot: built.snapshot,
        patient: {
          id: e.patient_id,
          mrn: e.mrn,
          givenName: e.given_name,
          familyName: e.family_name,
          birthDate: e.birth_date,
          payer: e.payer,
        },
        clinicId: e.clinic_id,
        timeZone,
        asOf,
        pcpId: e.pcp_id,
        psychiatricConsultantId: e.psychiatric_consultant_id,
        lastContactAt: built.lastContactAt?.toISOString() ?? null,
        contactCount: built.contactCount,
        lastCaseReviewAt: built.lastCaseReviewAt?.toISOString() ?? null,
        diagnoses: e.diagnoses,
        packWarning: packForPatient(packs, e.payer, Number(asOf.slice(0, 4))).warning,
      },
    ];
  });
}
