// Picks the rule pack for a claim's year and payer: the payer's, else Medicare's, else the nearest year's (provisional).
import type { RulePack } from './rule-pack-schema.js';
import type { Payer } from './vocabulary.js';

/** Said by every reply whose figures came from a pack of another year than the one asked. */
export interface RulePackWarning {
  code: 'provisional_rule_pack';
  /** The year asked for, which has no pack of its own. */
  year: number;
  packId: string;
  packYear: number;
  message: string;
}

export interface PackSelection {
  pack: RulePack;
  /** true when no pack matched the payer and the Medicare pack was used */
  fellBack: boolean;
  /** true when the pack is of another year than the one asked (no pack loaded for that year yet) */
  provisional: boolean;
  reason: string;
  warning: RulePackWarning | null;
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

/** The year's pack for the payer, else the year's Medicare pack (docs/domain/README.md: Medicare is the baseline). */
function forYear(packs: readonly RulePack[], year: number, payer: Payer) {
  const exact = onlyOne(packs, year, payer);
  if (exact) return { pack: exact, fellBack: false };
  const medicare = onlyOne(packs, year, 'medicare');
  return medicare ? { pack: medicare, fellBack: true } : undefined;
}

export function provisionalWarning(year: number, pack: RulePack): RulePackWarning {
  const which = pack.year < year ? 'the latest earlier pack' : 'the earliest pack';
  return {
    code: 'provisional_rule_pack',
    year,
    packId: pack.id,
    packYear: pack.year,
    message: `No rule pack is loaded for ${year}; ${which}, ${pack.id} (${pack.year}), is used provisionally until a ${year} pack is loaded`,
  };
}

/**
 * Time moves on: a year with no pack of the payer or Medicare uses the latest earlier year that has
 * one (a year before every pack uses the earliest), with the same payer-then-Medicare rule within
 * that year, marked provisional so every reply says so and a month close asks for confirmation.
 */
export function selectPack(packs: readonly RulePack[], query: { year: number; payer: Payer }): PackSelection {
  const { year, payer } = query;
  const same = forYear(packs, year, payer);
  if (same) {
    const { pack, fellBack } = same;
    return {
      pack,
      fellBack,
      provisional: false,
      reason: fellBack
        ? `no ${year} rule pack for ${payer}; using the ${year} Medicare pack ${pack.id} as the baseline`
        : `rule pack ${pack.id} (${year}, ${payer})`,
      warning: null,
    };
  }
  const years = [
    ...new Set(packs.filter((p) => p.payer === payer || p.payer === 'medicare').map((p) => p.year)),
  ];
  const earlier = years.filter((y) => y < year);
  const nearest =
    earlier.length > 0 ? Math.max(...earlier) : years.length > 0 ? Math.min(...years) : undefined;
  const chosen = nearest === undefined ? undefined : forYear(packs, nearest, payer);
  if (!chosen) throw new RulePackNotFoundError(`No rule pack for ${payer} or Medicare in any year`);
  const warning = provisionalWarning(year, chosen.pack);
  return { ...chosen, provisional: true, reason: warning.message, warning };
}

/** The distinct provisional-pack warnings of many selections, in a stable order. */
export function packWarnings(warnings: Iterable<RulePackWarning | null | undefined>): RulePackWarning[] {
  const byKey = new Map<string, RulePackWarning>();
  for (const w of warnings) if (w) byKey.set(`${w.year}|${w.packId}`, w);
  return [...byKey.values()].sort((a, b) => a.year - b.year || a.packId.localeCompare(b.packId));
}
