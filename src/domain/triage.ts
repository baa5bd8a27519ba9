// Turns a scored screening plus clinician-recorded red-line exclusions into one disposition with a due time.
import { addDays, dayOf, isTimeZone, startOfDay } from './calendar/index.js';
import { z } from 'zod';
import { deepFreeze } from './instruments/deep-freeze.js';
import { checkBandsTileRange, findBand, formatRange } from './instruments/bands.js';
import type { ScoreRange } from './instruments/bands.js';
import { C_SSRS_LEVELS } from './instruments/c-ssrs-screen.js';
import type { CssrsLevel } from './instruments/c-ssrs-screen.js';
import { GAD7 } from './instruments/gad7.js';
import { PHQ9, PHQ9_ITEM9_INDEX, isPhq9Item9Positive } from './instruments/phq9.js';
import { sourceTag } from './instruments/sum-scale.js';
import type { ScreeningScore } from './instruments/types.js';

export const DISPOSITIONS = [
  'none',
  'pcp_addresses',
  'offer_bh',
  'warm_handoff',
  'safety_protocol',
  'administer_full_instrument',
  'refer_external',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * Most urgent first. Suicide risk always wins (instruments.md §2, §7; clinic workflow article §2:
 * intent with plan means the safety protocol, not routine scheduling); red-line exclusions leave the
 * in-clinic pathways (workflow article §2), then the score-driven pathways by urgency (article §3.2).
 */
export const DISPOSITION_PRIORITY = [
  'safety_protocol',
  'refer_external',
  'warm_handoff',
  'administer_full_instrument',
  'offer_bh',
  'pcp_addresses',
  'none',
] as const satisfies readonly Disposition[];

// ---------------------------------------------------------------------------------------------------
// Rule-set schema. Clinics store it as JSON and admins edit it, so every message says what to fix.

const MAX_HOURS = 720;
const MAX_DAYS = 365;
const DUE_HELP = `due must be 'same_day', { "hours": 1–${MAX_HOURS} }, { "days": 1–${MAX_DAYS} } or null`;

/** `same_day`: end of the local day; hours: exact elapsed time; days: end of the local day n days later. */
export type Due = 'same_day' | { hours: number } | { days: number } | null;

export const dueSchema = z
  .union(
    [
      z.literal('same_day'),
      z.strictObject({ hours: z.number() }),
      z.strictObject({ days: z.number() }),
      z.null(),
    ],
    { error: DUE_HELP },
  )
  .superRefine((due, ctx) => {
    if (due === null || due === 'same_day') return;
    const [unit, value, max] =
      'hours' in due ? ['hours', due.hours, MAX_HOURS] : ['days', due.days, MAX_DAYS];
    if (!Number.isInteger(value) || value < 1 || value > max) {
      ctx.addIssue({
        code: 'custom',
        path: [unit],
        message: `${unit} must be a whole number from 1 to ${max}`,
      });
    }
  });

const dispositionSchema = z.enum(DISPOSITIONS, {
  error: `disposition must be one of ${DISPOSITIONS.join(', ')}`,
});

/** `none` never has a due time; everything but `none` and `pcp_addresses` needs one. */
function checkAction(action: { disposition: Disposition; due: Due }, ctx: z.RefinementCtx): void {
  if (action.disposition === 'none' && action.due !== null) {
    ctx.addIssue({ code: 'custom', path: ['due'], message: "'none' takes no due time; set due to null" });
  }
  if (action.disposition !== 'none' && action.disposition !== 'pcp_addresses' && action.due === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['due'],
      message: `${action.disposition} needs a due time: 'same_day', { "hours": n } or { "days": n }`,
    });
  }
}

const actionSchema = z
  .strictObject({ disposition: dispositionSchema, due: dueSchema })
  .superRefine(checkAction);

/** Suicide-risk rules cannot be routed elsewhere; only their due time is editable. */
const safetyActionSchema = z
  .strictObject({
    disposition: z.literal('safety_protocol', {
      error: "must be 'safety_protocol': a suicide-risk screen always starts the safety protocol",
    }),
    due: dueSchema,
  })
  .superRefine(checkAction);

const scoreInt = z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' });

function bandsSchema(name: string, range: ScoreRange) {
  const band = z
    .strictObject({ min: scoreInt, max: scoreInt, disposition: dispositionSchema, due: dueSchema })
    .superRefine(checkAction);
  return z
    .array(band)
    .min(1, { error: `${name} needs at least one band` })
    .superRefine((bands, ctx) => checkBandsTileRange(bands, range, name, ctx));
}

const screenSchema = z.strictObject({ positive: actionSchema, negative: actionSchema });

const exclusionActionFields = {
  disposition: z.enum(['refer_external', 'safety_protocol'], {
    error: "a red-line exclusion routes to 'refer_external' or 'safety_protocol'",
  }),
  due: dueSchema,
};

const exclusionSchema = z
  .strictObject({
    label: z.string().trim().min(1, { error: 'label is required' }).max(200),
    ...exclusionActionFields,
  })
  .superRefine(checkAction);

const EXCLUSION_CODE = /^[a-z][a-z0-9_]{0,63}$/;
const EXCLUSION_CODE_HELP = 'exclusion codes are lower-case snake_case (a–z, 0–9, _), at most 64 characters';

function totalRange(instrument: { name: string; totalRange: ScoreRange | null }): ScoreRange {
  if (instrument.totalRange === null) throw new Error(`${instrument.name} has no score range`);
  return instrument.totalRange;
}

export const triageRulesSchema = z.strictObject({
  phq9: z.strictObject({ item9: safetyActionSchema, bands: bandsSchema('PHQ-9', totalRange(PHQ9)) }),
  gad7: z.strictObject({ bands: bandsSchema('GAD-7', totalRange(GAD7)) }),
  phq2: screenSchema,
  gad2: screenSchema,
  auditC: screenSchema,
  pcPtsd5: screenSchema,
  cSsrs: z.strictObject({
    negative: actionSchema,
    low: safetyActionSchema,
    moderate: safetyActionSchema,
    high: safetyActionSchema,
  }),
  exclusions: z.record(z.string().regex(EXCLUSION_CODE), exclusionSchema, {
    error: (issue) => (issue.code === 'invalid_key' ? EXCLUSION_CODE_HELP : undefined),
  }),
  /** Applies to a recorded exclusion the rule set does not list, so clinician input is never dropped. */
  unlistedExclusion: z.strictObject(exclusionActionFields).superRefine(checkAction),
});

export type TriageRules = z.infer<typeof triageRulesSchema>;

const sameDaySafety = () => ({ disposition: 'safety_protocol', due: 'same_day' }) as const;
const none = () => ({ disposition: 'none', due: null }) as const;

export const DEFAULT_TRIAGE_RULES: TriageRules = deepFreeze<TriageRules>({
  phq9: {
    // instruments.md §2: item 9 > 0 → same-day risk assessment and safety planning; wins over any band.
    item9: sameDaySafety(),
    // Clinic workflow article §3.2: 5–9 PCP addresses; 10–14 offer BH, scheduled within 1–2 weeks;
    // ≥ 15 warm handoff today, else scheduled within 72 hours.
    bands: [
      { min: 0, max: 4, ...none() },
      { min: 5, max: 9, disposition: 'pcp_addresses', due: null },
      { min: 10, max: 14, disposition: 'offer_bh', due: { days: 14 } },
      { min: 15, max: 27, disposition: 'warm_handoff', due: { hours: 72 } },
    ],
  },
  // Careloop default: mirrors the PHQ-9 edges at 10 and 15 (workflow article §3.2), which are also the
  // GAD-7 moderate and severe band edges (instruments.md §1).
  gad7: {
    bands: [
      { min: 0, max: 4, ...none() },
      { min: 5, max: 9, disposition: 'pcp_addresses', due: null },
      { min: 10, max: 14, disposition: 'offer_bh', due: { days: 14 } },
      { min: 15, max: 21, disposition: 'warm_handoff', due: { hours: 72 } },
    ],
  },
  // instruments.md §4: a positive PHQ-2 / GAD-2 leads to the full instrument; given at the same visit.
  phq2: { positive: { disposition: 'administer_full_instrument', due: 'same_day' }, negative: none() },
  gad2: { positive: { disposition: 'administer_full_instrument', due: 'same_day' }, negative: none() },
  // Careloop default: a positive AUDIT-C or PC-PTSD-5 is offered BH like PHQ-9 10–14 (workflow article §3.2).
  auditC: { positive: { disposition: 'offer_bh', due: { days: 14 } }, negative: none() },
  pcPtsd5: { positive: { disposition: 'offer_bh', due: { days: 14 } }, negative: none() },
  // instruments.md §7: any yes → assess; even "low" calls for safety planning as indicated.
  cSsrs: { negative: none(), low: sameDaySafety(), moderate: sameDaySafety(), high: sameDaySafety() },
  // Clinic workflow article §2 (red-line exclusions and Tier 3). The article gives no referral times:
  // "urgent" maps to same day; the others borrow the article's 72-hour and 2-week windows (§3.2).
  exclusions: {
    suicidal_intent_with_plan: { label: 'Active suicidal intent with plan', ...sameDaySafety() },
    psychosis_or_mania: {
      label: 'New-onset psychosis or mania',
      disposition: 'refer_external',
      due: 'same_day',
    },
    severe_substance_use_disorder: {
      label:
        'Severe substance use disorder needing specialty care (e.g. IV drug use with frequent overdoses)',
      disposition: 'refer_external',
      due: { hours: 72 },
    },
    severe_eating_disorder: {
      label: 'Active severe eating disorder (BMI < 17 or rapidly falling)',
      disposition: 'refer_external',
      due: { hours: 72 },
    },
    serious_mental_illness: {
      label: 'Serious mental illness needing specialty care (e.g. bipolar I, schizophrenia)',
      disposition: 'refer_external',
      due: { days: 14 },
    },
    high_risk_ptsd: {
      label: 'High-risk PTSD or complex trauma',
      disposition: 'refer_external',
      due: { days: 14 },
    },
  },
  unlistedExclusion: { disposition: 'refer_external', due: 'same_day' },
});

// ---------------------------------------------------------------------------------------------------
// Evaluation.

export interface TriageInput {
  score: ScreeningScore;
  administeredAt: Date;
  /** IANA zone of the clinic; "same day" and day counts follow its calendar. */
  timeZone: string;
  /** Clinician-recorded red-line exclusion codes (keys of `rules.exclusions`). */
  exclusions?: readonly string[];
}

export interface TriageResult {
  disposition: Disposition;
  reasons: string[];
  /** Every rule that fired, the deciding rule first. */
  rulesFired: string[];
  dueBy: Date | null;
}

interface Candidate {
  rule: string;
  disposition: Disposition;
  due: Due;
  reason: string;
}

const ARTICLE_3_2 = 'workflow article §3.2';
const ARTICLE_2 = 'workflow article §2';
const CARELOOP_DEFAULT = 'Careloop default';

function dueText(due: Due): string {
  if (due === null) return 'no due time';
  if (due === 'same_day') return 'due by end of day';
  return 'hours' in due ? `due within ${due.hours} hours` : `due within ${due.days} days`;
}

function candidate(rule: string, what: string, action: { disposition: Disposition; due: Due }, tag: string) {
  const due = action.disposition === 'none' ? '' : `, ${dueText(action.due)}`;
  return { rule, ...action, reason: `${what} → ${action.disposition}${due} (${tag})` };
}

function bandCandidates(
  key: 'phq9' | 'gad7',
  name: string,
  score: ScreeningScore,
  bands: TriageRules['phq9']['bands'],
  tag: string,
): Candidate[] {
  const band = score.total === null ? undefined : findBand(bands, score.total);
  if (band === undefined) {
    // instruments.md §2: a total only when every item is answered; without one, ask again today.
    return [
      candidate(
        `${key}.total_unusable`,
        `${name} total ${score.total ?? 'missing'} matches no band`,
        { disposition: 'administer_full_instrument', due: 'same_day' },
        'instruments.md §2',
      ),
    ];
  }
  return [
    candidate(
      `${key}.band.${band.min}-${band.max}`,
      `${name} total ${score.total} in band ${formatRange(band)}`,
      band,
      tag,
    ),
  ];
}

function screenCandidate(
  key: 'phq2' | 'gad2' | 'auditC' | 'pcPtsd5',
  name: string,
  score: ScreeningScore,
  rules: TriageRules,
  reference: string,
): Candidate {
  const outcome = score.positive ? 'positive' : 'negative';
  return candidate(
    `${key.toLowerCase()}.${outcome}`,
    `${name} ${outcome} screen${score.total === null ? '' : ` (total ${score.total})`}`,
    rules[key][outcome],
    sourceTag(rules[key], DEFAULT_TRIAGE_RULES[key], reference),
  );
}

function cssrsLevel(score: ScreeningScore): CssrsLevel | null {
  const level = C_SSRS_LEVELS.find((l) => l === score.severity);
  // A positive screen without a recognised level is read as the highest: the conservative choice.
  return level ?? (score.positive ? 'high' : null);
}

function instrumentCandidates(score: ScreeningScore, rules: TriageRules): Candidate[] {
  const tagFor = <K extends keyof TriageRules>(key: K, reference: string): string =>
    sourceTag(rules[key], DEFAULT_TRIAGE_RULES[key], reference);
  switch (score.instrument) {
    case 'phq-9': {
      const item9 = score.items[PHQ9_ITEM9_INDEX]?.value ?? null;
      // instruments.md §2: read item 9 itself, so the alert never depends on the total.
      const ideation = isPhq9Item9Positive(item9) || score.flags.includes('suicidal_ideation');
      const safety = ideation
        ? [
            candidate(
              'phq9.item9',
              item9 === null ? 'PHQ-9 suicidal-ideation flag' : `PHQ-9 item 9 = ${item9} (suicidal ideation)`,
              rules.phq9.item9,
              sourceTag(rules.phq9.item9, DEFAULT_TRIAGE_RULES.phq9.item9, 'instruments.md §2'),
            ),
          ]
        : [];
      const bandTag = sourceTag(rules.phq9.bands, DEFAULT_TRIAGE_RULES.phq9.bands, ARTICLE_3_2);
      return [...safety, ...bandCandidates('phq9', 'PHQ-9', score, rules.phq9.bands, bandTag)];
    }
    case 'gad-7':
      return bandCandidates('gad7', 'GAD-7', score, rules.gad7.bands, tagFor('gad7', CARELOOP_DEFAULT));
    case 'phq-2':
      return [screenCandidate('phq2', 'PHQ-2', score, rules, 'instruments.md §4')];
    case 'gad-2':
      return [screenCandidate('gad2', 'GAD-2', score, rules, 'instruments.md §4')];
    case 'audit-c':
      return [screenCandidate('auditC', 'AUDIT-C', score, rules, CARELOOP_DEFAULT)];
    case 'pc-ptsd-5':
      return [screenCandidate('pcPtsd5', 'PC-PTSD-5', score, rules, CARELOOP_DEFAULT)];
    case 'c-ssrs-screen': {
      const level = cssrsLevel(score);
      const tag = tagFor('cSsrs', 'instruments.md §7');
      return level === null
        ? [candidate('cssrs.negative', 'C-SSRS screen negative', rules.cSsrs.negative, tag)]
        : [candidate(`cssrs.${level}`, `C-SSRS screen positive, ${level} risk`, rules.cSsrs[level], tag)];
    }
  }
}

function exclusionCandidates(exclusions: readonly string[], rules: TriageRules): Candidate[] {
  const codes = [...new Set(exclusions.map((code) => code.trim()).filter((code) => code !== ''))];
  return codes.map((code) => {
    const listed = Object.hasOwn(rules.exclusions, code) ? rules.exclusions[code] : undefined;
    if (listed === undefined) {
      return candidate(
        'exclusion.unlisted',
        `Exclusion '${code}' is not in the clinic rule set, so it is treated as a red line`,
        rules.unlistedExclusion,
        sourceTag(rules.unlistedExclusion, DEFAULT_TRIAGE_RULES.unlistedExclusion, CARELOOP_DEFAULT),
      );
    }
    const { label, ...action } = listed;
    const fallback = Object.hasOwn(DEFAULT_TRIAGE_RULES.exclusions, code)
      ? DEFAULT_TRIAGE_RULES.exclusions[code]
      : undefined;
    const tag = fallback === undefined ? 'clinic rule pack' : sourceTag(listed, fallback, ARTICLE_2);
    return candidate(`exclusion.${code}`, `Red-line exclusion: ${label}`, action, tag);
  });
}

/** When `due` falls due for a screening given at `administeredAt`, in the clinic's calendar. */
export function resolveDue(due: Due, administeredAt: Date, timeZone: string): Date | null {
  if (due === null) return null;
  if (due !== 'same_day' && 'hours' in due) return new Date(administeredAt.getTime() + due.hours * 3_600_000);
  const days = due === 'same_day' ? 0 : due.days;
  // The last millisecond of the clinic day `days` after the screening's own clinic day.
  return new Date(startOfDay(addDays(dayOf(administeredAt, timeZone), days + 1), timeZone).getTime() - 1);
}

function assertInput(input: TriageInput): void {
  if (Number.isNaN(input.administeredAt.getTime())) {
    throw new RangeError('administeredAt is not a valid date');
  }
  if (!isTimeZone(input.timeZone)) throw new RangeError(`Unknown IANA time zone: '${input.timeZone}'`);
}

/**
 * Every rule that applies fires; the most urgent disposition wins (DISPOSITION_PRIORITY), and among
 * rules reaching that disposition the earliest due time counts. Expects `rules` parsed by `triageRulesSchema`.
 */
export function triage(input: TriageInput, rules: TriageRules): TriageResult {
  assertInput(input);
  const rank = (disposition: Disposition): number => DISPOSITION_PRIORITY.indexOf(disposition);
  const fired = [
    ...instrumentCandidates(input.score, rules),
    ...exclusionCandidates(input.exclusions ?? [], rules),
  ]
    .map((c, order) => ({ ...c, order, at: resolveDue(c.due, input.administeredAt, input.timeZone) }))
    .sort((a, b) => rank(a.disposition) - rank(b.disposition) || a.order - b.order);
  const winner = fired[0];
  if (winner === undefined) throw new Error('triage: no rule fired'); // every instrument has a catch-all rule
  const earlier = (a: Date | null, b: Date | null): boolean => a !== null && (b === null || a < b);
  const chosen = fired
    .filter((c) => c.disposition === winner.disposition)
    .reduce((best, c) => (earlier(c.at, best.at) ? c : best), winner);
  const others = [
    ...new Set(fired.filter((c) => c.disposition !== winner.disposition).map((c) => c.disposition)),
  ];
  const summary =
    `Disposition ${winner.disposition} from rule ${chosen.rule}` +
    (others.length > 0 ? `; it outranks ${others.join(', ')}` : '');
  const rulesFired = [...new Set([chosen.rule, ...fired.map((c) => c.rule)])];
  return {
    disposition: winner.disposition,
    reasons: [...fired.map((c) => c.reason), summary],
    rulesFired,
    dueBy: chosen.at,
  };
}
