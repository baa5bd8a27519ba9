// Layers an admin-entered payer override on a base rule pack and re-validates the result.
import { z } from 'zod';
import { parsePack, rulePackSchema } from './rule-pack-schema.js';
import type { CodeLadder, RulePack } from './rule-pack-schema.js';
import { addOnThreshold, TIME_RULES, unitThreshold } from './time-rule.js';
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

/** Nested objects are merged and then checked whole, as part of the merged pack. */
const patchObject = z.record(z.string(), z.unknown());

/**
 * The shape an override must have before it is merged: known top-level keys, and everything the
 * merge itself reads (notes appended, the time rule, the ladders) of the right type, so no input
 * can make the merge throw. The merged pack is then validated by the full pack schema.
 */
export const payerOverrideSchema = z.strictObject({
  year: z.number().int().optional(),
  label: rulePackSchema.shape.label.optional(),
  cocm: z
    .looseObject({
      timeRule: z.enum(TIME_RULES).optional(),
      initial: patchObject.optional(),
      subsequent: patchObject.optional(),
    })
    .optional(),
  generalBhi: patchObject.optional(),
  encounter: patchObject.optional(),
  counting: patchObject.optional(),
  unitCaps: patchObject.optional(),
  dateOfService: rulePackSchema.shape.dateOfService.optional(),
  fees: patchObject.optional(),
  conversionFactor: patchObject.nullable().optional(),
  exclusions: rulePackSchema.shape.exclusions.optional(),
  notes: rulePackSchema.shape.notes.optional(),
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  // Own data properties only (fromEntries), so a `__proto__` key is data the schema refuses, not a prototype.
  return Object.fromEntries([
    ...Object.entries(base).filter(([key]) => !Object.hasOwn(patch, key)),
    ...Object.entries(patch).map(([key, value]) => [key, deepMerge(base[key], value)]),
  ]);
}

function deriveLadder(ladder: CodeLadder, rule: Exclude<TimeRule, 'payer_specific'>): CodeLadder {
  const { shortMonth, base, addOn } = ladder;
  return {
    shortMonth: shortMonth && { ...shortMonth, fromMinutes: unitThreshold(rule, shortMonth.unitMinutes) },
    base: { ...base, fromMinutes: unitThreshold(rule, base.unitMinutes) },
    addOn: addOn && { ...addOn, fromMinutes: addOnThreshold(rule, base.unitMinutes, addOn.unitMinutes) },
  };
}

/**
 * Returns a new validated pack; throws a ZodError whose issue paths point into the override (for its
 * shape) or into the merged pack (for the rules the merged pack breaks).
 */
export function applyPayerOverride(base: RulePack, override: PayerOverride): RulePack {
  const { id, payer, ...patch } = override;
  const checked = payerOverrideSchema.parse(patch);
  if (checked.year !== undefined && checked.year !== base.year) {
    throw new RangeError(`Override ${id} cannot change the year of ${base.id} (${base.year})`);
  }
  const merged = deepMerge(base, {
    ...checked,
    id,
    payer,
    label: checked.label ?? `${base.label}, ${payer} override ${id}`,
    notes: [...base.notes, ...(checked.notes ?? [])],
  }) as RulePack;

  const rule = checked.cocm?.timeRule;
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
  const { initial, subsequent } = checked.cocm ?? {};
  return parsePack(deepMerge(derived, { cocm: { initial, subsequent } }));
}
