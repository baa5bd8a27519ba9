// Program finances per month: codes and units billed, expected revenue from the packs' fees, against staff cost.
import { z } from 'zod';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { addMonths, monthsBetween } from '../../domain/billing/months.js';
import { monthStringSchema } from '../../domain/billing/vocabulary.js';
import { STAFF_ROLES } from '../../domain/registry/roles.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { uuid } from '../schemas.js';
import type { MonthStatus } from './billing-month.js';

export const summaryQuery = z
  .object({ clinicId: uuid, from: monthStringSchema, to: monthStringSchema })
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

export interface MonthSummary {
  month: string;
  status: MonthStatus;
  codes: Record<string, number>;
  expectedRevenue: number;
  /** Lines whose pack has no fee amount for the code: revenue is understated by these. */
  linesWithoutFee: number;
  staffCost: number;
  net: number;
}

/** Months in a range against staff cost, and the range's totals. */
export interface FinancialSummary {
  months: MonthSummary[];
  staff: { role: string; fte: number; annualCost: number }[];
  totals: Omit<MonthSummary, 'month' | 'status'>;
}

export async function saveStaffCosts({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.output<typeof staffCostInput>;
}) {
  assertClinicAccess(actor, input.clinicId);
  return db.transaction().execute(async (trx) => {
    for (const cost of input.costs) {
      const values = {
        fte: cost.fte,
        annual_cost_cents: Math.round(cost.annualCost * 100),
        updated_by: actor.userId,
        updated_at: new Date(),
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
      for (const l of mine) codes[l.code] = l.units;
      const expectedRevenue = mine.reduce((sum, l) => sum + Number(l.cents), 0) / 100;
      return {
        month,
        status: statuses.find((s) => s.month === month)?.status ?? 'open',
        codes,
        expectedRevenue,
        linesWithoutFee: mine.reduce((sum, l) => sum + l.without_fee, 0),
        staffCost: round(monthlyCost),
        net: round(expectedRevenue - monthlyCost),
      };
    });
    const totals = summaries.reduce(
      (t, m) => {
        for (const [code, units] of Object.entries(m.codes)) t.codes[code] = (t.codes[code] ?? 0) + units;
        t.expectedRevenue = round(t.expectedRevenue + m.expectedRevenue);
        t.linesWithoutFee += m.linesWithoutFee;
        t.staffCost = round(t.staffCost + m.staffCost);
        t.net = round(t.net + m.net);
        return t;
      },
      { codes: {} as Record<string, number>, expectedRevenue: 0, linesWithoutFee: 0, staffCost: 0, net: 0 },
    );
    return {
      months: summaries,
      staff: staff.map((s) => ({ role: s.role, fte: Number(s.fte), annualCost: s.annual_cost_cents / 100 })),
      totals,
    };
  });
}

const round = (n: number) => Math.round(n * 100) / 100;
