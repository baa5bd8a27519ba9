// The billing rule packs an organization bills under: the built-in Medicare packs plus its payer overrides.
import type { Db } from '../../db/connection.js';
import { MEDICARE_PACKS } from '../../domain/billing/medicare-packs.js';
import { selectPack, type PackSelection } from '../../domain/billing/pack-selection.js';
import type { RulePack } from '../../domain/billing/rule-pack-schema.js';
import type { Payer } from '../../domain/billing/vocabulary.js';

export async function packsFor(_db: Db, _orgId: string): Promise<readonly RulePack[]> {
  return MEDICARE_PACKS;
}

/** A patient without coverage on file is billed as self-pay, which falls back to the Medicare baseline. */
export function packForPatient(
  packs: readonly RulePack[],
  payer: string | null,
  year: number,
): PackSelection {
  return selectPack(packs, { year, payer: (payer ?? 'self_pay') as Payer });
}
