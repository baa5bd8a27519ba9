// Public API of the screening instrument library: registry, answer validation and scoring.
import { buildAnswersSchema } from './answers.js';
import type { AnswersSchema } from './answers.js';
import { AUDIT_C } from './audit-c.js';
import { C_SSRS_SCREEN } from './c-ssrs-screen.js';
import { GAD2 } from './gad2.js';
import { GAD7 } from './gad7.js';
import { PC_PTSD_5 } from './pc-ptsd-5.js';
import { PHQ2 } from './phq2.js';
import { PHQ9 } from './phq9.js';
import { DEFAULT_INSTRUMENT_RULES } from './rules.js';
import type { Answers, Instrument, InstrumentCode, ScoreContext, ScreeningScore } from './types.js';

export { INSTRUMENT_CODES, SCREENING_FLAGS, SEXES } from './types.js';
export type {
  Answer,
  Answers,
  Instrument,
  InstrumentCode,
  InstrumentDefinition,
  ItemDefinition,
  ScoreContext,
  ScoredItem,
  ScreeningFlag,
  ScreeningScore,
  Sex,
} from './types.js';
export { DEFAULT_INSTRUMENT_RULES, instrumentRulesSchema } from './rules.js';
export type { InstrumentRules } from './rules.js';
export type { AnswersSchema } from './answers.js';
export { PHQ9_SEVERITIES, PHQ9_ITEM9_INDEX, PHQ9_ITEM9_POSITIVE_AT, isPhq9Item9Positive } from './phq9.js';
export type { Phq9Severity } from './phq9.js';
export { GAD7_SEVERITIES } from './gad7.js';
export type { Gad7Severity } from './gad7.js';
export { C_SSRS_LEVELS } from './c-ssrs-screen.js';
export type { CssrsLevel } from './c-ssrs-screen.js';

export const INSTRUMENTS: Readonly<Record<InstrumentCode, Instrument>> = {
  'phq-9': PHQ9,
  'phq-2': PHQ2,
  'gad-7': GAD7,
  'gad-2': GAD2,
  'audit-c': AUDIT_C,
  'pc-ptsd-5': PC_PTSD_5,
  'c-ssrs-screen': C_SSRS_SCREEN,
};

const schemas = new Map<InstrumentCode, AnswersSchema>();

/** Zod schema for an instrument's `answers` array; issue paths are 0-based answer positions. */
export function answersSchema(instrument: InstrumentCode): AnswersSchema {
  let schema = schemas.get(instrument);
  if (schema === undefined) {
    schema = buildAnswersSchema(INSTRUMENTS[instrument]);
    schemas.set(instrument, schema);
  }
  return schema;
}

/** Scores answers that already passed `answersSchema(instrument)`; `ctx.rules` defaults to the reference rules. */
export function scoreScreening(
  instrument: InstrumentCode,
  answers: Answers,
  ctx: ScoreContext,
): ScreeningScore {
  return INSTRUMENTS[instrument].score(answers, {
    sex: ctx.sex,
    rules: ctx.rules ?? DEFAULT_INSTRUMENT_RULES,
  });
}
