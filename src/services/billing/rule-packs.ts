// The billing rule packs an organization bills under: the built-in Medicare packs, whole packs it loaded, and payer overrides.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { MEDICARE_PACKS } from '../../domain/billing/medicare-packs.js';
import { applyPayerOverride, type PayerOverride } from '../../domain/billing/pack-override.js';
import { selectPack, type PackSelection } from '../../domain/billing/pack-selection.js';
import { parsePack, rulePackSchema, type RulePack } from '../../domain/billing/rule-pack-schema.js';
import { payerSchema, type Payer } from '../../domain/billing/vocabulary.js';
import { AppError, zodIssues } from '../../errors.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';

export const packOverrideInput = z.object({
  year: z.number().int().min(2018).max(2100),
  payer: payerSchema,
  /** Only what differs from that year's Medicare pack (see PayerOverride in the billing domain). */
  override: z.record(z.string(), z.unknown()),
});

export type RulePackInput =
  ({ kind: 'override' } & z.output<typeof packOverrideInput>) | { kind: 'pack'; pack: RulePack };

/**
 * `POST /api/billing/rule-packs` and `careloop rule-packs import`: a whole pack (a year's Medicare
 * baseline or a payer's own pack), or `{ year, payer, override }`; a body with an `override` key is
 * the latter. Issues name the field inside the pack (`cocm.initial.base.fromMinutes`, `override.notes`).
 */
export const rulePackInput = z.record(z.string(), z.unknown()).transform((body, ctx): RulePackInput => {
  const isOverride = Object.hasOwn(body, 'override');
  const parsed = isOverride ? packOverrideInput.safeParse(body) : rulePackSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  }
  return isOverride
    ? { kind: 'override', ...(parsed.data as z.output<typeof packOverrideInput>) }
    : { kind: 'pack', pack: parsed.data as RulePack };
});

export interface StoredPack {
  year: number;
  payer: string;
  override: Record<string, unknown>;
  /** 'pack': `override` holds a whole pack */
  kind: 'override' | 'pack';
}

function layerOverride(base: readonly RulePack[], stored: StoredPack): RulePack {
  const { year, payer } = stored;
  const medicare = base.find((p) => p.year === year && p.payer === 'medicare');
  if (!medicare)
    throw AppError.validation([
      {
        field: 'year',
        reason: `there is no ${year} Medicare pack to override; load a whole ${year} pack (Medicare or this payer's) instead`,
      },
    ]);
  try {
    return applyPayerOverride(medicare, {
      ...stored.override,
      id: `${year}-${payer}-override`,
      payer: payer as Payer,
    } as PayerOverride);
  } catch (error) {
    if (error instanceof z.ZodError)
      throw AppError.validation(zodIssues(error, ['override']), 'The rule pack is not valid.');
    if (error instanceof RangeError)
      throw AppError.validation([{ field: 'override', reason: error.message }]);
    throw error;
  }
}

/**
 * The built-in Medicare packs, replaced year by year and payer by payer by the whole packs the
 * organization loaded, then each payer override layered on its year's Medicare pack.
 */
export function packsWith(stored: readonly StoredPack[]): readonly RulePack[] {
  if (stored.length === 0) return MEDICARE_PACKS;
  // Stored packs were validated when loaded; parsing again keeps a bad row from billing silently.
  const loaded = stored.filter((s) => s.kind === 'pack').map((s) => parsePack(s.override));
  const base = [
    ...MEDICARE_PACKS.filter((p) => !loaded.some((l) => l.year === p.year && l.payer === p.payer)),
    ...loaded,
  ];
  return [...base, ...stored.filter((s) => s.kind === 'override').map((s) => layerOverride(base, s))];
}

const storedPacks = (db: Db, orgId: string): Promise<StoredPack[]> =>
  db
    .selectFrom('billing_pack_overrides')
    .select(['year', 'payer', 'override', 'kind'])
    .where('org_id', '=', orgId)
    .orderBy('year')
    .orderBy('payer')
    .execute();

/** Every pack in force for the organization. */
export async function packsFor(db: Db, orgId: string): Promise<readonly RulePack[]> {
  return packsWith(await storedPacks(db, orgId));
}

/**
 * A patient without coverage on file is billed as self-pay, which falls back to the Medicare
 * baseline; a year without a pack falls back to the nearest year's, provisionally (see selectPack).
 */
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

/** Field paths as the caller wrote them: a whole pack's own fields, an override's under `override`. */
function packIdIssue(packs: readonly RulePack[], input: RulePackInput) {
  const ids = packs.map((p) => p.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate === undefined) return;
  throw AppError.validation([
    {
      field: input.kind === 'pack' ? 'id' : 'payer',
      reason: `rule pack id ${duplicate} is already used by another pack; give each pack its own id`,
    },
  ]);
}

/**
 * Loads a whole pack or a payer override, replacing what the organization had for that year and
 * payer. Every pack in force must still validate afterwards (an override is layered again on a newly
 * loaded Medicare pack), or nothing is written.
 */
export async function saveRulePack({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: RulePackInput;
}): Promise<RulePack> {
  if (input.kind === 'override' && input.payer === 'medicare') {
    throw AppError.validation([
      {
        field: 'payer',
        reason:
          'Medicare is the baseline every payer override is layered on; load a whole Medicare pack instead',
      },
    ]);
  }
  const row: StoredPack =
    input.kind === 'pack'
      ? { year: input.pack.year, payer: input.pack.payer, override: input.pack, kind: 'pack' }
      : { year: input.year, payer: input.payer, override: input.override, kind: 'override' };
  return db.transaction().execute(async (trx) => {
    const others = (await storedPacks(trx, actor.orgId)).filter(
      (s) => !(s.year === row.year && s.payer === row.payer),
    );
    const packs = packsWith([...others, row]);
    packIdIssue(packs, input);
    const json = JSON.stringify(row.override);
    await trx
      .insertInto('billing_pack_overrides')
      .values({
        org_id: actor.orgId,
        year: row.year,
        payer: row.payer,
        override: json,
        kind: row.kind,
        created_by: actor.userId,
      })
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'year', 'payer'])
          .doUpdateSet({ override: json, kind: row.kind, created_by: actor.userId }),
      )
      .execute();
    await recordAudit(trx, actor, {
      action: 'billing.pack_override',
      entity: 'billing_pack',
      details: { year: row.year, payer: row.payer, kind: row.kind },
    });
    return packs.find((p) => p.year === row.year && p.payer === row.payer)!;
  });
}
