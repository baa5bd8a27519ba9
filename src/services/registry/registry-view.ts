// The registry: every episode in scope with outcomes and flags as of a day, most urgent first.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import type { Program } from '../../domain/billing/vocabulary.js';
import { packWarnings, type RulePackWarning } from '../../domain/billing/pack-selection.js';
import { EPISODE_STATUSES, OPEN_STATUSES, type EpisodeStatus } from '../../domain/registry/episode-status.js';
import { computeFlags, FLAG_CODES, type RegistryFlag } from '../../domain/registry/flags.js';
import { dayOf, type ClinicDay } from '../../domain/calendar/index.js';
import { summarizeOutcome, type PrimaryMeasure } from '../../domain/registry/outcomes.js';
import type { RegistryRules } from '../../domain/registry/rules.js';
import { sortByUrgency, daysSinceLastContact } from '../../domain/registry/urgency.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { packsFor } from '../billing/rule-packs.js';
import { loadRuleSet } from '../rules/rule-sets.js';
import { isoDate, uuid } from '../schemas.js';
import { loadEpisodeRecords, type EpisodeRecord, type EpisodeScope } from './load-snapshots.js';

export const registryQuery = z.object({
  clinicId: uuid.optional(),
  careManagerId: uuid.optional(),
  psychiatricConsultantId: uuid.optional(),
  pcpId: uuid.optional(),
  /** An episode status, or `open` (the default: every status but discharged). */
  status: z.enum([...EPISODE_STATUSES, 'open']).default('open'),
  flag: z.enum(FLAG_CODES).optional(),
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RegistryQuery = z.output<typeof registryQuery>;

export interface RegistryRow {
  episodeId: string;
  patientId: string;
  patient: { mrn: string; givenName: string; familyName: string; birthDate: string; payer: string | null };
  clinicId: string;
  program: Program;
  status: EpisodeStatus;
  careManagerId: string | null;
  psychiatricConsultantId: string | null;
  pcpId: string | null;
  diagnoses: string[];
  /** The measure's display label (`PHQ-9`), as the registry rules name it. */
  primaryMeasure: PrimaryMeasure;
  referredAt: string;
  enrolledAt: string | null;
  weeksInTreatment: number | null;
  baselineScore: number | null;
  latestScore: number | null;
  latestScoreAt: string | null;
  percentChange: number | null;
  lastContactAt: string | null;
  contactCount: number;
  minutesThisMonth: number;
  nextBillingThreshold: { code: string; minutesNeeded: number } | null;
  lastCaseReviewAt: string | null;
  asOf: string;
  flags: RegistryFlag[];
}

/** The registry rule pack of each clinic in scope, read once per request. */
export async function registryRulesByClinic(
  db: Db,
  orgId: string,
  clinicIds: string[],
): Promise<Map<string, RegistryRules>> {
  const entries = await Promise.all(
    clinicIds.map(async (id) => [id, (await loadRuleSet(db, orgId, id, 'registry')).rules] as const),
  );
  return new Map(entries);
}

/** Outcomes and flags of one loaded episode under its clinic's rules. */
export function toRegistryRow(record: EpisodeRecord, rules: RegistryRules): RegistryRow {
  const { snapshot, asOf } = record;
  const outcome = snapshot.enrolledAt
    ? summarizeOutcome(snapshot.scores, snapshot.primaryMeasure, snapshot.enrolledAt, asOf, {
        baseline: rules.baseline,
      })
    : null;
  return {
    episodeId: snapshot.episodeId,
    patientId: record.patient.id,
    patient: {
      mrn: record.patient.mrn,
      givenName: record.patient.givenName,
      familyName: record.patient.familyName,
      birthDate: record.patient.birthDate,
      payer: record.patient.payer,
    },
    clinicId: record.clinicId,
    program: snapshot.program,
    status: snapshot.status,
    careManagerId: snapshot.careManagerId,
    psychiatricConsultantId: record.psychiatricConsultantId,
    pcpId: record.pcpId,
    diagnoses: record.diagnoses,
    primaryMeasure: snapshot.primaryMeasure,
    referredAt: snapshot.referredAt,
    enrolledAt: snapshot.enrolledAt,
    weeksInTreatment: outcome?.weeksInTreatment ?? null,
    baselineScore: outcome?.baseline?.score.total ?? null,
    latestScore: outcome?.latest?.total ?? null,
    latestScoreAt: outcome?.latest?.date ?? null,
    percentChange: outcome?.percentChange === undefined ? null : Math.round(outcome.percentChange * 10) / 10,
    lastContactAt: record.lastContactAt,
    contactCount: record.contactCount,
    minutesThisMonth: snapshot.billing.minutesThisMonth,
    nextBillingThreshold: snapshot.billing.next,
    lastCaseReviewAt: record.lastCaseReviewAt,
    asOf,
    flags: computeFlags(snapshot, asOf, rules),
  };
}

/** The clinic day to evaluate: the asked date, or the caller's today on each clinic's wall clock. */
export const asOfResolver =
  (asOf: string | undefined, now: Date) =>
  (timeZone: string): ClinicDay =>
    asOf ?? dayOf(now, timeZone);

export async function readRegistry({
  db,
  actor,
  now,
  query,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  query: RegistryQuery;
}): Promise<{ rows: RegistryRow[]; total: number; warnings: RulePackWarning[] }> {
  if (query.clinicId) assertClinicAccess(actor, query.clinicId);
  const clinicIds = query.clinicId ? [query.clinicId] : actor.clinicIds;
  const statuses: readonly EpisodeStatus[] = query.status === 'open' ? OPEN_STATUSES : [query.status];
  const scope: EpisodeScope = {
    orgId: actor.orgId,
    clinicIds,
    careManagerId: query.careManagerId,
    psychiatricConsultantId: query.psychiatricConsultantId,
    pcpId: query.pcpId,
    statuses,
  };
  return db.transaction().execute(async (trx) => {
    const packs = await packsFor(trx, actor.orgId);
    const records = await loadEpisodeRecords(trx, scope, asOfResolver(query.asOf, now), packs);
    const rulesByClinic = await registryRulesByClinic(trx, actor.orgId, clinicIds);
    let rows = records.map((r) => ({
      ...toRegistryRow(r, rulesByClinic.get(r.clinicId)!),
      daysSinceContact: daysSinceLastContact(r.snapshot, r.asOf),
    }));
    if (query.flag) rows = rows.filter((r) => r.flags.some((f) => f.code === query.flag));
    const sorted = sortByUrgency(rows);
    const page = sorted
      .slice(query.offset, query.offset + query.limit)
      .map(({ daysSinceContact: _, ...row }) => row);
    await recordAudit(trx, actor, {
      action: 'registry.read',
      entity: 'episode',
      clinicId: query.clinicId ?? null,
      details: { patientIds: page.map((r) => r.patientId), count: page.length },
    });
    return { rows: page, total: sorted.length, warnings: packWarnings(records.map((r) => r.packWarning)) };
  });
}
