// A closed month's claims with their reasons, the skipped episodes, and the export rows built from them.
// The line types live in the domain so that every export format (fhir/ included) reads them from below.
import type { Db } from '../../db/connection.js';
import { chargeFor, lineChargeCents } from '../../domain/billing/charges.js';
import type { ClaimExportRow, ClinicBillingIdentity } from '../../domain/billing/claim-lines.js';
import { lastDayOfMonth, dayOf } from '../../domain/calendar/index.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { groupBy } from '../group-by.js';
import { addressColumns, addressFromRow } from '../postal-address.js';
import { loadChargeSchedule } from './charge-schedule.js';
import { loadClaimOutcomes } from './claim-outcomes.js';
import { closedMonthWarnings, monthStatus, type MonthArgs, type MonthStatus } from './billing-month.js';

export type { ClaimExportRow, ClaimView, ClinicBillingIdentity } from '../../domain/billing/claim-lines.js';

export interface MonthClaims {
  month: string;
  clinicId: string;
  clinic: ClinicBillingIdentity;
  status: MonthStatus;
  claims: ClaimExportRow[];
  skipped: { episodeId: string; patientId: string; reason: string }[];
}

export async function loadMonthClaims(
  db: Db,
  actor: Actor,
  clinicId: string,
  month: string,
): Promise<MonthClaims> {
  assertClinicAccess(actor, clinicId);
  const status = await monthStatus(db, actor.orgId, clinicId, month);
  if (status === 'open')
    throw AppError.rule('month', `${month} is not closed yet; preview it or close it first`);
  const rows = await db
    .selectFrom('claims as c')
    .innerJoin('patients as p', (j) =>
      j.onRef('p.org_id', '=', 'c.org_id').onRef('p.id', '=', 'c.patient_id'),
    )
    .innerJoin('users as u', (j) =>
      j.onRef('u.org_id', '=', 'c.org_id').onRef('u.id', '=', 'c.billing_practitioner_id'),
    )
    .innerJoin('episodes as e', (j) =>
      j.onRef('e.org_id', '=', 'c.org_id').onRef('e.id', '=', 'c.episode_id'),
    )
    .innerJoin('clinics as k', (j) => j.onRef('k.org_id', '=', 'c.org_id').onRef('k.id', '=', 'c.clinic_id'))
    .select([
      'c.id',
      'c.episode_id',
      'c.patient_id',
      'c.billing_practitioner_id',
      'c.program',
      'c.code',
      'c.units',
      'c.service_date',
      'c.minutes',
      'c.diagnoses',
      'c.reasons',
      'c.rule_pack_id',
      'c.month_kind',
      'c.fee_cents',
      'p.mrn',
      'p.given_name',
      'p.family_name',
      'p.birth_date',
      'p.sex',
      'p.payer',
      'p.member_id',
      ...addressColumns.map((c) => `p.${c}` as const),
      'u.name as practitioner_name',
      'u.npi',
      'u.given_name as practitioner_given_name',
      'u.family_name as practitioner_family_name',
      'e.consent_obtained_at',
      'e.initiating_visit_on',
      'e.referred_at',
      'k.timezone',
    ])
    .where('c.org_id', '=', actor.orgId)
    .where('c.clinic_id', '=', clinicId)
    .where('c.month', '=', month)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('c.episode_id')
    .orderBy('c.code')
    .execute();
  const clinic = await db
    .selectFrom('clinics')
    .select(['id', 'name', 'billing_npi', 'tax_id', ...addressColumns])
    .where('org_id', '=', actor.orgId)
    .where('id', '=', clinicId)
    .executeTakeFirstOrThrow();
  const skipped = await db
    .selectFrom('billing_skips')
    .select(['episode_id', 'patient_id', 'reason'])
    .where('org_id', '=', actor.orgId)
    .where('clinic_id', '=', clinicId)
    .where('month', '=', month)
    .orderBy('episode_id')
    .execute();
  const episodeIds = [...new Set(rows.map((r) => r.episode_id))];
  const outcomes = await loadClaimOutcomes(db, actor.orgId, clinicId, episodeIds, lastDayOfMonth(month));
  const minutes =
    episodeIds.length === 0
      ? []
      : await db
          .selectFrom('episode_month_minutes')
          .select(['episode_id', 'staff_role', (eb) => eb.fn.sum<number>('counted_minutes').as('minutes')])
          .where('org_id', '=', actor.orgId)
          .where('episode_id', 'in', episodeIds)
          .where('month', '=', month)
          .groupBy(['episode_id', 'staff_role'])
          .execute();
  const schedule = await loadChargeSchedule(db, actor.orgId);
  const day = (d: Date | null, tz: string) => (d ? dayOf(d, tz) : null);
  const minutesByEpisode = groupBy(minutes, (m) => m.episode_id);
  return {
    month,
    clinicId,
    clinic: {
      id: clinic.id,
      name: clinic.name,
      billingNpi: clinic.billing_npi,
      taxId: clinic.tax_id,
      address: addressFromRow(clinic),
    },
    status,
    claims: rows.map((r) => {
      const outcome = outcomes.get(r.episode_id);
      const byRole: Record<string, number> = {};
      for (const m of minutesByEpisode.get(r.episode_id) ?? []) byRole[m.staff_role] = Number(m.minutes);
      const price = chargeFor(schedule, r.code, clinicId);
      return {
        id: r.id,
        month,
        episodeId: r.episode_id,
        patientId: r.patient_id,
        billingPractitionerId: r.billing_practitioner_id,
        program: r.program,
        code: r.code,
        units: r.units,
        serviceDate: r.service_date,
        minutes: r.minutes,
        diagnoses: r.diagnoses,
        reasons: r.reasons,
        rulePackId: r.rule_pack_id,
        monthKind: r.month_kind,
        feeCents: r.fee_cents,
        chargeCents: price ? lineChargeCents(price.priceCents, r.units) : null,
        chargeNote: price
          ? null
          : `no charge for ${r.code} in the charge schedule; set one before exporting this month`,
        patient: {
          mrn: r.mrn,
          givenName: r.given_name,
          familyName: r.family_name,
          birthDate: r.birth_date,
          sex: r.sex,
          payer: r.payer,
          memberId: r.member_id,
          address: addressFromRow(r),
        },
        billingPractitioner: {
          name: r.practitioner_name,
          givenName: r.practitioner_given_name,
          familyName: r.practitioner_family_name,
          npi: r.npi,
        },
        consentDate: day(r.consent_obtained_at, r.timezone),
        initiatingVisitDate: r.initiating_visit_on,
        referralDate: day(r.referred_at, r.timezone)!,
        lastCaseReviewDate: day(outcome?.lastCaseReviewAt ?? null, r.timezone),
        baselineScore: outcome?.baselineScore ?? null,
        latestScore: outcome?.latestScore ?? null,
        minutesByRole: byRole,
      };
    }),
    skipped: skipped.map((s) => ({ episodeId: s.episode_id, patientId: s.patient_id, reason: s.reason })),
  };
}

export async function listClaims({ db, actor, month, clinicId }: Omit<MonthArgs, 'now'>) {
  return db.transaction().execute(async (trx) => {
    const result = await loadMonthClaims(trx, actor, clinicId, month);
    await recordAudit(trx, actor, {
      action: 'billing.claims',
      entity: 'claim',
      clinicId,
      details: { month, patientIds: [...new Set(result.claims.map((c) => c.patientId))] },
    });
    return { ...result, warnings: await closedMonthWarnings(trx, actor.orgId, clinicId, month) };
  });
}
