// The organization's charge schedule: read it, replace it in one transaction (audited), and load it for exports.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { chargeCodeSchema, priceSchema, toCents, type ChargeEntry } from '../../domain/billing/charges.js';
import { AppError, type Issue } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { uuid } from '../schemas.js';

const entryInput = z.object({
  code: chargeCodeSchema,
  /** A clinic's own price for the code; omitted or null: the organization's price for every clinic. */
  clinicId: uuid.nullable().default(null),
  /** US dollars per unit, e.g. 185.00. */
  price: priceSchema,
});

export const chargeScheduleInput = z
  .object({ entries: z.array(entryInput).max(1000, 'at most 1000 prices') })
  .superRefine(({ entries }, ctx) => {
    const seen = new Map<string, number>();
    entries.forEach((e, i) => {
      const key = `${e.clinicId ?? 'organization'}:${e.code}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'code'],
          message: `${e.code} is already priced ${e.clinicId ? 'for this clinic' : 'for the organization'} (entry ${first + 1})`,
        });
    });
  });

export interface ChargeScheduleEntryView {
  code: string;
  /** null: the organization's price, used by every clinic without its own. */
  clinicId: string | null;
  price: number;
}

export interface ChargeScheduleView {
  entries: ChargeScheduleEntryView[];
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** Every price of the organization; callers pick a clinic's with `chargeFor`. */
export async function loadChargeSchedule(db: Db, orgId: string): Promise<ChargeEntry[]> {
  const rows = await db
    .selectFrom('charge_schedule')
    .select(['code', 'clinic_id', 'price_cents'])
    .where('org_id', '=', orgId)
    .execute();
  return rows.map((r) => ({ code: r.code, clinicId: r.clinic_id, priceCents: r.price_cents }));
}

/**
 * The organization's prices and the overrides of the clinics the user may see (an admin: all of them).
 * Prices are not patient data, so reads are not audited.
 */
export async function getChargeSchedule({
  db,
  actor,
}: {
  db: Db;
  actor: Actor;
}): Promise<ChargeScheduleView> {
  const rows = await db
    .selectFrom('charge_schedule')
    .select(['code', 'clinic_id', 'price_cents', 'updated_at', 'updated_by'])
    .where('org_id', '=', actor.orgId)
    .orderBy('code')
    .orderBy('clinic_id', (o) => o.nullsFirst())
    .execute();
  const visible = rows.filter((r) => r.clinic_id === null || actor.clinicIds.includes(r.clinic_id));
  const latest = visible.reduce<(typeof rows)[number] | null>(
    (last, r) => (!last || r.updated_at > last.updated_at ? r : last),
    null,
  );
  return {
    entries: visible.map((r) => ({ code: r.code, clinicId: r.clinic_id, price: r.price_cents / 100 })),
    updatedAt: latest?.updated_at ?? null,
    updatedBy: latest?.updated_by ?? null,
  };
}

/**
 * Replaces the organization's prices and the overrides of the user's clinics with the list given, in one
 * transaction. Overrides of clinics the user cannot see stay as they are, and naming such a clinic is
 * refused like an unknown one, so clinic ids cannot be probed.
 */
export async function replaceChargeSchedule({
  db,
  actor,
  now,
  input,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  input: z.output<typeof chargeScheduleInput>;
}): Promise<ChargeScheduleView> {
  return db.transaction().execute(async (trx) => {
    const clinics =
      actor.clinicIds.length === 0
        ? []
        : await trx
            .selectFrom('clinics')
            .select('id')
            .where('org_id', '=', actor.orgId)
            .where('id', 'in', actor.clinicIds)
            .execute();
    const known = new Set(clinics.map((c) => c.id));
    const issues: Issue[] = input.entries.flatMap((e, i) =>
      e.clinicId !== null && !known.has(e.clinicId)
        ? [{ field: `entries.${i}.clinicId`, reason: 'no clinic with this id in your organization' }]
        : [],
    );
    if (issues.length > 0) throw AppError.validation(issues);
    await trx
      .deleteFrom('charge_schedule')
      .where('org_id', '=', actor.orgId)
      .where((eb) =>
        known.size > 0
          ? eb.or([eb('clinic_id', 'is', null), eb('clinic_id', 'in', [...known])])
          : eb('clinic_id', 'is', null),
      )
      .execute();
    if (input.entries.length > 0)
      await trx
        .insertInto('charge_schedule')
        .values(
          input.entries.map((e) => ({
            org_id: actor.orgId,
            clinic_id: e.clinicId,
            code: e.code,
            price_cents: toCents(e.price),
            updated_at: now,
            updated_by: actor.userId,
          })),
        )
        .execute();
    await recordAudit(trx, actor, {
      action: 'billing.charge_schedule',
      entity: 'charge_schedule',
      details: {
        count: input.entries.length,
        clinicOverrides: input.entries.filter((e) => e.clinicId !== null).length,
      },
    });
    return getChargeSchedule({ db: trx, actor });
  });
}
