// InstrumentRules: the defaults parse, and bad clinic packs are rejected with paths an admin UI can show.
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_RULES, instrumentRulesSchema } from '../../../src/domain/instruments/index.js';

type Pack = Record<string, unknown> & typeof DEFAULT_INSTRUMENT_RULES;
const pack = (edit: (rules: Pack) => void): unknown => {
  const rules = structuredClone(DEFAULT_INSTRUMENT_RULES) as Pack;
  edit(rules);
  return rules;
};
const issues = (value: unknown) => {
  const result = instrumentRulesSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path, issue.message]);
};

describe('DEFAULT_INSTRUMENT_RULES', () => {
  it('parses and survives a JSON round trip', () => {
    expect(instrumentRulesSchema.parse(JSON.parse(JSON.stringify(DEFAULT_INSTRUMENT_RULES)))).toEqual(
      DEFAULT_INSTRUMENT_RULES,
    );
  });

  it.each([
    ['PHQ-9 positive at 10 (instruments.md §1)', DEFAULT_INSTRUMENT_RULES.phq9.positiveAt, 10],
    ['GAD-7 positive at 10 (instruments.md §1)', DEFAULT_INSTRUMENT_RULES.gad7.positiveAt, 10],
    ['PHQ-2 positive at 3 (instruments.md §4)', DEFAULT_INSTRUMENT_RULES.phq2.positiveAt, 3],
    ['GAD-2 positive at 3 (instruments.md §4)', DEFAULT_INSTRUMENT_RULES.gad2.positiveAt, 3],
    ['AUDIT-C men at 4 (instruments.md §5)', DEFAULT_INSTRUMENT_RULES.auditC.positiveAt.male, 4],
    ['AUDIT-C women at 3 (instruments.md §5)', DEFAULT_INSTRUMENT_RULES.auditC.positiveAt.female, 3],
    ['AUDIT-C assessment at 7 (instruments.md §5 [U])', DEFAULT_INSTRUMENT_RULES.auditC.assessmentAt, 7],
    ['PC-PTSD-5 positive at 3 (instruments.md §6)', DEFAULT_INSTRUMENT_RULES.pcPtsd5.positiveAt, 3],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('is frozen, so no caller can change the shared defaults', () => {
    expect(Object.isFrozen(DEFAULT_INSTRUMENT_RULES.phq9.bands[0])).toBe(true);
  });
});

describe('instrumentRulesSchema rejections', () => {
  it.each([
    [
      'PHQ-9 band gap',
      pack((r) => void (r.phq9.bands[2]!.min = 11)),
      [
        [
          ['phq9', 'bands', 2, 'min'],
          'gap: the previous band ends at 9, so this band must start at 10; starts at 11',
        ],
      ],
    ],
    [
      'PHQ-9 band overlap',
      pack((r) => void (r.phq9.bands[1]!.min = 4)),
      [[['phq9', 'bands', 1, 'min'], 'overlaps the previous band (ends at 4); must start at 5; starts at 4']],
    ],
    [
      'PHQ-9 first band not at 0',
      pack((r) => void (r.phq9.bands[0]!.min = 1)),
      [[['phq9', 'bands', 0, 'min'], 'first band must start at 0 (PHQ-9 minimum); starts at 1']],
    ],
    [
      'PHQ-9 last band short of 27',
      pack((r) => void (r.phq9.bands[4]!.max = 26)),
      [[['phq9', 'bands', 4, 'max'], 'last band must end at 27 (PHQ-9 maximum); ends at 26']],
    ],
    [
      'GAD-7 last band past 21',
      pack((r) => void (r.gad7.bands[3]!.max = 22)),
      [[['gad7', 'bands', 3, 'max'], 'last band must end at 21 (GAD-7 maximum); ends at 22']],
    ],
    [
      'PHQ-9 severity out of order',
      pack((r) => void (r.phq9.bands[1]!.severity = 'severe')),
      [
        [
          ['phq9', 'bands', 2, 'severity'],
          "severity labels must rise in the order none → mild → moderate → moderately_severe → severe; 'moderate' follows 'severe'",
        ],
      ],
    ],
    [
      'PHQ-9 empty band list',
      pack((r) => void (r.phq9.bands = [])),
      [[['phq9', 'bands'], 'PHQ-9 needs at least one severity band']],
    ],
    [
      'PHQ-9 cutoff past 27',
      pack((r) => void (r.phq9.positiveAt = 28)),
      [[['phq9', 'positiveAt'], 'PHQ-9 cutoff must be a whole number from 1 to 27']],
    ],
    [
      'PHQ-2 cutoff 0',
      pack((r) => void (r.phq2.positiveAt = 0)),
      [[['phq2', 'positiveAt'], 'PHQ-2 cutoff must be a whole number from 1 to 6']],
    ],
    [
      'AUDIT-C cutoff fraction',
      pack((r) => void (r.auditC.positiveAt.male = 3.5)),
      [[['auditC', 'positiveAt', 'male'], 'AUDIT-C cutoff must be a whole number from 1 to 12']],
    ],
    [
      'PC-PTSD-5 cutoff 5 (instruments.md §6: 3 or 4)',
      pack((r) => void ((r.pcPtsd5 as { positiveAt: number }).positiveAt = 5)),
      [[['pcPtsd5', 'positiveAt'], 'PC-PTSD-5 cutoff must be 3 or 4']],
    ],
  ])('%s', (_name, value, expected) => {
    expect(issues(value)).toEqual(expected);
  });

  it('rejects unknown keys and missing sections', () => {
    expect(issues(pack((r) => void (r.extra = 1)))[0]?.[0]).toEqual([]);
    expect(issues(pack((r) => void delete (r as Partial<Pack>).gad2))[0]?.[0]).toEqual(['gad2']);
  });
});
