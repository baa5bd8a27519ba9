// Layers an admin-entered payer override on a base rule pack and re-validates the result.
import { parsePack } from './rule-pack-schema.js';
import type { CodeLadder, RulePack } from './rule-pack-schema.js';
import { addOnThreshold, unitThreshold } from './time-rule.js';
import type { TimeRule } from './time-rule.js';
import type { Payer } from './vocabulary.js';

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * Only the fields that differ from the base pack. Objects merge key by key; arrays, nulls and
 * scalars replace (so `exclusions` is replaced whole, `unitCaps: { '99494': null }` lifts a cap,
 * `cocm.initial.shortMonth: null` drops G2214). `notes` are appended to the base notes. Setting
 * `cocm.timeRule` to `midpoint` or `full_time` re-derives every CoCM threshold from the unit
 * minutes unless the override also states a threshold. The year always stays the base pack's.
 */
export type PayerOverride = DeepPartial<Omit<RulePack, 'id' | 'payer' | 'year'>> & {
  id: string;
  payer: Payer;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(base[key], value);
  return merged;
}

function deriveLadder(ladder: CodeLadder, rule: Exclude<TimeRule, 'payer_specific'>): CodeLadder {
  const { shortMonth, base, addOn } = ladder;
  return {
    shortMonth: shortMonth && { ...shortMonth, fromMinutes: unitThreshold(rule, shortMonth.unitMinutes) },
    base: { ...base, fromMinutes: unitThreshold(rule, base.unitMinutes) },
    addOn: addOn && { ...addOn, fromMinutes: addOnThreshold(rule, base.unitMinutes, addOn.unitMinutes) },
  };
}

/** Returns a new validated pack; throws a ZodError whose issue paths point into the merged pack. */
export function applyPayerOverride(base: RulePack, override: PayerOverride): RulePack {
  if ('year' in override && (override as { year?: unknown }).year !== base.year) {
    throw new RangeError(`Override ${override.id} cannot change the year of ${base.id} (${base.year})`);
  }
  const merged = deepMerge(base, {
    ...override,
    label: override.label ?? `${base.label}, ${override.payer} override ${override.id}`,
    notes: [...base.notes, ...(override.notes ?? [])],
  }) as RulePack;

  const rule = override.cocm?.timeRule;
  if (rule === undefined || rule === 'payer_specific' || !isPlainObject(merged.cocm)) {
    return parsePack(merged);
  }
  // Check the structure first (thresholds are about to be re-derived, so not against the rule yet),
  // derive from the merged unit minutes, then put back any threshold the override states explicitly,
  // so a contradictory explicit threshold still fails validation instead of being silently replaced.
  const structural = parsePack({ ...merged, cocm: { ...merged.cocm, timeRule: 'payer_specific' } });
  const derived: RulePack = {
    ...structural,
    cocm: {
      ...structural.cocm,
      timeRule: rule,
      initial: deriveLadder(structural.cocm.initial, rule),
      subsequent: deriveLadder(structural.cocm.subsequent, rule),
    },
  };
  const { initial, subsequent } = override.cocm ?? {};
  return parsePack(deepMerge(derived, { cocm: { initial, subsequent } }));
}
