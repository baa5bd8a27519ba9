// answersSchema: accepted answer formats and every rejection with its 0-based path and clinician-facing message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTRUMENT_CODES, answersSchema } from '../../../src/domain/instruments/index.js';
import type { InstrumentCode } from '../../../src/domain/instruments/index.js';

const R03 = 'must be an integer from 0 to 3';
const R04 = 'must be an integer from 0 to 4';
const YN = 'must be 0 (no) or 1 (yes)';
const PHQ9_COUNT = 'PHQ-9 takes 9 answers (a 10th, the unscored difficulty item, is optional)';
const GAD7_COUNT = 'GAD-7 takes 7 answers (an 8th, the unscored difficulty item, is optional)';
const CSSRS_COUNT =
  "C-SSRS screen takes 6 answers (items 1–6; a 7th, item 6b 'within the past 3 months', is optional)";

function issues(instrument: InstrumentCode, answers: unknown) {
  const result = answersSchema(instrument).safeParse(answers);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path, issue.message]);
}

describe('answersSchema accepts the public answer formats', () => {
  it.each([
    ['PHQ-9: 9 answers (instruments.md §2)', 'phq-9', [0, 1, 2, 3, 0, 1, 2, 3, 0]],
    ['PHQ-9: 10th difficulty answer (instruments.md §2)', 'phq-9', [0, 1, 2, 3, 0, 1, 2, 3, 0, 3]],
    ['PHQ-9: 10th difficulty left blank (instruments.md §2)', 'phq-9', [0, 0, 0, 0, 0, 0, 0, 0, 0, null]],
    ['PHQ-2: 2 answers (instruments.md §4)', 'phq-2', [3, 3]],
    ['GAD-7: 7 answers (instruments.md §3)', 'gad-7', [3, 3, 3, 3, 3, 3, 3]],
    ['GAD-7: 8th difficulty answer (instruments.md §1)', 'gad-7', [3, 3, 3, 3, 3, 3, 3, 2]],
    ['GAD-2: 2 answers (instruments.md §4)', 'gad-2', [0, 0]],
    ['AUDIT-C: 3 answers 0–4 (instruments.md §5)', 'audit-c', [4, 4, 4]],
    ['PC-PTSD-5: no trauma, items blank (instruments.md §6)', 'pc-ptsd-5', [0, null, null, null, null, null]],
    ['PC-PTSD-5: no trauma, items 0 (instruments.md §6)', 'pc-ptsd-5', [0, 0, 0, 0, 0, 0]],
    ['PC-PTSD-5: trauma, all items (instruments.md §6)', 'pc-ptsd-5', [1, 1, 0, 1, 0, 1]],
    ['C-SSRS: item 2 no, 3–5 skipped (instruments.md §7)', 'c-ssrs-screen', [1, 0, null, null, null, 0]],
    ['C-SSRS: item 2 no, 3–5 answered 0 (instruments.md §7)', 'c-ssrs-screen', [1, 0, 0, 0, 0, 0]],
    ['C-SSRS: item 2 yes, 3–5 answered (instruments.md §7)', 'c-ssrs-screen', [1, 1, 1, 0, 1, 0]],
    ['C-SSRS: item 6 yes with 6b (instruments.md §7)', 'c-ssrs-screen', [0, 0, null, null, null, 1, 0]],
    [
      'C-SSRS: item 6 no with 6b blank (instruments.md §7)',
      'c-ssrs-screen',
      [0, 0, null, null, null, 0, null],
    ],
  ] as const)('%s', (_name, instrument, answers) => {
    expect(issues(instrument, answers)).toEqual([]);
  });

  it('accepts every PHQ-9 answer list of 9 or 10 integers 0–3 (instruments.md §2)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 10 }), (answers) => {
        expect(answersSchema('phq-9').safeParse(answers).success).toBe(true);
      }),
    );
  });
});

describe('answersSchema rejections', () => {
  it.each([
    ['PHQ-9 count: 8 answers', 'phq-9', [0, 0, 0, 0, 0, 0, 0, 0], [[[], `${PHQ9_COUNT}; got 8`]]],
    ['PHQ-9 count: 11 answers', 'phq-9', Array(11).fill(0), [[[], `${PHQ9_COUNT}; got 11`]]],
    ['PHQ-9 count: empty', 'phq-9', [], [[[], `${PHQ9_COUNT}; got 0`]]],
    ['PHQ-9 not a list', 'phq-9', { 0: 1 }, [[[], 'PHQ-9 answers must be a list']]],
    [
      'PHQ-9 range: 9th answer 4 (0–3, instruments.md §0)',
      'phq-9',
      [0, 0, 0, 0, 0, 0, 0, 0, 4],
      [[[8], R03]],
    ],
    ['PHQ-9 range: negative', 'phq-9', [-1, 0, 0, 0, 0, 0, 0, 0, 0], [[[0], R03]]],
    ['PHQ-9 range: fraction', 'phq-9', [0, 1.5, 0, 0, 0, 0, 0, 0, 0], [[[1], R03]]],
    ['PHQ-9 range: text', 'phq-9', [0, 0, '2', 0, 0, 0, 0, 0, 0], [[[2], R03]]],
    [
      'PHQ-9 blank item 9 (instruments.md §2: total only when all 9 answered)',
      'phq-9',
      [0, 0, 0, 0, 0, 0, 0, 0, null],
      [[[8], 'must be answered']],
    ],
    ['PHQ-9 difficulty out of range', 'phq-9', [0, 0, 0, 0, 0, 0, 0, 0, 0, 4], [[[9], R03]]],
    [
      'PHQ-9 short list and a bad value: both reported',
      'phq-9',
      [0, 9, 0],
      [
        [[1], R03],
        [[], `${PHQ9_COUNT}; got 3`],
      ],
    ],
    ['PHQ-2 count: 3 answers', 'phq-2', [0, 0, 0], [[[], 'PHQ-2 takes 2 answers; got 3']]],
    ['PHQ-2 range', 'phq-2', [0, 4], [[[1], R03]]],
    ['GAD-7 count: 6 answers', 'gad-7', [0, 0, 0, 0, 0, 0], [[[], `${GAD7_COUNT}; got 6`]]],
    ['GAD-7 count: 9 answers', 'gad-7', Array(9).fill(0), [[[], `${GAD7_COUNT}; got 9`]]],
    ['GAD-7 difficulty out of range', 'gad-7', [0, 0, 0, 0, 0, 0, 0, 5], [[[7], R03]]],
    ['GAD-2 range', 'gad-2', [-1, 0], [[[0], R03]]],
    ['GAD-2 count', 'gad-2', [0], [[[], 'GAD-2 takes 2 answers; got 1']]],
    ['AUDIT-C range 0–4 (instruments.md §5)', 'audit-c', [0, 5, 0], [[[1], R04]]],
    ['AUDIT-C count', 'audit-c', [0, 0], [[[], 'AUDIT-C takes 3 answers; got 2']]],
    ['AUDIT-C blank', 'audit-c', [0, null, 0], [[[1], 'must be answered']]],
    [
      'PC-PTSD-5 count',
      'pc-ptsd-5',
      [1, 1, 1, 1, 1],
      [[[], 'PC-PTSD-5 takes 6 answers (trauma exposure, then items 1–5); got 5']],
    ],
    ['PC-PTSD-5 yes/no only', 'pc-ptsd-5', [1, 2, 0, 0, 0, 0], [[[1], YN]]],
    ['PC-PTSD-5 gate blank', 'pc-ptsd-5', [null, 0, 0, 0, 0, 0], [[[0], 'must be answered']]],
    [
      'PC-PTSD-5 no trauma but item yes (instruments.md §6)',
      'pc-ptsd-5',
      [0, 0, 1, null, null, null],
      [[[2], 'must be 0 or blank when trauma exposure (first answer) is no']],
    ],
    [
      'PC-PTSD-5 trauma but item blank (instruments.md §6)',
      'pc-ptsd-5',
      [1, 0, 0, null, 0, 0],
      [[[3], 'must be answered when trauma exposure is yes']],
    ],
    ['C-SSRS count: 5 answers', 'c-ssrs-screen', [0, 0, 0, 0, 0], [[[], `${CSSRS_COUNT}; got 5`]]],
    ['C-SSRS count: 8 answers', 'c-ssrs-screen', Array(8).fill(0), [[[], `${CSSRS_COUNT}; got 8`]]],
    ['C-SSRS yes/no only', 'c-ssrs-screen', [0, 0, 0, 0, 0, 2], [[[5], YN]]],
    ['C-SSRS item 1 blank', 'c-ssrs-screen', [null, 0, null, null, null, 0], [[[0], 'must be answered']]],
    ['C-SSRS item 2 blank', 'c-ssrs-screen', [0, null, null, null, null, 0], [[[1], 'must be answered']]],
    ['C-SSRS item 6 blank', 'c-ssrs-screen', [0, 0, null, null, null, null], [[[5], 'must be answered']]],
    [
      'C-SSRS item 3 yes while item 2 no (instruments.md §7 skip logic)',
      'c-ssrs-screen',
      [1, 0, 1, null, null, 0],
      [[[2], 'item 3 is asked only when item 2 is yes; leave it blank or 0']],
    ],
    [
      'C-SSRS item 5 yes while item 2 no (instruments.md §7 skip logic)',
      'c-ssrs-screen',
      [1, 0, 0, 0, 1, 0],
      [[[4], 'item 5 is asked only when item 2 is yes; leave it blank or 0']],
    ],
    [
      'C-SSRS item 2 yes, items 3–5 blank (instruments.md §7 skip logic)',
      'c-ssrs-screen',
      [1, 1, null, null, null, 0],
      [
        [[2], 'must be answered because item 2 is yes'],
        [[3], 'must be answered because item 2 is yes'],
        [[4], 'must be answered because item 2 is yes'],
      ],
    ],
    [
      'C-SSRS 6b yes while item 6 no (instruments.md §7 skip logic)',
      'c-ssrs-screen',
      [0, 0, null, null, null, 0, 1],
      [[[6], 'item 6b is asked only when item 6 is yes; leave it blank or 0']],
    ],
  ] as const)('%s', (_name, instrument, answers, expected) => {
    expect(issues(instrument, answers)).toEqual(expected);
  });
});

it('has a schema for every instrument code', () => {
  for (const code of INSTRUMENT_CODES) expect(answersSchema(code)).toBe(answersSchema(code));
});
