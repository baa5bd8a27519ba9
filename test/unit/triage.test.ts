// Triage: every default rule and its due time, precedence, clinic-zone due dates, and rule-set validation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreScreening } from '../../src/domain/instruments/index.js';
import type { Answer, InstrumentCode, Sex } from '../../src/domain/instruments/index.js';
import {
  DEFAULT_TRIAGE_RULES,
  DISPOSITIONS,
  DISPOSITION_PRIORITY,
  triage,
  triageRulesSchema,
} from '../../src/domain/triage.js';
import type { TriageRules } from '../../src/domain/triage.js';
import { answersWithTotal, phq9Answers } from './instruments/fixtures.js';

const LA = 'America/Los_Angeles';
// Thursday 2026-01-15 09:00 PST (UTC−8).
const AT = new Date('2026-01-15T17:00:00Z');
const END_OF_DAY = '2026-01-16T07:59:59.999Z';
const IN_72_HOURS = '2026-01-18T17:00:00.000Z';
const IN_14_DAYS = '2026-01-30T07:59:59.999Z'; // end of 2026-01-29 in Los Angeles

function run(
  instrument: InstrumentCode,
  answers: Answer[],
  options: { sex?: Sex; exclusions?: string[]; at?: Date; rules?: TriageRules } = {},
) {
  const score = scoreScreening(instrument, answers, { sex: options.sex ?? 'unknown' });
  return triage(
    { score, administeredAt: options.at ?? AT, timeZone: LA, exclusions: options.exclusions ?? [] },
    options.rules ?? DEFAULT_TRIAGE_RULES,
  );
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('score-driven rules and due times (defaults)', () => {
  it.each([
    [
      'PHQ-9 band 0–4 floor: none (workflow article §3.2)',
      'phq-9',
      phq9Answers(0),
      'none',
      'phq9.band.0-4',
      null,
    ],
    [
      'PHQ-9 band edge 4→5, below: none (workflow article §3.2)',
      'phq-9',
      phq9Answers(4),
      'none',
      'phq9.band.0-4',
      null,
    ],
    [
      'PHQ-9 band edge 4→5, above: PCP addresses, no due (workflow article §3.2)',
      'phq-9',
      phq9Answers(5),
      'pcp_addresses',
      'phq9.band.5-9',
      null,
    ],
    [
      'PHQ-9 band edge 9→10, below: PCP addresses (workflow article §3.2)',
      'phq-9',
      phq9Answers(9),
      'pcp_addresses',
      'phq9.band.5-9',
      null,
    ],
    [
      'PHQ-9 band edge 9→10, above: offer BH within 14 days (workflow article §3.2)',
      'phq-9',
      phq9Answers(10),
      'offer_bh',
      'phq9.band.10-14',
      IN_14_DAYS,
    ],
    [
      'PHQ-9 band edge 14→15, below: offer BH (workflow article §3.2)',
      'phq-9',
      phq9Answers(14),
      'offer_bh',
      'phq9.band.10-14',
      IN_14_DAYS,
    ],
    [
      'PHQ-9 band edge 14→15, above: warm handoff within 72 h (workflow article §3.2)',
      'phq-9',
      phq9Answers(15),
      'warm_handoff',
      'phq9.band.15-27',
      IN_72_HOURS,
    ],
    [
      'PHQ-9 24 (highest without item 9): warm handoff (workflow article §3.2)',
      'phq-9',
      phq9Answers(24),
      'warm_handoff',
      'phq9.band.15-27',
      IN_72_HOURS,
    ],
    [
      'GAD-7 band 0–4 floor: none (mirrors PHQ-9, workflow article §3.2)',
      'gad-7',
      answersWithTotal(0, 7, 3),
      'none',
      'gad7.band.0-4',
      null,
    ],
    [
      'GAD-7 band edge 4→5, below: none (mirrors PHQ-9)',
      'gad-7',
      answersWithTotal(4, 7, 3),
      'none',
      'gad7.band.0-4',
      null,
    ],
    [
      'GAD-7 band edge 4→5, above: PCP addresses (mirrors PHQ-9)',
      'gad-7',
      answersWithTotal(5, 7, 3),
      'pcp_addresses',
      'gad7.band.5-9',
      null,
    ],
    [
      'GAD-7 band edge 9→10, below: PCP addresses (mirrors PHQ-9)',
      'gad-7',
      answersWithTotal(9, 7, 3),
      'pcp_addresses',
      'gad7.band.5-9',
      null,
    ],
    [
      'GAD-7 band edge 9→10, above: offer BH within 14 days (mirrors PHQ-9)',
      'gad-7',
      answersWithTotal(10, 7, 3),
      'offer_bh',
      'gad7.band.10-14',
      IN_14_DAYS,
    ],
    [
      'GAD-7 band edge 14→15, below: offer BH (mirrors PHQ-9)',
      'gad-7',
      answersWithTotal(14, 7, 3),
      'offer_bh',
      'gad7.band.10-14',
      IN_14_DAYS,
    ],
    [
      'GAD-7 band edge 14→15, above: warm handoff within 72 h (mirrors PHQ-9)',
      'gad-7',
      answersWithTotal(15, 7, 3),
      'warm_handoff',
      'gad7.band.15-21',
      IN_72_HOURS,
    ],
    [
      'GAD-7 ceiling 21: warm handoff (mirrors PHQ-9)',
      'gad-7',
      answersWithTotal(21, 7, 3),
      'warm_handoff',
      'gad7.band.15-21',
      IN_72_HOURS,
    ],
    ['PHQ-2 edge 2→3, below: none (instruments.md §4)', 'phq-2', [1, 1], 'none', 'phq2.negative', null],
    [
      'PHQ-2 edge 2→3, above: full PHQ-9 today (instruments.md §4)',
      'phq-2',
      [2, 1],
      'administer_full_instrument',
      'phq2.positive',
      END_OF_DAY,
    ],
    ['GAD-2 edge 2→3, below: none (instruments.md §4)', 'gad-2', [2, 0], 'none', 'gad2.negative', null],
    [
      'GAD-2 edge 2→3, above: full GAD-7 today (instruments.md §4)',
      'gad-2',
      [3, 0],
      'administer_full_instrument',
      'gad2.positive',
      END_OF_DAY,
    ],
    ['AUDIT-C negative: none (Careloop default)', 'audit-c', [1, 1, 0], 'none', 'auditc.negative', null],
    [
      'AUDIT-C positive: offer BH within 14 days (Careloop default)',
      'audit-c',
      [1, 1, 1],
      'offer_bh',
      'auditc.positive',
      IN_14_DAYS,
    ],
    [
      'PC-PTSD-5 edge 2→3, below: none (Careloop default)',
      'pc-ptsd-5',
      [1, 1, 1, 0, 0, 0],
      'none',
      'pcptsd5.negative',
      null,
    ],
    [
      'PC-PTSD-5 edge 2→3, above: offer BH within 14 days (Careloop default)',
      'pc-ptsd-5',
      [1, 1, 1, 1, 0, 0],
      'offer_bh',
      'pcptsd5.positive',
      IN_14_DAYS,
    ],
    [
      'C-SSRS negative: none (instruments.md §7)',
      'c-ssrs-screen',
      [0, 0, null, null, null, 0],
      'none',
      'cssrs.negative',
      null,
    ],
    [
      'C-SSRS low: safety protocol today (instruments.md §7)',
      'c-ssrs-screen',
      [1, 0, null, null, null, 0],
      'safety_protocol',
      'cssrs.low',
      END_OF_DAY,
    ],
    [
      'C-SSRS moderate: safety protocol today (instruments.md §7)',
      'c-ssrs-screen',
      [1, 1, 1, 0, 0, 0],
      'safety_protocol',
      'cssrs.moderate',
      END_OF_DAY,
    ],
    [
      'C-SSRS high: safety protocol today (instruments.md §7)',
      'c-ssrs-screen',
      [1, 1, 0, 1, 0, 0],
      'safety_protocol',
      'cssrs.high',
      END_OF_DAY,
    ],
  ] as const)('%s', (_name, instrument, answers, disposition, rule, dueBy) => {
    const result = run(instrument, [...answers]);
    expect(result.disposition).toBe(disposition);
    expect(result.rulesFired).toEqual([rule]);
    expect(iso(result.dueBy)).toBe(dueBy);
    expect(result.reasons.at(-1)).toBe(`Disposition ${disposition} from rule ${rule}`);
  });

  it('AUDIT-C triage follows the sex-specific cutoff of the score (instruments.md §5)', () => {
    expect(run('audit-c', [1, 1, 1], { sex: 'male' }).disposition).toBe('none');
    expect(run('audit-c', [1, 1, 1], { sex: 'female' }).disposition).toBe('offer_bh');
  });
});

describe('PHQ-9 item 9 wins over any band (instruments.md §2)', () => {
  it.each([
    ['item 9 = 1, total 1 (band 0–4)', phq9Answers(1, 1), ['phq9.item9', 'phq9.band.0-4']],
    ['item 9 = 1, total 9 (band 5–9)', phq9Answers(9, 1), ['phq9.item9', 'phq9.band.5-9']],
    ['item 9 = 2, total 12 (band 10–14)', phq9Answers(12, 2), ['phq9.item9', 'phq9.band.10-14']],
    ['item 9 = 3, total 27 (band 15–27)', phq9Answers(27, 3), ['phq9.item9', 'phq9.band.15-27']],
  ])('%s → safety protocol, due end of day', (_name, answers, rulesFired) => {
    const result = run('phq-9', answers);
    expect(result.disposition).toBe('safety_protocol');
    expect(result.rulesFired).toEqual(rulesFired);
    expect(iso(result.dueBy)).toBe(END_OF_DAY);
    expect(result.reasons[0]).toMatch(
      /^PHQ-9 item 9 = \d \(suicidal ideation\) → safety_protocol, due by end of day \(instruments\.md §2\)$/,
    );
  });

  it('property: item 9 > 0 always yields safety_protocol, whatever the answers, bands, zone or exclusions', () => {
    const zones = [
      'America/Los_Angeles',
      'America/New_York',
      'Pacific/Honolulu',
      'Europe/London',
      'UTC',
      'Asia/Kolkata',
    ];
    const dispositions = DISPOSITIONS.filter((d) => d !== 'none');
    const cutPoints = fc
      .uniqueArray(fc.integer({ min: 1, max: 27 }), { maxLength: 5 })
      .map((cuts) => cuts.sort((a, b) => a - b));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        cutPoints,
        fc.array(fc.constantFrom(...dispositions), { minLength: 6, maxLength: 6 }),
        fc.subarray([...Object.keys(DEFAULT_TRIAGE_RULES.exclusions), 'not_in_the_pack']),
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (first8, item9, difficulty, cuts, picks, exclusions, at, timeZone) => {
          const starts = [0, ...cuts];
          const bands = starts.map((min, i) => ({
            min,
            max: (starts[i + 1] ?? 28) - 1,
            disposition: picks[i] ?? 'offer_bh',
            due: { days: 1 },
          }));
          const rules = triageRulesSchema.parse({
            ...DEFAULT_TRIAGE_RULES,
            phq9: { ...DEFAULT_TRIAGE_RULES.phq9, bands },
          });
          const answers = [...first8, item9, ...(difficulty === undefined ? [] : [difficulty])];
          const score = scoreScreening('phq-9', answers, { sex: 'unknown' });
          const result = triage({ score, administeredAt: at, timeZone, exclusions }, rules);
          expect(result.disposition).toBe('safety_protocol');
          expect(result.rulesFired).toContain('phq9.item9');
          expect(score.flags).toContain('suicidal_ideation');
        },
      ),
    );
  });
});

describe('red-line exclusions (workflow article §2)', () => {
  it.each([
    [
      'active suicidal intent with plan → safety protocol today',
      'suicidal_intent_with_plan',
      'safety_protocol',
      END_OF_DAY,
    ],
    [
      'new-onset psychosis or mania → urgent external referral today',
      'psychosis_or_mania',
      'refer_external',
      END_OF_DAY,
    ],
    [
      'severe SUD needing specialty care → referral within 72 h',
      'severe_substance_use_disorder',
      'refer_external',
      IN_72_HOURS,
    ],
    [
      'severe eating disorder → referral within 72 h',
      'severe_eating_disorder',
      'refer_external',
      IN_72_HOURS,
    ],
    [
      'serious mental illness (Tier 3) → referral within 14 days',
      'serious_mental_illness',
      'refer_external',
      IN_14_DAYS,
    ],
    ['high-risk PTSD (Tier 3) → referral within 14 days', 'high_risk_ptsd', 'refer_external', IN_14_DAYS],
  ])('%s', (_name, code, disposition, dueBy) => {
    const result = run('phq-9', phq9Answers(0), { exclusions: [code] });
    expect(result.disposition).toBe(disposition);
    expect(result.rulesFired).toEqual([`exclusion.${code}`, 'phq9.band.0-4']);
    expect(iso(result.dueBy)).toBe(dueBy);
    expect(result.reasons[0]).toContain('(workflow article §2)');
  });

  it('an exclusion the rule set does not list still refers out today (conservative)', () => {
    const result = run('gad-7', answersWithTotal(3, 7, 3), { exclusions: ['typo_psychosis'] });
    expect(result).toMatchObject({
      disposition: 'refer_external',
      rulesFired: ['exclusion.unlisted', 'gad7.band.0-4'],
    });
    expect(iso(result.dueBy)).toBe(END_OF_DAY);
    expect(result.reasons[0]).toContain("'typo_psychosis' is not in the clinic rule set");
  });

  it('repeated and blank exclusion codes count once', () => {
    const result = run('phq-2', [0, 0], { exclusions: ['high_risk_ptsd', 'high_risk_ptsd', ' '] });
    expect(result.rulesFired).toEqual(['exclusion.high_risk_ptsd', 'phq2.negative']);
  });
});

describe('precedence: safety_protocol > refer_external > warm_handoff > administer_full_instrument > offer_bh > pcp_addresses > none', () => {
  it('exports the priority order', () => {
    expect(DISPOSITION_PRIORITY).toEqual([
      'safety_protocol',
      'refer_external',
      'warm_handoff',
      'administer_full_instrument',
      'offer_bh',
      'pcp_addresses',
      'none',
    ]);
    expect([...DISPOSITION_PRIORITY].sort()).toEqual([...DISPOSITIONS].sort());
  });

  it.each([
    [
      'item 9 beats a referral exclusion (instruments.md §2)',
      'phq-9',
      phq9Answers(3, 1),
      ['psychosis_or_mania'],
      'safety_protocol',
      'phq9.item9',
      END_OF_DAY,
    ],
    [
      'C-SSRS beats a referral exclusion (instruments.md §7)',
      'c-ssrs-screen',
      [1, 0, null, null, null, 0],
      ['severe_eating_disorder'],
      'safety_protocol',
      'cssrs.low',
      END_OF_DAY,
    ],
    [
      'intent-with-plan exclusion beats a negative PHQ-2 (workflow article §2)',
      'phq-2',
      [0, 0],
      ['suicidal_intent_with_plan'],
      'safety_protocol',
      'exclusion.suicidal_intent_with_plan',
      END_OF_DAY,
    ],
    [
      'referral beats warm handoff (workflow article §2)',
      'phq-9',
      phq9Answers(20),
      ['serious_mental_illness'],
      'refer_external',
      'exclusion.serious_mental_illness',
      IN_14_DAYS,
    ],
    [
      'referral beats administer full instrument',
      'gad-2',
      [3, 3],
      ['severe_substance_use_disorder'],
      'refer_external',
      'exclusion.severe_substance_use_disorder',
      IN_72_HOURS,
    ],
    [
      'referral beats offer BH',
      'audit-c',
      [4, 4, 4],
      ['high_risk_ptsd'],
      'refer_external',
      'exclusion.high_risk_ptsd',
      IN_14_DAYS,
    ],
    [
      'of two referrals, the earlier due time decides',
      'phq-9',
      phq9Answers(0),
      ['high_risk_ptsd', 'psychosis_or_mania'],
      'refer_external',
      'exclusion.psychosis_or_mania',
      END_OF_DAY,
    ],
  ] as const)('%s', (_name, instrument, answers, exclusions, disposition, decidingRule, dueBy) => {
    const result = run(instrument, [...answers], { exclusions: [...exclusions] });
    expect(result.disposition).toBe(disposition);
    expect(result.rulesFired[0]).toBe(decidingRule);
    expect(iso(result.dueBy)).toBe(dueBy);
  });

  it('cites the reference while a pack keeps the defaults, even with keys reordered by a JSON column', () => {
    const sortKeys = (_key: string, v: unknown) =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => b.localeCompare(a)))
        : v;
    const stored = triageRulesSchema.parse(JSON.parse(JSON.stringify(DEFAULT_TRIAGE_RULES, sortKeys)));
    expect(run('phq-9', phq9Answers(12), { rules: stored }).reasons[0]).toBe(
      'PHQ-9 total 12 in band 10–14 → offer_bh, due within 14 days (workflow article §3.2)',
    );
  });

  it('says what the winning rule outranks', () => {
    const result = run('phq-9', phq9Answers(20, 1), { exclusions: ['psychosis_or_mania'] });
    expect(result.reasons.at(-1)).toBe(
      'Disposition safety_protocol from rule phq9.item9; it outranks refer_external, warm_handoff',
    );
  });

  it('pcp_addresses carries a due time only when the clinic configures one (clinic rule pack)', () => {
    const rules = structuredClone(DEFAULT_TRIAGE_RULES) as TriageRules;
    rules.phq9.bands[1] = { min: 5, max: 9, disposition: 'pcp_addresses', due: { days: 30 } };
    const result = run('phq-9', phq9Answers(7), { rules });
    expect(result).toMatchObject({ disposition: 'pcp_addresses', rulesFired: ['phq9.band.5-9'] });
    expect(result.reasons[0]).toContain('(clinic rule pack)');
    expect(iso(result.dueBy)).toBe('2026-02-15T07:59:59.999Z');
  });
});

describe('due times in the clinic time zone (America/Los_Angeles)', () => {
  it.each([
    [
      'same day on the spring-forward day (2026-03-08, PDT after 02:00)',
      'phq-2',
      [3, 3],
      '2026-03-08T17:00:00Z',
      '2026-03-09T06:59:59.999Z',
    ],
    [
      'same day on the fall-back day (2026-11-01, PST after 02:00)',
      'phq-2',
      [3, 3],
      '2026-11-01T18:00:00Z',
      '2026-11-02T07:59:59.999Z',
    ],
    [
      'same day at 23:30 local (already the next UTC day) stays on the local day',
      'phq-2',
      [3, 3],
      '2026-01-16T07:30:00Z',
      '2026-01-16T07:59:59.999Z',
    ],
    ['same day at 00:10 local', 'phq-2', [3, 3], '2026-01-15T08:10:00Z', '2026-01-16T07:59:59.999Z'],
    [
      '14 days across spring-forward end on the local calendar day',
      'phq-9',
      phq9Answers(12),
      '2026-03-01T17:00:00Z',
      '2026-03-16T06:59:59.999Z',
    ],
    [
      '14 days from 23:30 local count from the local day',
      'phq-9',
      phq9Answers(12),
      '2026-01-16T07:30:00Z',
      '2026-01-30T07:59:59.999Z',
    ],
    [
      '72 hours across spring-forward are exact elapsed hours',
      'phq-9',
      phq9Answers(16),
      '2026-03-07T20:00:00Z',
      '2026-03-10T20:00:00.000Z',
    ],
    [
      '72 hours across fall-back are exact elapsed hours',
      'phq-9',
      phq9Answers(16),
      '2026-10-31T19:00:00Z',
      '2026-11-03T19:00:00.000Z',
    ],
  ] as const)('%s', (_name, instrument, answers, at, dueBy) => {
    expect(iso(run(instrument, [...answers], { at: new Date(at) }).dueBy)).toBe(dueBy);
  });

  it('rejects an unknown time zone and an invalid date', () => {
    const score = scoreScreening('phq-2', [0, 0], { sex: 'unknown' });
    expect(() =>
      triage({ score, administeredAt: AT, timeZone: 'Mars/Olympus' }, DEFAULT_TRIAGE_RULES),
    ).toThrow("Unknown IANA time zone: 'Mars/Olympus'");
    expect(() =>
      triage({ score, administeredAt: new Date('nope'), timeZone: LA }, DEFAULT_TRIAGE_RULES),
    ).toThrow('administeredAt is not a valid date');
  });
});

describe('triageRulesSchema', () => {
  type Rules = TriageRules & Record<string, unknown>;
  const pack = (edit: (rules: Rules) => void): unknown => {
    const rules = structuredClone(DEFAULT_TRIAGE_RULES) as Rules;
    edit(rules);
    return rules;
  };
  const issues = (value: unknown) => {
    const result = triageRulesSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => [issue.path, issue.message]);
  };
  const DUE_HELP = `due must be 'same_day', { "hours": 1–720 }, { "days": 1–365 } or null`;
  const setBand = (r: Rules, i: number, band: Partial<TriageRules['phq9']['bands'][number]>) => {
    r.phq9.bands[i] = { ...r.phq9.bands[i]!, ...band };
  };

  it('accepts the defaults, also after a JSON round trip', () => {
    expect(triageRulesSchema.parse(JSON.parse(JSON.stringify(DEFAULT_TRIAGE_RULES)))).toEqual(
      DEFAULT_TRIAGE_RULES,
    );
  });

  it.each([
    [
      'band gap',
      pack((r) => setBand(r, 2, { min: 11 })),
      [
        [
          ['phq9', 'bands', 2, 'min'],
          'gap: the previous band ends at 9, so this band must start at 10; starts at 11',
        ],
      ],
    ],
    [
      'band overlap',
      pack((r) => setBand(r, 3, { min: 14 })),
      [
        [
          ['phq9', 'bands', 3, 'min'],
          'overlaps the previous band (ends at 14); must start at 15; starts at 14',
        ],
      ],
    ],
    [
      'first band above 0',
      pack((r) => setBand(r, 0, { min: 2 })),
      [[['phq9', 'bands', 0, 'min'], 'first band must start at 0 (PHQ-9 minimum); starts at 2']],
    ],
    [
      'last band short of the PHQ-9 maximum',
      pack((r) => setBand(r, 3, { max: 26 })),
      [[['phq9', 'bands', 3, 'max'], 'last band must end at 27 (PHQ-9 maximum); ends at 26']],
    ],
    [
      'last band past the GAD-7 maximum',
      pack((r) => void (r.gad7.bands[3]!.max = 27)),
      [[['gad7', 'bands', 3, 'max'], 'last band must end at 21 (GAD-7 maximum); ends at 27']],
    ],
    [
      'band ending before it starts',
      pack((r) => setBand(r, 1, { min: 5, max: 4 })),
      [
        [['phq9', 'bands', 1, 'max'], 'band 5–4 is empty: max must be at least min (5)'],
        [
          ['phq9', 'bands', 2, 'min'],
          'gap: the previous band ends at 4, so this band must start at 5; starts at 10',
        ],
      ],
    ],
    [
      'no bands',
      pack((r) => void (r.gad7.bands = [])),
      [[['gad7', 'bands'], 'GAD-7 needs at least one band']],
    ],
    [
      'band edge not a whole number',
      pack((r) => setBand(r, 1, { max: 9.5 })),
      [[['phq9', 'bands', 1, 'max'], 'must be a whole number']],
    ],
    [
      'zero hours',
      pack((r) => setBand(r, 3, { due: { hours: 0 } })),
      [[['phq9', 'bands', 3, 'due', 'hours'], 'hours must be a whole number from 1 to 720']],
    ],
    [
      'negative days',
      pack((r) => setBand(r, 2, { due: { days: -1 } })),
      [[['phq9', 'bands', 2, 'due', 'days'], 'days must be a whole number from 1 to 365']],
    ],
    [
      'fractional days',
      pack((r) => void (r.auditC.positive.due = { days: 1.5 })),
      [[['auditC', 'positive', 'due', 'days'], 'days must be a whole number from 1 to 365']],
    ],
    [
      'unknown due unit',
      pack((r) => void ((r.pcPtsd5.positive as { due: unknown }).due = { weeks: 2 })),
      [[['pcPtsd5', 'positive', 'due'], DUE_HELP]],
    ],
    [
      'hours and days together',
      pack((r) => void ((r.pcPtsd5.positive as { due: unknown }).due = { hours: 1, days: 1 })),
      [[['pcPtsd5', 'positive', 'due'], DUE_HELP]],
    ],
    [
      'offer_bh without a due time',
      pack((r) => setBand(r, 2, { due: null })),
      [
        [
          ['phq9', 'bands', 2, 'due'],
          `offer_bh needs a due time: 'same_day', { "hours": n } or { "days": n }`,
        ],
      ],
    ],
    [
      'none with a due time',
      pack((r) => void (r.phq2.negative.due = 'same_day')),
      [[['phq2', 'negative', 'due'], "'none' takes no due time; set due to null"]],
    ],
    [
      'unknown disposition',
      pack((r) => void ((r.gad2.positive as { disposition: string }).disposition = 'urgent')),
      [[['gad2', 'positive', 'disposition'], `disposition must be one of ${DISPOSITIONS.join(', ')}`]],
    ],
    [
      'item 9 rerouted away from the safety protocol',
      pack((r) => void ((r.phq9.item9 as { disposition: string }).disposition = 'warm_handoff')),
      [
        [
          ['phq9', 'item9', 'disposition'],
          "must be 'safety_protocol': a suicide-risk screen always starts the safety protocol",
        ],
      ],
    ],
    [
      'item 9 without a due time',
      pack((r) => void ((r.phq9.item9 as { due: unknown }).due = null)),
      [
        [
          ['phq9', 'item9', 'due'],
          `safety_protocol needs a due time: 'same_day', { "hours": n } or { "days": n }`,
        ],
      ],
    ],
    [
      'C-SSRS high rerouted',
      pack((r) => void ((r.cSsrs.high as { disposition: string }).disposition = 'offer_bh')),
      [
        [
          ['cSsrs', 'high', 'disposition'],
          "must be 'safety_protocol': a suicide-risk screen always starts the safety protocol",
        ],
      ],
    ],
    [
      'exclusion code not snake_case',
      pack(
        (r) =>
          void (r.exclusions['Bad Code'] = { label: 'x', disposition: 'refer_external', due: 'same_day' }),
      ),
      [
        [
          ['exclusions', 'Bad Code'],
          'exclusion codes are lower-case snake_case (a–z, 0–9, _), at most 64 characters',
        ],
      ],
    ],
    [
      'exclusion routed in-clinic',
      pack(
        (r) =>
          void ((r.exclusions['high_risk_ptsd'] as { disposition: string }).disposition = 'warm_handoff'),
      ),
      [
        [
          ['exclusions', 'high_risk_ptsd', 'disposition'],
          "a red-line exclusion routes to 'refer_external' or 'safety_protocol'",
        ],
      ],
    ],
    [
      'exclusion without a label',
      pack((r) => void (r.exclusions['high_risk_ptsd']!.label = ' ')),
      [[['exclusions', 'high_risk_ptsd', 'label'], 'label is required']],
    ],
    [
      'exclusion without a due time',
      pack((r) => void (r.exclusions['high_risk_ptsd']!.due = null)),
      [
        [
          ['exclusions', 'high_risk_ptsd', 'due'],
          `refer_external needs a due time: 'same_day', { "hours": n } or { "days": n }`,
        ],
      ],
    ],
    [
      'unlisted-exclusion fallback without a due time',
      pack((r) => void (r.unlistedExclusion.due = null)),
      [
        [
          ['unlistedExclusion', 'due'],
          `refer_external needs a due time: 'same_day', { "hours": n } or { "days": n }`,
        ],
      ],
    ],
  ])('rejects %s', (_name, value, expected) => {
    expect(issues(value)).toEqual(expected);
  });

  it('rejects a missing section and an unknown key', () => {
    expect(issues(pack((r) => void delete (r as Partial<Rules>).cSsrs)).map(([path]) => path)).toEqual([
      ['cSsrs'],
    ]);
    expect(
      issues(pack((r) => void (r.phq9 = { ...r.phq9, extra: true } as never))).map(([path]) => path),
    ).toEqual([['phq9']]);
  });

  it('is frozen, so no caller can change the shared defaults', () => {
    expect(Object.isFrozen(DEFAULT_TRIAGE_RULES.phq9.bands[2]!.due)).toBe(true);
  });
});
