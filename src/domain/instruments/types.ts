// Shared vocabulary of the instrument library: instrument codes, answers, definitions and score results.
import type { InstrumentRules } from './rules.js';

export const INSTRUMENT_CODES = [
  'phq-9',
  'phq-2',
  'gad-7',
  'gad-2',
  'audit-c',
  'pc-ptsd-5',
  'c-ssrs-screen',
] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

/** One answer as its ordinal value; `null` only where the instrument allows a skipped item. */
export type Answer = number | null;
export type Answers = readonly Answer[];

/** Sex for clinical use, as recorded on the patient; drives the AUDIT-C cutoff. */
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * Flags a score can raise, each backed by the reference:
 * - `suicidal_ideation`: PHQ-9 item 9 > 0 whatever the total (instruments.md §2), or any yes on the
 *   C-SSRS screen (instruments.md §1, §7).
 * - `suicidal_behavior`: C-SSRS item 6 = yes, lifetime suicidal behaviour (instruments.md §7).
 * - `alcohol_assessment_needed`: AUDIT-C at or above the assessment threshold, default 7
 *   (instruments.md §5, tagged [U] there, so it is a rule-pack setting).
 * - `alcohol_item1_only`: positive AUDIT-C where items 2 and 3 are 0, probably drinking within limits;
 *   review recent intake (instruments.md §5).
 */
export const SCREENING_FLAGS = [
  'suicidal_ideation',
  'suicidal_behavior',
  'alcohol_assessment_needed',
  'alcohol_item1_only',
] as const;
export type ScreeningFlag = (typeof SCREENING_FLAGS)[number];

/** One answered position; `index` is the 0-based position in the answers array (as in issue paths). */
export interface ScoredItem {
  index: number;
  loinc: string | null;
  value: number | null;
}

export interface ScreeningScore {
  instrument: InstrumentCode;
  version: string;
  /** Sum score; null for instruments that yield a level rather than a number (C-SSRS). */
  total: number | null;
  severity: string | null;
  positive: boolean;
  flags: ScreeningFlag[];
  reasons: string[];
  /** `total` is the code of the summary observation: for C-SSRS that is the risk level (`severity`). */
  loinc: { panel: string | null; total: string | null };
  items: ScoredItem[];
}

export interface ScoreContext {
  sex: Sex;
  rules?: InstrumentRules;
}

/** Context after defaults are applied; what each instrument's scorer receives. */
export interface ResolvedScoreContext {
  sex: Sex;
  rules: InstrumentRules;
}

export interface ItemDefinition {
  /** Item number as printed on the form ('9', '10', '6b', 'exposure'). */
  readonly number: string;
  readonly loinc: string | null;
  /** False for items that are recorded but never enter the score (difficulty items, the PC-PTSD-5 gate). */
  readonly scored: boolean;
  /** Skip logic: the item is asked only when the answer at 0-based position `item` is `is`. */
  readonly askedWhen?: { readonly item: number; readonly is: number };
}

/** An instrument as data: what the answers look like and how they map to codes. */
export interface InstrumentDefinition {
  readonly code: InstrumentCode;
  /** Display name used in messages and reasons. */
  readonly name: string;
  /** Version of this scoring definition; bump when items, codes or scoring change. */
  readonly version: string;
  /** Required items first, then the optional trailing ones. */
  readonly items: readonly ItemDefinition[];
  readonly requiredCount: number;
  /** Every answer position shares one ordinal range. */
  readonly answerRange: { readonly min: number; readonly max: number };
  /** Positions (0-based) where a blank (`null`) can be valid; the instrument's cross-item check decides when. */
  readonly blankAllowed: readonly number[];
  /** How many answers it takes, completing "<name> takes …; got n". */
  readonly countText: string;
  readonly loinc: { readonly panel: string | null; readonly total: string | null };
  /** Range of the total, for instruments that have one. */
  readonly totalRange: { readonly min: number; readonly max: number } | null;
}

export interface Instrument extends InstrumentDefinition {
  /** Cross-item answer rules (skip logic); called only when every answer is individually valid. */
  readonly checkAnswers?: (answers: Answers, report: (index: number, message: string) => void) => void;
  readonly score: (answers: Answers, ctx: ResolvedScoreContext) => ScreeningScore;
}
