// Picks the rule pack for a claim's year and payer, falling back to that year's Medicare pack.
import type { RulePack } from './rule-pack-schema.js';
import type { Payer } from './vocabulary.js';

export interface PackSelection {
  pack: RulePack;
  /** true when no pack matched the payer and the Medicare pack of the year was used */
  fellBack: boolean;
  reason: string;
}

export class RulePackNotFoundError extends Error {
  override name = 'RulePackNotFoundError';
}

function onlyOne(packs: readonly RulePack[], year: number, payer: Payer): RulePack | undefined {
  const matches = packs.filter((pack) => pack.year === year && pack.payer === payer);
  if (matches.length > 1) {
    throw new RulePackNotFoundError(
      `Ambiguous rule packs for ${year} ${payer}: ${matches.map((pack) => pack.id).join(', ')}; keep one per year and payer`,
    );
  }
  return matches[0];
}

/** docs/domain/README.md: packs are keyed by year and payer; Medicare is the baseline when a payer has none. */
export function selectPack(packs: readonly RulePack[], query: { year: number; payer: Payer }): PackSelection {
  const { year, payer } = query;
  const exact = onlyOne(packs, year, payer);
  if (exact) {
    return { pack: exact, fellBack: false, reason: `rule pack ${exact.id} (${year}, ${payer})` };
  }
  const medicare = onlyOne(packs, year, 'medicare');
  if (medicare) {
    return {
      pack: medicare,
      fellBack: true,
      reason: `no ${year} rule pack for ${payer}; using the ${year} Medicare pack ${medicare.id} as the baseline`,
    };
  }
  throw new RulePackNotFoundError(
    `No ${year} rule pack for ${payer} and no ${year} Medicare pack to fall back to`,
  );
}
