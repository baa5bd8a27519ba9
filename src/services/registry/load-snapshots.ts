// Builds the registry's read model: one EpisodeSnapshot per episode, from a handful of set-based queries.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { minutesToNext } from '../../domain/billing/bill-month.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import type { EpisodeStatus } from '../../domain/registry/episode-status.js';
import type { LocalDay } from '../../domain/registry/local-day.js';
import type { EpisodeSnapshot } from '../../domain/registry/snapshot.js';
import { packForPatient } from '../billing/rule-packs.js';
import { measureLabel, type PrimaryMeasureCode } from '../episodes/episode-input.js';

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
}

type EpisodeQuery = SelectQueryBuilder<Database, 'episodes', object>;

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

const localDay = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone c.timezone, 'YYYY-MM-DD')`;

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/**
 * Loads every episode in scope as a snapshot for the registry rules. `asOf(timeZone)` gives the clinic
 * day to evaluate (the caller's date, or today in each clinic's zone); billing figures are for its month.
 */
export async function loadEpisodeRecords(
  db: Db,
  scope: EpisodeScope,
  asOfFor: (timeZone: string) => LocalDay,
  packs: readonly RulePack[],
): Promise<EpisodeRecord[]> {
  if (scope.clinicIds.length === 0) return [];
  const ids = scopedEpisodeIds(db, scope).select('id');
  const episodes = await db
    .selectFrom('episodes as e')
    .innerJoin('patients as p', (j) =>
      j.onRef('p.org_id', '=', 'e.org_id').onRef('p.id', '=', 'e.patient_id'),
    )
    .innerJoin('clinics as c', (j) => j.onRef('c.org_id', '=', 'e.org_id').onRef('c.id', '=', 'e.clinic_id'))
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
      'c.timezone',
      'p.mrn',
      'p.given_name',
      'p.family_name',
      'p.birth_date',
      'p.payer',
      localDay('e.referred_at').as('referred_day'),
      sql<string | null>`case when e.enrolled_at is null then null else ${localDay('e.enrolled_at')} end`.as(
        'enrolled_day',
      ),
      sql<
        string | null
      >`case when e.review_requested_at is null then null else ${localDay('e.review_requested_at')} end`.as(
        'review_requested_day',
      ),
      sql<
        string | null
      >`case when e.safety_flagged_at is null then null else ${localDay('e.safety_flagged_at')} end`.as(
        'safety_day',
      ),
    ])
    .where('e.org_id', '=', scope.orgId)
    .where('e.id', 'in', ids)
    .execute();
  if (episodes.length === 0) return [];

  const patientIds = scopedEpisodeIds(db, scope).select('patient_id');
  const [screenings, contacts, minutes, reviews, recommendations] = await Promise.all([
    db
      .selectFrom('screenings as s')
      .innerJoin('clinics as c', (j) =>
        j.onRef('c.org_id', '=', 's.org_id').onRef('c.id', '=', 's.clinic_id'),
      )
      .select([
        's.patient_id',
        's.instrument',
        's.total',
        's.item9',
        's.severity',
        localDay('s.administered_at').as('day'),
      ])
      .where('s.org_id', '=', scope.orgId)
      .where('s.patient_id', 'in', patientIds)
      .where('s.instrument', 'in', ['phq-9', 'gad-7', 'c-ssrs-screen'])
      .orderBy('s.administered_at')
      .execute(),
    // Completed patient contacts: live entries (not reversed) with the patient on the line.
    db
      .selectFrom('contacts as k')
      .innerJoin('clinics as c', (j) =>
        j.onRef('c.org_id', '=', 'k.org_id').onRef('c.id', '=', 'k.clinic_id'),
      )
      .select(['k.episode_id', 'k.activity', 'k.occurred_at', localDay('k.occurred_at').as('day')])
      .where('k.org_id', '=', scope.orgId)
      .where('k.episode_id', 'in', ids)
      .where('k.kind', '=', 'entry')
      .where('k.modality', '<>', 'none')
      .where('k.activity', 'in', ['initial_assessment', 'follow_up', 'psychotherapy'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('contacts as r')
              .select('r.id')
              .whereRef('r.org_id', '=', 'k.org_id')
              .whereRef('r.amends_contact_id', '=', 'k.id')
              .where('r.kind', '=', 'reversal'),
          ),
        ),
      )
      .orderBy('k.occurred_at')
      .execute(),
    // Counted minutes per episode and clinic month (reversals carry negative minutes).
    db
      .selectFrom('contacts as k')
      .innerJoin('clinics as c', (j) =>
        j.onRef('c.org_id', '=', 'k.org_id').onRef('c.id', '=', 'k.clinic_id'),
      )
      .select([
        'k.episode_id',
        sql<string>`to_char(k.occurred_at at time zone c.timezone, 'YYYY-MM')`.as('month'),
        sql<number>`sum(k.minutes)::int`.as('minutes'),
      ])
      .where('k.org_id', '=', scope.orgId)
      .where('k.episode_id', 'in', ids)
      .where('k.counts_toward_program', '=', true)
      .groupBy(['k.episode_id', sql`2`])
      .execute(),
    db
      .selectFrom('case_reviews as r')
      .innerJoin('clinics as c', (j) =>
        j.onRef('c.org_id', '=', 'r.org_id').onRef('c.id', '=', 'r.clinic_id'),
      )
      .select(['r.episode_id', 'r.reviewed_at', localDay('r.reviewed_at').as('day')])
      .where('r.org_id', '=', scope.orgId)
      .where('r.episode_id', 'in', ids)
      .orderBy('r.reviewed_at')
      .execute(),
    db
      .selectFrom('recommendations as m')
      .innerJoin('clinics as c', (j) =>
        j.onRef('c.org_id', '=', 'm.org_id').onRef('c.id', '=', 'm.clinic_id'),
      )
      .select([
        'm.episode_id',
        localDay('m.sent_at').as('sent_day'),
        sql<
          string | null
        >`case when m.acknowledged_at is null then null else ${localDay('m.acknowledged_at')} end`.as(
          'ack_day',
        ),
      ])
      .where('m.org_id', '=', scope.orgId)
      .where('m.episode_id', 'in', ids)
      .execute(),
  ]);

  const scoresByPatient = groupBy(screenings, (s) => s.patient_id);
  const contactsByEpisode = groupBy(contacts, (k) => k.episode_id);
  const minutesByEpisode = groupBy(minutes, (m) => m.episode_id);
  const reviewsByEpisode = groupBy(reviews, (r) => r.episode_id);
  const recsByEpisode = groupBy(recommendations, (r) => r.episode_id);

  return episodes.map((e) => {
    const asOf = asOfFor(e.timezone);
    const month = asOf.slice(0, 7);
    const patientScreens = scoresByPatient.get(e.patient_id) ?? [];
    const latest = <T>(rows: T[]) => rows.at(-1) ?? null;
    const item9 = latest(
      patientScreens.filter((s) => s.instrument === 'phq-9' && s.item9 !== null && s.day <= asOf),
    );
    const cssrs = latest(patientScreens.filter((s) => s.instrument === 'c-ssrs-screen' && s.day <= asOf));
    const episodeContacts = contactsByEpisode.get(e.id) ?? [];
    const monthly = minutesByEpisode.get(e.id) ?? [];
    const serviceMonths = monthly
      .filter((m) => m.minutes > 0)
      .map((m) => m.month)
      .sort();
    const minutesThisMonth = Math.max(0, monthly.find((m) => m.month === month)?.minutes ?? 0);
    const { pack } = packForPatient(packs, e.payer, Number(month.slice(0, 4)));
    const next =
      e.status === 'discharged'
        ? null
        : minutesToNext(
            {
              month,
              program: e.program,
              countedMinutes: minutesThisMonth,
              priorServiceMonths: serviceMonths.filter((m) => m < month),
              episodeStartMonth: e.referred_day.slice(0, 7),
            },
            pack,
          );
    const episodeReviews = reviewsByEpisode.get(e.id) ?? [];
    const snapshot: EpisodeSnapshot = {
      episodeId: e.id,
      careManagerId: e.care_manager_id,
      status: e.status,
      program: e.program,
      referredAt: e.referred_day,
      enrolledAt: e.enrolled_day,
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
        clinicianFlaggedAt: e.safety_day,
      },
      contacts: episodeContacts.map((k) => ({
        date: k.day,
        activity: k.activity === 'initial_assessment' ? 'initial_assessment' : 'follow_up',
      })),
      caseReviews: episodeReviews.map((r) => ({ date: r.day })),
      reviewRequestedAt: e.review_requested_day,
      recommendations: (recsByEpisode.get(e.id) ?? []).map((r) => ({
        sentAt: r.sent_day,
        acknowledgedAt: r.ack_day,
      })),
      serviceMonths,
      billing: {
        minutesThisMonth,
        next: next ? { code: next.code, minutesNeeded: next.minutesNeeded } : null,
      },
    };
    const lastContact = episodeContacts.filter((k) => k.day <= asOf).at(-1);
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
      timeZone: e.timezone,
      asOf,
      pcpId: e.pcp_id,
      psychiatricConsultantId: e.psychiatric_consultant_id,
      lastContactAt: lastContact?.occurred_at.toISOString() ?? null,
      contactCount: episodeContacts.filter((k) => k.day <= asOf).length,
      lastCaseReviewAt: lastReview?.reviewed_at.toISOString() ?? null,
      diagnoses: e.diagnoses,
    };
  });
}
