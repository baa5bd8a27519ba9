// Finds same-month conflicts between the codes a month would bill and codes already billed (billing.md §4).
import type { RulePack } from './rule-pack-schema.js';
import type { BillingCode } from './vocabulary.js';

function normalize(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * One reason per pack exclusion rule that bites. Rules are symmetric: a candidate in `codes`
 * clashes with an existing code in `conflictsWith`, and the other way round. billing.md §4 states
 * these for the same patient whoever billed them, so the practitioner is not compared.
 */
export function sameMonthConflicts(
  candidates: readonly BillingCode[],
  sameMonthCodes: readonly string[],
  pack: RulePack,
): string[] {
  const existing = [...new Set(sameMonthCodes.map(normalize))];
  const reasons: string[] = [];
  for (const rule of pack.exclusions) {
    const left = new Set(rule.codes.map(normalize));
    const right = new Set(rule.conflictsWith.map(normalize));
    const pairs = candidates.flatMap((candidate) =>
      existing
        .filter(
          (code) => (left.has(candidate) && right.has(code)) || (right.has(candidate) && left.has(code)),
        )
        .map((code) => `${candidate} with ${code}`),
    );
    if (pairs.length > 0) {
      reasons.push(`excluded (${pairs.join(', ')} already billed this month): ${rule.reason}`);
    }
  }
  return reasons;
}
