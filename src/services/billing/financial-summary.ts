// Program finances per month: codes and units billed, expected payment from the packs' amounts (or "unknown"), against staff cost.
import { z } from 'zod';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { addMonths, monthsBetween, clinicMonthSchema } from '../../domain/calendar/index.js';
import { STAFF_ROLES } from '../../domain/registry/roles.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { uuid } from '../schemas.js';
import type { MonthStatus } from './billing-month.js';

export const summaryQuery = z
  .object({ clinicId: uuid, from: clinicMonthSchema, to: clinicMonthSchema })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });

export const staffCostInput = z.object({
  clinicId: uuid,
  costs: z
    .array(
      z.object({
        role: z.enum(STAFF_ROLES),
        fte: z.number().min(0).max(1000),
        annualCost: z.number().min(0).max(100_000_000),
      }),
    )
    .min(1),
});

/** Codes, expected payment and cost of a month or of a range of months. */
export interface RevenueFigures {
  /** Units billed per code. */
  codes: Record<string, number>;
  /** Expected payment per code from the packs' amounts (billing.md §9); null: payment unknown for that code. */
  payments: Record<string, number | null>;
  /** The sum of `payments`; null when any billed code's payment is unknown, since a partial sum is no figure. */
  expectedRevenue: number | null;
  /** Billed codes whose payment is unknown (the rule pack has no amount for them), sorted. */
  paymentUnknown: string[];
  staffCost: number;
  /** Expected revenue less staff cost; null while the revenue is unknown. */
  net: number | null;
}

export interface MonthSummary extends RevenueFigures {
  month: string;
  status: MonthStatus;
}

/** Months in a range against staff cost, and the range's totals. */
export interface FinancialSummary {
  months: MonthSummary[];
  staff: { role: string; fte: number; annualCost: number }[];
  totals: RevenueFigures;
}

export async function saveStaffCosts({
  db,
  actor,
  now,
  input,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  input: z.output<typeof staffCostInput>;
}) {
  assertClinicAccess(actor, input.clinicId);
  return db.transaction().execute(async (trx) => {
    for (const cost of input.costs) {
      const values = {
        fte: cost.fte,
        annual_cost_cents: Math.round(cost.annualCost * 100),
        updated_by: actor.userId,
        updated_at: now,
      };
      await trx
        .insertInto('staff_costs')
        .values({ org_id: actor.orgId, clinic_id: input.clinicId, role: cost.role, ...values })
        .onConflict((oc) => oc.columns(['org_id', 'clinic_id', 'role']).doUpdateSet(values))
        .execute();
    }
    await recordAudit(trx, actor, {
      action: 'billing.staff_cost',
      entity: 'staff_cost',
      clinicId: input.clinicId,
      details: { count: input.costs.length },
    });
    return { clinicId: input.clinicId, costs: input.costs };
  });
}

export async function financialSummary({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof summaryQuery>;
}): Promise<FinancialSummary> {
  assertClinicAccess(actor, query.clinicId);
  const count = monthsBetween(query.from, query.to) + 1;
  if (count > 36) throw AppError.validation([{ field: 'to', reason: 'ask for at most 36 months at a time' }]);
  const months = Array.from({ length: count }, (_, i) => addMonths(query.from, i));
  return db.transaction().execute(async (trx) => {
    const lines = await trx
      .selectFrom('claims')
      .select([
        'month',
        'code',
        sql<number>`sum(units)::int`.as('units'),
        sql<number>`coalesce(sum(fee_cents), 0)::bigint`.as('cents'),
        sql<number>`count(*) filter (where fee_cents is null)::int`.as('without_fee'),
      ])
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', query.clinicId)
      .where('month', '>=', query.from)
      .where('month', '<=', query.to)
      .groupBy(['month', 'code'])
      .execute();
    const statuses = await trx
      .selectFrom('billing_months')
      .select(['month', 'status'])
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', query.clinicId)
      .where('month', '>=', query.from)
      .where('month', '<=', query.to)
      .execute();
    const staff = await trx
      .selectFrom('staff_costs')
      .select(['role', 'fte', 'annual_cost_cents'])
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', query.clinicId)
      .orderBy('role')
      .execute();
    // seed 001: "net revenue from BH services vs FTE cost"; cost per month = annual cost × FTE / 12.
    const monthlyCost = staff.reduce((sum, s) => sum + (Number(s.fte) * s.annual_cost_cents) / 12, 0) / 100;
    await recordAudit(trx, actor, {
      action: 'billing.summary',
      entity: 'billing_month',
      clinicId: query.clinicId,
    });
    const summaries = months.map((month): MonthSummary => {
      const mine = lines.filter((l) => l.month === month);
      const codes: Record<string, number> = {};
      const payments: Record<string, number | null> = {};
      for (const l of mine) {
        codes[l.code] = l.units;
        payments[l.code] = l.without_fee > 0 ? null : Number(l.cents) / 100;
      }
      return {
        month,
        status: statuses.find((s) => s.month === month)?.status ?? 'open',
        ...withRevenue({ codes, payments, staffCost: round(monthlyCost) }),
      };
    });
    const totalCodes: Record<string, number> = {};
    const totalPayments: Record<string, number | null> = {};
    for (const m of summaries)
      for (const [code, units] of Object.entries(m.codes)) {
        totalCodes[code] = (totalCodes[code] ?? 0) + units;
        const before = code in totalPayments ? totalPayments[code]! : 0;
        const payment = m.payments[code] ?? null;
        totalPayments[code] = before === null || payment === null ? null : round(before + payment);
      }
    const totals = withRevenue({
      codes: totalCodes,
      payments: totalPayments,
      staffCost: round(summaries.reduce((sum, m) => sum + m.staffCost, 0)),
    });
    return {
      months: summaries,
      staff: staff.map((s) => ({ role: s.role, fte: Number(s.fte), annualCost: s.annual_cost_cents / 100 })),
      totals,
    };
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Revenue and net from the per-code payments: unknown (null) as soon as one billed code's payment is. */
function withRevenue(m: Pick<RevenueFigures, 'codes' | 'payments' | 'staffCost'>): RevenueFigures {
  const paymentUnknown = Object.keys(m.payments)
    .filter((code) => m.payments[code] === null)
    .sort();
  const expectedRevenue =
    paymentUnknown.length > 0
      ? null
      : round(Object.values(m.payments).reduce<number>((sum, p) => sum + (p ?? 0), 0));
  return {
    ...m,
    expectedRevenue,
    paymentUnknown,
    net: expectedRevenue === null ? null : round(expectedRevenue - m.staffCost),
  };
}
