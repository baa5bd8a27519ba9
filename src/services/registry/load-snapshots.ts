// Builds the registry's read model: one EpisodeSnapshot per episode, from a handful of set-based queries.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { minutesToNext } from '../../domain/billing/bill-month.js';
import { startOfDay } from '../../domain/billing/index.js';
import type { RulePackWarning } from '../../domain/billing/pack-selection.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import type { EpisodeStatus } from '../../domain/registry/episode-status.js';
import { addDays, toLocalDay, type LocalDay } from '../../domain/registry/local-day.js';
import type { EpisodeSnapshot } from '../../domain/registry/snapshot.js';
import { packForPatient } from '../billing/rule-packs.js';
import { measureLabel, type PrimaryMeasureCode } from '../episodes/episode-input.js';
import { groupBy } from '../group-by.js';

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
  contact_count: number;
  last_at: Date;
  last_activity: string;
  first_follow_up_at: Date | null;
}

const asRegistryActivity = (activity: string) =>
  activity === 'initial_assessment' ? 'initial_assessment' : 'follow_up';

/** The contacts the registry rules read: the first follow-up after enrollment and the latest contact. */
function summarisedContacts(k: ContactSummary, timeZone: string): EpisodeSnapshot['contacts'] {
  const last = {
    date: toLocalDay(k.last_at, timeZone),
    activity: asRegistryActivity(k.last_activity),
  } as const;
  return k.first_follow_up_at
    ? [{ date: toLocalDay(k.first_follow_up_at, timeZone), activity: 'follow_up' }, last]
    : [last];
}

/** The episodes in scope, as a subquery every other read joins against. */
function scopedEpisodeIds(db: Db, scope: EpisodeScope) {
  let q: EpisodeQuery = db
    .selectFrom('episodes')
    .where('org_id', '=', scope.orgId)
    .where('clinic_id', 'in', scope.clinicIds);
  if (scope.episodeIds) q = q.where('id', 'in', scope.episodeIds);
  if (scope.careManagerId) q = q.where('care_manager_id', '=', scope.careManagerId);
  if (scope.psychiatricConsultantId)
    q = q.where('psychiatric_consultant_id', '=', scope.psychiatricConsultantId);
  if (scope.pcpId) q = q.where('pcp_id', '=', scope.pcpId);
  if (scope.patientId) q = q.where('patient_id', '=', scope.patientId);
  if (scope.statuses) q = q.where('status', 'in', scope.statuses);
  return q;
}

/**
 * Loads every episode in scope as a snapshot for the registry rules. `asOf(timeZone)` gives the clinic
 * day to evaluate (the caller's date, or today in each clinic's zone); billing figures are for its month.
 *
 * The queries return instants and the clinic days are taken here, with one cached formatter per zone:
 * converting every row with `at time zone` in SQL cost more than the rest of the registry on PGlite.
 */
export async function loadEpisodeRecords(
  db: Db,
  scope: EpisodeScope,
  asOfFor: (timeZone: string) => LocalDay,
  packs: readonly RulePack[],
): Promise<EpisodeRecord[]> {
  if (scope.clinicIds.length === 0) return [];
  const ids = scopedEpisodeIds(db, scope).select('id');
  // Every clinic of the organization: a patient's screenings may come from a clinic outside the scope.
  const clinics = await db
    .selectFrom('clinics')
    .select(['id', 'timezone'])
    .where('org_id', '=', scope.orgId)
    .execute();
  const zoneOf = new Map(clinics.map((c) => [c.id, c.timezone]));
  const dayIn = (clinicId: string) => {
    const timeZone = zoneOf.get(clinicId)!;
    return (instant: Date) => toLocalDay(instant, timeZone);
  };
  const optionalDay = (instant: Date | null, timeZone: string) =>
    instant ? toLocalDay(instant, timeZone) : null;
  // Contacts count up to the end of each clinic's asOf day.
  const asOfEnds = clinics
    .filter((c) => scope.clinicIds.includes(c.id))
    .map(
      (c) => sql`(${c.id}::uuid, ${startOfDay(addDays(asOfFor(c.timezone), 1), c.timezone)}::timestamptz)`,
    );
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

  const patientIds = scopedEpisodeIds(db, scope).select('patient_id');
  const [screenings, contacts, minutes, reviews, recommendations] = await Promise.all([
    db
      .selectFrom('screenings')
      .select(['patient_id', 'clinic_id', 'instrument', 'total', 'item9', 'severity', 'administered_at'])
      .where('org_id', '=', scope.orgId)
      .where('patient_id', 'in', patientIds)
      .where('instrument', 'in', ['phq-9', 'gad-7', 'c-ssrs-screen'])
      .orderBy('administered_at')
      .execute()
      .then((rows) => rows.map((s) => ({ ...s, day: dayIn(s.clinic_id)(s.administered_at) }))),
    // Completed patient contacts, summarised in SQL up to each clinic's asOf day: the rules need only the
    // last contact and the first follow-up after enrollment, so the registry stays O(episodes).
    sql<ContactSummary>`
      with enrolled as materialized (
        select e.id, date_trunc('day', e.enrolled_at, c.timezone) as day_start
        from episodes e
        join clinics c on c.org_id = e.org_id and c.id = e.clinic_id
        where e.org_id = ${scope.orgId} and e.id in (${ids})
      )
      select k.episode_id, count(*)::int as contact_count, max(k.occurred_at) as last_at,
             (array_agg(k.activity order by k.occurred_at desc))[1] as last_activity,
             min(k.occurred_at) filter (where k.activity <> 'initial_assessment' and k.occurred_at >= n.day_start)
               as first_follow_up_at
      from enrolled n
      join contacts k on k.org_id = ${scope.orgId} and k.episode_id = n.id
      join (values ${sql.join(asOfEnds)}) as a(clinic_id, day_end) on a.clinic_id = k.clinic_id
      where k.kind = 'entry' and k.modality <> 'none' and k.occurred_at < a.day_end
        and k.activity in ('initial_assessment', 'follow_up', 'psychotherapy')
        and not exists (select 1 from contacts r where r.org_id = k.org_id and r.amends_contact_id = k.id and r.kind = 'reversal')
      group by k.episode_id
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
    db
      .selectFrom('case_reviews')
      .select(['episode_id', 'clinic_id', 'reviewed_at'])
      .where('org_id', '=', scope.orgId)
      .where('episode_id', 'in', ids)
      .orderBy('reviewed_at')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, day: dayIn(r.clinic_id)(r.reviewed_at) }))),
    db
      .selectFrom('recommendations')
      .select(['episode_id', 'clinic_id', 'sent_at', 'acknowledged_at'])
      .where('org_id', '=', scope.orgId)
      .where('episode_id', 'in', ids)
      .execute()
      .then((rows) =>
        rows.map((m) => {
          const timeZone = zoneOf.get(m.clinic_id)!;
          return {
            ...m,
            sent_day: toLocalDay(m.sent_at, timeZone),
            ack_day: optionalDay(m.acknowledged_at, timeZone),
          };
        }),
      ),
  ]);

  const scoresByPatient = groupBy(screenings, (s) => s.patient_id);
  const contactsByEpisode = new Map(contacts.map((k) => [k.episode_id, k]));
  const minutesByEpisode = groupBy(minutes, (m) => m.episode_id);
  const reviewsByEpisode = groupBy(reviews, (r) => r.episode_id);
  const recsByEpisode = groupBy(recommendations, (r) => r.episode_id);

  return episodes.map((e) => {
    const timeZone = zoneOf.get(e.clinic_id)!;
    const asOf = asOfFor(timeZone);
    const referredDay = toLocalDay(e.referred_at, timeZone);
    const month = asOf.slice(0, 7);
    const patientScreens = scoresByPatient.get(e.patient_id) ?? [];
    const latest = <T>(rows: T[]) => rows.at(-1) ?? null;
    const item9 = latest(
      patientScreens.filter((s) => s.instrument === 'phq-9' && s.item9 !== null && s.day <= asOf),
    );
    const cssrs = latest(patientScreens.filter((s) => s.instrument === 'c-ssrs-screen' && s.day <= asOf));
    const contactSummary = contactsByEpisode.get(e.id);
    const monthly = minutesByEpisode.get(e.id) ?? [];
    const serviceMonths = monthly
      .filter((m) => m.minutes > 0)
      .map((m) => m.month)
      .sort();
    const minutesThisMonth = Math.max(0, monthly.find((m) => m.month === month)?.minutes ?? 0);
    const { pack, warning } = packForPatient(packs, e.payer, Number(month.slice(0, 4)));
    const next =
      e.status === 'discharged'
        ? null
        : minutesToNext(
            {
              month,
              program: e.program,
              countedMinutes: minutesThisMonth,
              priorServiceMonths: serviceMonths.filter((m) => m < month),
              episodeStartMonth: referredDay.slice(0, 7),
            },
            pack,
          );
    const episodeReviews = reviewsByEpisode.get(e.id) ?? [];
    const snapshot: EpisodeSnapshot = {
      episodeId: e.id,
      careManagerId: e.care_manager_id,
      status: e.status,
      program: e.program,
      referredAt: referredDay,
      enrolledAt: optionalDay(e.enrolled_at, timeZone),
      primaryMeasure: measureLabel(e.primary_measure as PrimaryMeasureCode),
      scores: patientScreens
        .filter((s) => (s.instrument === 'phq-9' || s.instrument === 'gad-7') && s.total !== null)
        .map((s) => ({
          date: s.day,
          instrument: measureLabel(s.instrument as PrimaryMeasureCode),
          total: s.total!,
        })),
      safety: {
        phq9Item9: item9 ? { date: item9.day, value: item9.item9! } : null,
        cssrs: cssrs ? { date: cssrs.day, value: (cssrs.severity ?? 'negative') as 'negative' } : null,
        asq: null,
        clinicianFlaggedAt: optionalDay(e.safety_flagged_at, timeZone),
      },
      contacts: contactSummary ? summarisedContacts(contactSummary, timeZone) : [],
      caseReviews: episodeReviews.map((r) => ({ date: r.day })),
      reviewRequestedAt: optionalDay(e.review_requested_at, timeZone),
      recommendations: (recsByEpisode.get(e.id) ?? []).map((r) => ({
        sentAt: r.sent_day,
        acknowledgedAt: r.ack_day,
      })),
      serviceMonths,
      billing: {
        minutesThisMonth,
        // Care managers are prompted only while the month still lacks a (better) base code; one more
        // 99494 add-on unit is shown in the billing preview, not raised as a registry flag.
        next:
          next && !addOnCodes(pack).has(next.code)
            ? { code: next.code, minutesNeeded: next.minutesNeeded }
            : null,
      },
    };
    const lastReview = episodeReviews.filter((r) => r.day <= asOf).at(-1);
    return {
      snapshot,
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
      lastContactAt: contactSummary?.last_at.toISOString() ?? null,
      contactCount: contactSummary?.contact_count ?? 0,
      lastCaseReviewAt: lastReview?.reviewed_at.toISOString() ?? null,
      diagnoses: e.diagnoses,
      packWarning: warning,
    };
  });
}
