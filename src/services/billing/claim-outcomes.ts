// The outcome columns a claim export carries (baseline and latest score, last case review) as of a day:
// three narrow reads and the registry's own pure rules, instead of the whole registry snapshot.
import type { Db } from '../../db/connection.js';
import { measureScores, screensAsOf } from '../../domain/registry/build-snapshot.js';
import { dayOf, type ClinicDay } from '../../domain/calendar/index.js';
import { measureLabel, summarizeOutcome } from '../../domain/registry/outcomes.js';
import { groupBy } from '../group-by.js';
import { loadRuleSet } from '../rules/rule-sets.js';

export interface ClaimOutcome {
  baselineScore: number | null;
  latestScore: number | null;
  lastCaseReviewAt: Date | null;
}

/**
 * Each episode's outcome as the registry would show it at the end of the clinic day `asOf` (fhir.md §7
 * baseline_score, latest_score, last_psych_review_date): scores from the patient's screens in any clinic,
 * judged from enrollment under the clinic's baseline rule. Episodes referred after the day are absent.
 */
export async function loadClaimOutcomes(
  db: Db,
  orgId: string,
  clinicId: string,
  episodeIds: readonly string[],
  asOf: ClinicDay,
): Promise<Map<string, ClaimOutcome>> {
  if (episodeIds.length === 0) return new Map();
  const episodes = await db
    .selectFrom('episodes as e')
    .innerJoin('clinics as c', (j) => j.onRef('c.org_id', '=', 'e.org_id').onRef('c.id', '=', 'e.clinic_id'))
    .select(['e.id', 'e.patient_id', 'e.primary_measure', 'e.referred_at', 'e.enrolled_at', 'c.timezone'])
    .where('e.org_id', '=', orgId)
    .where('e.id', 'in', [...episodeIds])
    .execute();
  const [screenings, reviews, rules] = await Promise.all([
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
        's.administered_at',
        'c.timezone',
      ])
      .where('s.org_id', '=', orgId)
      .where('s.patient_id', 'in', [...new Set(episodes.map((e) => e.patient_id))])
      .where('s.instrument', 'in', ['phq-9', 'gad-7'])
      .where('s.total', 'is not', null)
      .execute(),
    db
      .selectFrom('case_reviews')
      .select(['episode_id', 'reviewed_at'])
      .where('org_id', '=', orgId)
      .where('episode_id', 'in', [...episodeIds])
      .execute(),
    loadRuleSet(db, orgId, clinicId, 'registry'),
  ]);
  const screensByPatient = groupBy(screenings, (s) => s.patient_id);
  const reviewsByEpisode = groupBy(reviews, (r) => r.episode_id);
  const outcomes = new Map<string, ClaimOutcome>();
  for (const e of episodes) {
    const localDay = (at: Date) => dayOf(at, e.timezone);
    if (localDay(e.referred_at) > asOf) continue;
    const enrolledAt = e.enrolled_at && localDay(e.enrolled_at) <= asOf ? localDay(e.enrolled_at) : null;
    const scores = measureScores(
      screensAsOf(
        (screensByPatient.get(e.patient_id) ?? []).map((s) => ({
          at: s.administered_at,
          timeZone: s.timezone,
          instrument: s.instrument,
          total: s.total,
          item9: s.item9,
          severity: s.severity,
        })),
        asOf,
      ),
    );
    const outcome = enrolledAt
      ? summarizeOutcome(scores, measureLabel(e.primary_measure), enrolledAt, asOf, {
          baseline: rules.rules.baseline,
        })
      : null;
    const reviewed = (reviewsByEpisode.get(e.id) ?? [])
      .map((r) => r.reviewed_at)
      .filter((at) => localDay(at) <= asOf)
      .sort((a, b) => a.getTime() - b.getTime());
    outcomes.set(e.id, {
      baselineScore: outcome?.baseline?.score.total ?? null,
      latestScore: outcome?.latest?.total ?? null,
      lastCaseReviewAt: reviewed.at(-1) ?? null,
    });
  }
  return outcomes;
}
