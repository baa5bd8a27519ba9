// Turns a month's counted CoCM minutes into G2214 / 99492 / 99493 / 99494 lines (billing.md §2.1).
import type { LineCandidate, MinuteOutcome, NextThreshold } from './billing-line.js';
import type { MonthKind } from './episode.js';
import type { CodeLadder, RulePack, TimedCode } from './rule-pack-schema.js';
import { describeAddOnThreshold, describeThreshold } from './time-rule.js';

function ladderFor(kind: MonthKind, pack: RulePack): CodeLadder {
  return kind === 'initial' ? pack.cocm.initial : pack.cocm.subsequent;
}

function unitCap(code: TimedCode['code'], pack: RulePack): number {
  return pack.unitCaps[code] ?? Number.POSITIVE_INFINITY;
}

/** billing.md §2.1: add-on units = 1 + ⌊(m − first) / unit⌋ once m reaches the first add-on minute. */
function rawAddOnUnits(minutes: number, addOn: TimedCode): number {
  return minutes < addOn.fromMinutes ? 0 : 1 + Math.floor((minutes - addOn.fromMinutes) / addOn.unitMinutes);
}

function addOnUnitStart(addOn: TimedCode, unit: number): number {
  return addOn.fromMinutes + (unit - 1) * addOn.unitMinutes;
}

export function cocmOutcome(minutes: number, kind: MonthKind, pack: RulePack): MinuteOutcome {
  const { shortMonth, base, addOn } = ladderFor(kind, pack);
  const rule = pack.cocm.timeRule;
  const monthLabel = `${kind} month`;
  const line = (code: TimedCode['code'], units: number, reachedAtMinutes: number, reasons: string[]) =>
    ({ code, units, minutes, reasons, reachedAtMinutes, basis: 'counted' }) satisfies LineCandidate;

  if (minutes >= base.fromMinutes) {
    const lines = [
      line(base.code, 1, base.fromMinutes, [
        `${base.code} ×1: ${minutes} counted minutes ≥ ${base.fromMinutes} (${describeThreshold(rule, base.unitMinutes)}), ${monthLabel}`,
      ]),
    ];
    const raw = addOn ? rawAddOnUnits(minutes, addOn) : 0;
    if (addOn && raw > 0) {
      const units = Math.min(raw, unitCap(addOn.code, pack));
      const reachedAt = addOnUnitStart(addOn, units);
      const reasons = [
        `${addOn.code} ×${units}: ${minutes} counted minutes ≥ ${reachedAt} (${describeAddOnThreshold(rule, base, addOn)}), ${monthLabel}`,
      ];
      if (units < raw) {
        reasons.push(
          `${addOn.code} capped at ${units} units by the ${pack.payer} unit limit in rule pack ${pack.id} (${minutes} minutes would reach ${raw})`,
        );
      }
      lines.push(line(addOn.code, units, reachedAt, reasons));
    }
    return { lines, belowThreshold: null };
  }
  if (shortMonth && minutes >= shortMonth.fromMinutes) {
    return {
      lines: [
        line(shortMonth.code, 1, shortMonth.fromMinutes, [
          `${shortMonth.code} ×1: ${minutes} counted minutes ≥ ${shortMonth.fromMinutes} (${describeThreshold(rule, shortMonth.unitMinutes)}), ` +
            `below ${base.fromMinutes} for ${base.code}, ${monthLabel}`,
        ]),
      ],
      belowThreshold: null,
    };
  }
  const first = shortMonth ?? base;
  return {
    lines: [],
    belowThreshold:
      `below ${first.fromMinutes} minutes: ${minutes} counted minutes, ${first.code} needs ${first.fromMinutes} ` +
      `(${describeThreshold(rule, first.unitMinutes)}, billing.md §2.1)`,
  };
}

/** The next code or unit more minutes would reach this month, or null when nothing more is billable. */
export function nextCocmThreshold(minutes: number, kind: MonthKind, pack: RulePack): NextThreshold | null {
  const { shortMonth, base, addOn } = ladderFor(kind, pack);
  const at = (code: TimedCode['code'], units: number, atMinutes: number): NextThreshold => ({
    code,
    units,
    atMinutes,
    minutesNeeded: atMinutes - minutes,
  });
  if (shortMonth && minutes < shortMonth.fromMinutes) return at(shortMonth.code, 1, shortMonth.fromMinutes);
  if (minutes < base.fromMinutes) return at(base.code, 1, base.fromMinutes);
  if (!addOn) return null;
  const units = rawAddOnUnits(minutes, addOn);
  if (units >= unitCap(addOn.code, pack)) return null;
  return at(addOn.code, units + 1, addOnUnitStart(addOn, units + 1));
}
