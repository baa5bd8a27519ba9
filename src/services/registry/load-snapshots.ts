// Builds the registry's read model: one EpisodeSnapshot per episode, from the typed part queries and the
// pure buildSnapshot.
import type { Db } from '../../db/connection.js';
import type { RulePackWarning } from '../../domain/billing/pack-selection.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import { buildSnapshot, nextThresholdFor, type EpisodeFacts } from '../../domain/registry/build-snapshot.js';
import type { EpisodeStatus } from '../../domain/registry/episode-status.js';
import type { ClinicDay } from '../../domain/calendar/index.js';
import type { EpisodeSnapshot } from '../../domain/registry/snapshot.js';
import { packForPatient } from '../billing/rule-packs.js';
import { groupBy } from '../group-by.js';
import {
  clinicDays,
  queryContactSummaries,
  queryEpisodes,
  queryMinutesToDate,
  queryMonthMinutes,
  queryRecommendations,
  queryReviews,
  queryScreenings,
  queryStatusChanges,
  scopedEpisodes,
  type EpisodeScope,
} from './snapshot-queries.js';

export type { EpisodeScope };

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
  asOf: ClinicDay;
  pcpId: string | null;
  psychiatricConsultantId: string | null;
  lastContactAt: string | null;
  contactCount: number;
  lastCaseReviewAt: string | null;
  diagnoses: string[];
  /** Set when the minutes at risk were judged under another year's pack (no pack for this year yet). */
  packWarning: RulePackWarning | null;
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
  asOfFor: (timeZone: string) => ClinicDay,
  packs: readonly RulePack[],
): Promise<EpisodeRecord[]> {
  if (scope.clinicIds.length === 0) return [];
  const { zoneOf, bounds } = await clinicDays(db, scope, asOfFor);
  if (bounds.length === 0) return [];
  const ids = scopedEpisodes(db, scope, bounds).select('id');
  const episodes = await queryEpisodes(db, scope.orgId, ids);
  if (episodes.length === 0) return [];

  const patientIds = scopedEpisodes(db, scope, bounds).select('patient_id');
  const [statusChanges, screenings, contacts, minutes, minutesToDate, reviews, recommendations] =
    await Promise.all([
      queryStatusChanges(db, scope.orgId, ids),
      queryScreenings(db, scope.orgId, patientIds),
      queryContactSummaries(db, scope.orgId, ids, bounds),
      queryMonthMinutes(db, scope.orgId, ids),
      queryMinutesToDate(db, scope.orgId, ids, bounds),
      queryReviews(db, scope.orgId, ids),
      queryRecommendations(db, scope.orgId, ids),
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
    const { pack, warning } = packForPatient(packs, e.payer, Number(asOf.slice(0, 4)));
    const built = buildSnapshot(facts, asOf, timeZone, nextThresholdFor(pack, e.program));
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
        packWarning: warning,
      },
    ];
  });
}
