// The billing rule packs an organization bills under: the built-in Medicare packs plus its payer overrides.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { MEDICARE_PACKS } from '../../domain/billing/medicare-packs.js';
import { applyPayerOverride, type PayerOverride } from '../../domain/billing/pack-override.js';
import { selectPack, type PackSelection } from '../../domain/billing/pack-selection.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import { payerSchema, type Payer } from '../../domain/billing/vocabulary.js';
import { AppError, zodIssues } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';

export const packOverrideInput = z.object({
  year: z.number().int().min(2025).max(2100),
  payer: payerSchema,
  /** Only what differs from that year's Medicare pack (see PayerOverride in the billing domain). */
  override: z.record(z.string(), z.unknown()),
});

const baseFor = (year: number): RulePack | undefined =>
  MEDICARE_PACKS.find((p) => p.year === year && p.payer === 'medicare');

function buildPack(year: number, payer: Payer, override: Record<string, unknown>): RulePack {
  const base = baseFor(year);
  if (!base)
    throw AppError.validation([{ field: 'year', reason: `there is no ${year} Medicare pack to override` }]);
  try {
    return applyPayerOverride(base, { ...override, id: `${year}-${payer}-override`, payer } as PayerOverride);
  } catch (error) {
    if (error instanceof z.ZodError)
      throw AppError.validation(zodIssues(error, ['override']), 'The rule pack is not valid.');
    if (error instanceof RangeError)
      throw AppError.validation([{ field: 'override', reason: error.message }]);
    throw error;
  }
}

/** Medicare packs, with each stored payer override layered on its year's Medicare pack. */
export async function packsFor(db: Db, orgId: string): Promise<readonly RulePack[]> {
  const overrides = await db
    .selectFrom('billing_pack_overrides')
    .select(['year', 'payer', 'override'])
    .where('org_id', '=', orgId)
    .execute();
  return packsWith(overrides);
}

export interface StoredOverride {
  year: number;
  payer: string;
  override: Record<string, unknown>;
}

/** The Medicare packs with stored payer overrides layered on. */
export function packsWith(overrides: readonly StoredOverride[]): readonly RulePack[] {
  if (overrides.length === 0) return MEDICARE_PACKS;
  return [...MEDICARE_PACKS, ...overrides.map((o) => buildPack(o.year, o.payer as Payer, o.override))];
}

/** A patient without coverage on file is billed as self-pay, which falls back to the Medicare baseline. */
export function packForPatient(
  packs: readonly RulePack[],
  payer: string | null,
  year: number,
): PackSelection {
  return selectPack(packs, { year, payer: (payer ?? 'self_pay') as Payer });
}

export async function listPacks({ db, actor }: { db: Db; actor: Actor }): Promise<{ packs: RulePack[] }> {
  return { packs: [...(await packsFor(db, actor.orgId))] };
}

/** Adds or replaces the override for one year and payer; the merged pack must validate. */
export async function savePackOverride({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.output<typeof packOverrideInput>;
}): Promise<RulePack> {
  if (input.payer === 'medicare') {
    throw AppError.validation([
      { field: 'payer', reason: 'Medicare is the built-in baseline; override another payer' },
    ]);
  }
  const pack = buildPack(input.year, input.payer, input.override);
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('billing_pack_overrides')
      .values({
        org_id: actor.orgId,
        year: input.year,
        payer: input.payer,
        override: JSON.stringify(input.override),
        created_by: actor.userId,
      })
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'year', 'payer'])
          .doUpdateSet({ override: JSON.stringify(input.override), created_by: actor.userId }),
      )
      .execute();
    await recordAudit(trx, actor, {
      action: 'billing.pack_override',
      entity: 'billing_pack',
      details: { year: input.year, payer: input.payer },
    });
    return pack;
  });
}
