// A clinic's billing month: preview while it runs, close (recomputable) once it has ended, lock, reopen.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { insertJsonRows } from '../../db/insert-json-rows.js';
import { isClosedMonth, isFutureMonth, monthOf, clinicMonthSchema } from '../../domain/calendar/index.js';
import { packWarnings, type RulePackWarning } from '../../domain/billing/pack-selection.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { clinicTimeZone } from '../clinics/clinic-time-zone.js';
import { uuid } from '../schemas.js';
import { billClinicMonth, type EpisodeMonth } from './month-facts.js';
import { packsFor } from './rule-packs.js';

export const monthParam = z.object({ month: clinicMonthSchema });
export const clinicQuery = z.object({ clinicId: uuid });
export const closeInput = z.object({
  /** Needed when the month is priced with another year's pack because its own year has none. */
  confirmProvisional: z.boolean().optional(),
});
export const reopenInput = z.object({
  reason: z.string().trim().min(1, 'say why the month is reopened').max(500),
});

export type MonthStatus = 'open' | 'closed' | 'locked';

/** What every billing-month use case acts on: one clinic's calendar month. */
export interface MonthArgs {
  db: Db;
  actor: Actor;
  month: string;
  clinicId: string;
  /** The caller's clock: which months have ended, and when a lock or close happened. */
  now: Date;
}

/** Expected payment of a line from the pack's fee per unit; null when the pack has no amount. */
export const feeCents = (fee: number | null | undefined, units: number): number | null =>
  fee === null || fee === undefined ? null : Math.round(fee * 100) * units;

export async function monthStatus(
  db: Db,
  orgId: string,
  clinicId: string,
  month: string,
): Promise<MonthStatus> {
  const row = await db
    .selectFrom('billing_months')
    .select('status')
    .where('org_id', '=', orgId)
    .where('clinic_id', '=', clinicId)
    .where('month', '=', month)
    .executeTakeFirst();
  return row?.status ?? 'open';
}

/** The provisional packs a closed month was last closed under (empty when none, or not closed). */
export async function closedMonthWarnings(
  db: Db,
  orgId: string,
  clinicId: string,
  month: string,
): Promise<RulePackWarning[]> {
  const row = await db
    .selectFrom('billing_months')
    .select('rule_pack_warnings')
    .where('org_id', '=', orgId)
    .where('clinic_id', '=', clinicId)
    .where('month', '=', month)
    .executeTakeFirst();
  return (row?.rule_pack_warnings ?? []) as RulePackWarning[];
}

/** Minutes of a locked month cannot change: contacts and corrections dated in it are refused. */
export async function assertMonthWritable(
  db: Db,
  orgId: string,
  clinicId: string,
  occurredAt: Date,
): Promise<void> {
  const month = monthOf(occurredAt, await clinicTimeZone(db, orgId, clinicId));
  if ((await monthStatus(db, orgId, clinicId, month)) === 'locked') throw lockedMonth(month);
}

export const lockedMonth = (month: string) =>
  AppError.conflict('occurredAt', `billing month ${month} is locked; a billing user must reopen it first`);

/** SQLSTATE of the database's own refusal of a contact in a locked month (migration 2026-12-03-15). */
export const LOCKED_MONTH_SQLSTATE = 'CL001';

/** The 409 for a write the database refused because its month was locked meanwhile; else undefined. */
export function lockedMonthRefusal(error: unknown): AppError | undefined {
  const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown };
  return code === LOCKED_MONTH_SQLSTATE && typeof detail === 'string' ? lockedMonth(detail) : undefined;
}

export interface PreviewEpisode {
  episodeId: string;
  patientId: string;
  patient: EpisodeMonth['patient'];
  program: EpisodeMonth['program'];
  countedMinutes: number;
  minutesByRole: Record<string, number>;
  monthKind: string | null;
  lines: { code: string; units: number; minutes: number; reasons: string[] }[];
  skipped: { reason: string } | null;
  nextThreshold: { code: string; units: number; atMinutes: number; minutesNeeded: number } | null;
  warnings: string[];
}

/** A clinic month as it stands: each episode's codes or why not, and the minutes still within reach. */
export interface MonthPreview {
  month: string;
  clinicId: string;
  timeZone: string;
  status: MonthStatus;
  /** The month has ended in the clinic's zone, so it can be closed. */
  monthEnded: boolean;
  /** Units per code over the month's lines. */
  totals: Record<string, number>;
  episodes: PreviewEpisode[];
  minutesAtRisk: {
    episodeId: string;
    patientId: string;
    patient: PreviewEpisode['patient'];
    countedMinutes: number;
    next: NonNullable<PreviewEpisode['nextThreshold']>;
  }[];
  /** The provisional packs the month is priced with (its year has no pack yet); empty when none. */
  warnings: RulePackWarning[];
}

const toPreview = (e: EpisodeMonth): PreviewEpisode => ({
  episodeId: e.episodeId,
  patientId: e.patientId,
  patient: e.patient,
  program: e.program,
  countedMinutes: e.countedMinutes,
  minutesByRole: e.minutesByRole,
  monthKind: e.result.monthKind,
  lines: e.result.lines,
  skipped: e.result.skipped,
  nextThreshold: e.result.nextThreshold,
  warnings: e.result.warnings,
});

async function computeMonth(db: Db, actor: Actor, clinicId: string, month: string) {
  assertClinicAccess(actor, clinicId);
  const timeZone = await clinicTimeZone(db, actor.orgId, clinicId);
  const episodes = await billClinicMonth(
    db,
    { orgId: actor.orgId, clinicId },
    month,
    timeZone,
    await packsFor(db, actor.orgId),
  );
  return { timeZone, episodes, warnings: packWarnings(episodes.map((e) => e.packWarning)) };
}

export async function previewMonth({ db, actor, month, clinicId, now }: MonthArgs): Promise<MonthPreview> {
  return db.transaction().execute(async (trx) => {
    const { timeZone, episodes, warnings } = await computeMonth(trx, actor, clinicId, month);
    const status = await monthStatus(trx, actor.orgId, clinicId, month);
    const rows = episodes.map(toPreview);
    const totals: Record<string, number> = {};
    for (const line of rows.flatMap((r) => r.lines))
      totals[line.code] = (totals[line.code] ?? 0) + line.units;
    await recordAudit(trx, actor, {
      action: 'billing.preview',
      entity: 'billing_month',
      clinicId,
      details: { month, patientIds: rows.map((r) => r.patientId) },
    });
    return {
      month,
      clinicId,
      timeZone,
      status,
      monthEnded: isClosedMonth(month, now, timeZone),
      totals,
      episodes: rows,
      // Still open and within reach of the next code: billing.md §2.1 via the engine's look-ahead.
      minutesAtRisk: isClosedMonth(month, now, timeZone)
        ? []
        : rows
            .filter((r) => r.nextThreshold && !r.skipped?.reason.includes('consent'))
            .map((r) => ({
              episodeId: r.episodeId,
              patientId: r.patientId,
              patient: r.patient,
              countedMinutes: r.countedMinutes,
              next: r.nextThreshold!,
            })),
      warnings,
    };
  });
}

/** Why a provisionally priced month is not closed without `confirmProvisional: true`. */
const unconfirmedProvisional = (month: string, warnings: readonly RulePackWarning[]) =>
  AppError.rule(
    'confirmProvisional',
    `${month} would be priced provisionally: ${warnings.map((w) => w.message).join('; ')}. ` +
      `Load a ${warnings[0]!.year} rule pack first, or close with confirmProvisional: true to accept these rules.`,
  );

export async function closeMonth({
  db,
  actor,
  month,
  clinicId,
  confirmProvisional = false,
  now,
}: MonthArgs & { confirmProvisional?: boolean | undefined }): Promise<{
  month: string;
  status: 'closed';
  claims: number;
  skipped: number;
  warnings: RulePackWarning[];
}> {
  return db.transaction().execute(async (trx) => {
    assertClinicAccess(actor, clinicId);
    const timeZone = await clinicTimeZone(trx, actor.orgId, clinicId);
    if (isFutureMonth(month, now, timeZone)) throw AppError.rule('month', `${month} is in the future`);
    if (!isClosedMonth(month, now, timeZone))
      throw AppError.rule('month', `${month} has not ended yet in the clinic’s time zone`);
    const current = await trx
      .selectFrom('billing_months')
      .select('status')
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', clinicId)
      .where('month', '=', month)
      .forUpdate()
      .executeTakeFirst();
    if (current?.status === 'locked')
      throw AppError.conflict('month', `${month} is locked; reopen it to recompute`);
    const { episodes, warnings } = await computeMonth(trx, actor, clinicId, month);
    if (warnings.length > 0 && !confirmProvisional) throw unconfirmedProvisional(month, warnings);
    const closed = {
      closed_at: now,
      closed_by: actor.userId,
      rule_pack_warnings: JSON.stringify(warnings),
    };
    await trx
      .insertInto('billing_months')
      .values({ org_id: actor.orgId, clinic_id: clinicId, month, status: 'closed', ...closed })
      .onConflict((oc) => oc.columns(['org_id', 'clinic_id', 'month']).doUpdateSet(closed))
      .execute();
    // Closing again recomputes: the month's claims and skips are replaced as a whole.
    await trx
      .deleteFrom('claims')
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', clinicId)
      .where('month', '=', month)
      .execute();
    await trx
      .deleteFrom('billing_skips')
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', clinicId)
      .where('month', '=', month)
      .execute();
    const claimRows = episodes.flatMap((e) =>
      e.result.lines.map((line) => ({
        org_id: actor.orgId,
        clinic_id: clinicId,
        month,
        episode_id: e.episodeId,
        patient_id: e.patientId,
        billing_practitioner_id: e.billingPractitionerId,
        program: e.program,
        code: line.code,
        units: line.units,
        service_date: e.result.serviceDate!,
        minutes: line.minutes,
        diagnoses: e.diagnoses,
        reasons: line.reasons,
        rule_pack_id: e.result.rulePackId,
        month_kind: e.result.monthKind,
        fee_cents: feeCents(e.fees[line.code], line.units),
      })),
    );
    const skipRows = episodes
      .filter((e) => e.result.skipped)
      .map((e) => ({
        org_id: actor.orgId,
        clinic_id: clinicId,
        month,
        episode_id: e.episodeId,
        patient_id: e.patientId,
        reason: e.result.skipped!.reason,
      }));
    await insertJsonRows(trx, 'claims', claimRows);
    await insertJsonRows(trx, 'billing_skips', skipRows);
    await recordAudit(trx, actor, {
      action: 'billing.close',
      entity: 'billing_month',
      clinicId,
      details: {
        month,
        claims: claimRows.length,
        skipped: skipRows.length,
        ...(warnings.length > 0 ? { provisionalConfirmed: true } : {}),
      },
    });
    return { month, status: 'closed', claims: claimRows.length, skipped: skipRows.length, warnings };
  });
}

async function setLock(
  db: Db,
  actor: Actor,
  clinicId: string,
  month: string,
  lock: boolean,
  now: Date,
  reason?: string,
) {
  assertClinicAccess(actor, clinicId);
  return db.transaction().execute(async (trx) => {
    // The row lock orders this against contact writers, which share-lock the month row (migration 15).
    const row = await trx
      .selectFrom('billing_months')
      .select('status')
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', clinicId)
      .where('month', '=', month)
      .forUpdate()
      .executeTakeFirst();
    const status: MonthStatus = row?.status ?? 'open';
    if (lock && status !== 'closed')
      throw AppError.rule(
        'month',
        status === 'locked' ? `${month} is already locked` : `close ${month} before locking it`,
      );
    if (!lock && status !== 'locked') throw AppError.rule('month', `${month} is not locked`);
    await trx
      .updateTable('billing_months')
      .set(
        lock
          ? { status: 'locked', locked_at: now, locked_by: actor.userId }
          : {
              status: 'closed',
              locked_at: null,
              locked_by: null,
              reopened_at: now,
              reopened_by: actor.userId,
              reopen_reason: reason ?? null,
            },
      )
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', clinicId)
      .where('month', '=', month)
      .execute();
    await recordAudit(trx, actor, {
      action: lock ? 'billing.lock' : 'billing.reopen',
      entity: 'billing_month',
      clinicId,
      details: { month },
    });
    return { month, status: lock ? ('locked' as const) : ('closed' as const) };
  });
}

export const lockMonth = ({ db, actor, month, clinicId, now }: MonthArgs) =>
  setLock(db, actor, clinicId, month, true, now);

export const reopenMonth = ({ db, actor, month, clinicId, now, reason }: MonthArgs & { reason: string }) =>
  setLock(db, actor, clinicId, month, false, now, reason);
