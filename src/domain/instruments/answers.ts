// Builds the zod schema for an instrument's answers array from its definition, with clinician-readable messages.
import { z } from 'zod';
import type { Instrument } from './types.js';

export type AnswersSchema = z.ZodArray<z.ZodNullable<z.ZodNumber>>;

export function rangeMessage(min: number, max: number): string {
  return min === 0 && max === 1 ? 'must be 0 (no) or 1 (yes)' : `must be an integer from ${min} to ${max}`;
}

/**
 * Paths are 0-based array indexes so a UI can point at the offending answer. The count check runs
 * even when single answers are invalid, so a short list is reported together with its bad values;
 * blank and skip-logic checks need a complete, individually valid list and run only then.
 */
export function buildAnswersSchema(instrument: Instrument): AnswersSchema {
  const { min, max } = instrument.answerRange;
  const message = rangeMessage(min, max);
  const maxCount = instrument.items.length;
  const countOk = (n: number): boolean => n >= instrument.requiredCount && n <= maxCount;
  const element = z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message })
    .nullable();

  return z
    .array(element, { error: `${instrument.name} answers must be a list` })
    .superRefine(
      (answers, ctx) => {
        if (!countOk(answers.length)) {
          ctx.addIssue({
            code: 'custom',
            path: [],
            message: `${instrument.name} takes ${instrument.countText}; got ${answers.length}`,
          });
        }
      },
      { when: (payload) => Array.isArray(payload.value) },
    )
    .superRefine((answers, ctx) => {
      if (!countOk(answers.length)) return;
      const report = (index: number, text: string): void => {
        ctx.addIssue({ code: 'custom', path: [index], message: text });
      };
      answers.forEach((answer, index) => {
        if (answer === null && !instrument.blankAllowed.includes(index)) report(index, 'must be answered');
      });
      instrument.checkAnswers?.(answers, report);
    });
}
