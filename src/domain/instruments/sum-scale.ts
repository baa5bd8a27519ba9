// Shared scoring for "sum of the scored items, then bands and a cutoff" instruments (PHQ, GAD, AUDIT-C families).
import { findBand, formatRange } from './bands.js';
import type { Answers, InstrumentDefinition, ScoredItem, ScreeningScore } from './types.js';

export interface SeverityBand<S extends string = string> {
  min: number;
  max: number;
  severity: S;
}

/** JSON with object keys sorted, so packs read back from a JSON column compare equal to the defaults. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Reason tag: the reference section when the clinic kept the default, else the clinic's own rule pack. */
export function sourceTag<T>(current: T, defaults: T, reference: string): string {
  return canonical(current) === canonical(defaults) ? reference : 'clinic rule pack';
}

export function scoredItems(instrument: InstrumentDefinition, answers: Answers): ScoredItem[] {
  return answers.map((value, index) => ({ index, loinc: instrument.items[index]?.loinc ?? null, value }));
}

/** Sum over the items marked `scored`; blanks count 0 (only gated items may be blank). */
export function sumScored(instrument: InstrumentDefinition, answers: Answers): number {
  return answers.reduce<number>(
    (sum, value, index) => (instrument.items[index]?.scored === true ? sum + (value ?? 0) : sum),
    0,
  );
}

/** "PHQ-9 item 10 = 2 recorded, not scored" for each answered item that never enters the total. */
export function unscoredReasons(instrument: InstrumentDefinition, answers: Answers, tag: string): string[] {
  return answers.flatMap((value, index) => {
    const item = instrument.items[index];
    if (item === undefined || item.scored || value === null) return [];
    return [`${instrument.name} item ${item.number} = ${value} recorded, not scored (${tag})`];
  });
}

export interface SumScaleOptions {
  bands: readonly SeverityBand[] | null;
  positiveAt: number;
  /** Reference tag for the total and item rules, e.g. 'instruments.md §2'. */
  itemsTag: string;
  /** Reference tag for bands and cutoff (already resolved through `sourceTag`). */
  cutoffTag: string;
  /** What a positive screen means, appended to the cutoff reason ("give the full PHQ-9"). */
  positiveMeans?: string;
  /** Label for the cutoff when it depends on context ("for women"). */
  cutoffLabel?: string;
  /** Set when an item rule makes the screen positive whatever the total ("item 9 > 0"). */
  positiveByItem?: string;
}

export function scoreSumScale(
  instrument: InstrumentDefinition,
  answers: Answers,
  options: SumScaleOptions,
): ScreeningScore {
  const { name } = instrument;
  const total = sumScored(instrument, answers);
  const numbers = instrument.items.filter((item) => item.scored).map((item) => item.number);
  const reasons = [
    `${name} total ${total} = sum of items ${numbers[0] ?? ''}–${numbers[numbers.length - 1] ?? ''} (${options.itemsTag})`,
    ...unscoredReasons(instrument, answers, options.itemsTag),
  ];

  let severity: string | null = null;
  if (options.bands !== null) {
    const band = findBand(options.bands, total);
    severity = band?.severity ?? null;
    if (band !== undefined) {
      reasons.push(
        `${name} total ${total} in band ${formatRange(band)} → ${band.severity.replaceAll('_', ' ')} (${options.cutoffTag})`,
      );
    }
  }

  const byTotal = total >= options.positiveAt;
  const cutoff = `${options.positiveAt}${options.cutoffLabel === undefined ? '' : ` ${options.cutoffLabel}`}`;
  const means = options.positiveMeans === undefined ? '' : `; ${options.positiveMeans}`;
  if (byTotal) {
    reasons.push(`${name} total ${total} ≥ ${cutoff} → positive screen${means} (${options.cutoffTag})`);
  } else if (options.positiveByItem !== undefined) {
    reasons.push(
      `${name} total ${total} < ${cutoff}, but ${options.positiveByItem} → positive screen (${options.cutoffTag})`,
    );
  } else {
    reasons.push(`${name} total ${total} < ${cutoff} → negative screen (${options.cutoffTag})`);
  }
  const positive = byTotal || options.positiveByItem !== undefined;

  return {
    instrument: instrument.code,
    version: instrument.version,
    total,
    severity,
    positive,
    flags: [],
    reasons,
    loinc: { panel: instrument.loinc.panel, total: instrument.loinc.total },
    items: scoredItems(instrument, answers),
  };
}
