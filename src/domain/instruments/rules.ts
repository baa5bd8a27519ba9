// Clinic-editable instrument rules (bands and cutoffs) as a zod schema, with the reference defaults.
import { z } from 'zod';
import { AUDIT_C, AUDIT_C_DEFAULT_RULES } from './audit-c.js';
import { checkBandsTileRange } from './bands.js';
import { deepFreeze } from './deep-freeze.js';
import type { ScoreRange } from './bands.js';
import { GAD2, GAD2_DEFAULT_RULES } from './gad2.js';
import { GAD7, GAD7_DEFAULT_RULES, GAD7_SEVERITIES } from './gad7.js';
import { PC_PTSD_5_DEFAULT_RULES } from './pc-ptsd-5.js';
import { PHQ2, PHQ2_DEFAULT_RULES } from './phq2.js';
import { PHQ9, PHQ9_DEFAULT_RULES, PHQ9_SEVERITIES } from './phq9.js';

const scoreInt = z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' });

function rangeOf(instrument: { name: string; totalRange: ScoreRange | null }): ScoreRange {
  if (instrument.totalRange === null) throw new Error(`${instrument.name} has no score range`);
  return instrument.totalRange;
}

function cutoff(name: string, range: ScoreRange) {
  const message = `${name} cutoff must be a whole number from ${range.min + 1} to ${range.max}`;
  return z
    .number({ error: message })
    .int({ error: message })
    .min(range.min + 1, { error: message })
    .max(range.max, { error: message });
}

/** Severity bands must tile the score range and keep the public severity labels in ascending order. */
function severityBands<const S extends readonly [string, ...string[]]>(
  name: string,
  labels: S,
  range: ScoreRange,
) {
  const band = z.strictObject({ min: scoreInt, max: scoreInt, severity: z.enum(labels) });
  return z
    .array(band)
    .min(1, { error: `${name} needs at least one severity band` })
    .superRefine((bands, ctx) => {
      checkBandsTileRange(bands, range, name, ctx);
      bands.forEach((b, i) => {
        const previous = bands[i - 1];
        if (previous !== undefined && labels.indexOf(b.severity) <= labels.indexOf(previous.severity)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'severity'],
            message: `severity labels must rise in the order ${labels.join(' → ')}; '${b.severity}' follows '${previous.severity}'`,
          });
        }
      });
    });
}

const sexCutoffs = z.strictObject({
  male: cutoff('AUDIT-C', rangeOf(AUDIT_C)),
  female: cutoff('AUDIT-C', rangeOf(AUDIT_C)),
});

export const instrumentRulesSchema = z.strictObject({
  phq9: z.strictObject({
    bands: severityBands('PHQ-9', PHQ9_SEVERITIES, rangeOf(PHQ9)),
    positiveAt: cutoff('PHQ-9', rangeOf(PHQ9)),
  }),
  phq2: z.strictObject({ positiveAt: cutoff('PHQ-2', rangeOf(PHQ2)) }),
  gad7: z.strictObject({
    bands: severityBands('GAD-7', GAD7_SEVERITIES, rangeOf(GAD7)),
    positiveAt: cutoff('GAD-7', rangeOf(GAD7)),
  }),
  gad2: z.strictObject({ positiveAt: cutoff('GAD-2', rangeOf(GAD2)) }),
  auditC: z.strictObject({
    positiveAt: sexCutoffs,
    assessmentAt: cutoff('AUDIT-C assessment', rangeOf(AUDIT_C)),
  }),
  // instruments.md §6: 3 by default, 4 for higher specificity; nothing else is validated.
  pcPtsd5: z.strictObject({
    positiveAt: z.union([z.literal(3), z.literal(4)], { error: 'PC-PTSD-5 cutoff must be 3 or 4' }),
  }),
});

export type InstrumentRules = z.infer<typeof instrumentRulesSchema>;

/** Reference defaults; each section names its source next to the constant in the instrument's module. */
export const DEFAULT_INSTRUMENT_RULES: InstrumentRules = deepFreeze<InstrumentRules>({
  phq9: PHQ9_DEFAULT_RULES,
  phq2: PHQ2_DEFAULT_RULES,
  gad7: GAD7_DEFAULT_RULES,
  gad2: GAD2_DEFAULT_RULES,
  auditC: AUDIT_C_DEFAULT_RULES,
  pcPtsd5: PC_PTSD_5_DEFAULT_RULES,
});
