// C-SSRS Screen (recent) as data: six yes/no items with skip logic, mapped to a low/moderate/high risk level.
import { scoredItems } from './sum-scale.js';
import type { Answers, Instrument, ScreeningFlag } from './types.js';

export const C_SSRS_LEVELS = ['low', 'moderate', 'high'] as const;
export type CssrsLevel = (typeof C_SSRS_LEVELS)[number];

/** 0-based positions: items 1–6, then the optional 6b follow-up. */
const ITEM = { wish: 0, thoughts: 1, method: 2, intent: 3, plan: 4, behavior: 5, recent: 6 } as const;
const ASKED_IF_THOUGHTS = [ITEM.method, ITEM.intent, ITEM.plan];
const TAG = 'instruments.md §7';

/** instruments.md §1, §7: any yes on items 1–6 makes the screen positive. */
export const isCssrsYes = (answer: number | null | undefined): boolean => answer === 1;

interface Finding {
  level: CssrsLevel;
  reason: string;
}

/**
 * instruments.md §7 risk levels [U there, confirm against the current Columbia version]:
 * low = yes to 1 and/or 2 only; moderate = yes to 3, or 6 more than 3 months ago;
 * high = yes to 4 or 5, or 6 within the past 3 months.
 */
function findings(answers: Answers): Finding[] {
  const yes = (index: number): boolean => isCssrsYes(answers[index]);
  const out: Finding[] = [];
  if (yes(ITEM.wish)) out.push({ level: 'low', reason: 'item 1 (wish to be dead) = yes → low' });
  if (yes(ITEM.thoughts)) out.push({ level: 'low', reason: 'item 2 (thoughts of killing self) = yes → low' });
  if (yes(ITEM.method))
    out.push({ level: 'moderate', reason: 'item 3 (thought about how) = yes → moderate' });
  if (yes(ITEM.intent)) out.push({ level: 'high', reason: 'item 4 (some intention of acting) = yes → high' });
  if (yes(ITEM.plan))
    out.push({ level: 'high', reason: 'item 5 (plan, intends to carry it out) = yes → high' });
  if (yes(ITEM.behavior)) {
    const recent = answers[ITEM.recent] ?? null;
    if (recent === 1) {
      out.push({
        level: 'high',
        reason: 'item 6 (suicidal behaviour) = yes, within the past 3 months → high',
      });
    } else if (recent === 0) {
      out.push({
        level: 'moderate',
        reason: 'item 6 (suicidal behaviour) = yes, more than 3 months ago → moderate',
      });
    } else {
      // Unknown timing is treated as recent: the conservative reading.
      out.push({
        level: 'high',
        reason:
          'item 6 (suicidal behaviour) = yes, item 6b (within 3 months) not recorded → treated as recent → high',
      });
    }
  }
  return out;
}

export const C_SSRS_SCREEN: Instrument = {
  code: 'c-ssrs-screen',
  name: 'C-SSRS screen',
  version: '1.0.0',
  // Item codes [V], panel 93373-9 [P], risk-level observation 93374-7 [V]: instruments.md §7.
  items: [
    { number: '1', loinc: '93246-7', scored: true },
    { number: '2', loinc: '93247-5', scored: true },
    { number: '3', loinc: '93248-3', scored: true, askedWhen: { item: ITEM.thoughts, is: 1 } },
    { number: '4', loinc: '93249-1', scored: true, askedWhen: { item: ITEM.thoughts, is: 1 } },
    { number: '5', loinc: '93250-9', scored: true, askedWhen: { item: ITEM.thoughts, is: 1 } },
    { number: '6', loinc: '93267-3', scored: true },
    { number: '6b', loinc: '93269-9', scored: true, askedWhen: { item: ITEM.behavior, is: 1 } },
  ],
  requiredCount: 6,
  answerRange: { min: 0, max: 1 },
  blankAllowed: [...ASKED_IF_THOUGHTS, ITEM.recent],
  countText: "6 answers (items 1–6; a 7th, item 6b 'within the past 3 months', is optional)",
  loinc: { panel: '93373-9', total: '93374-7' },
  totalRange: null,
  // instruments.md §7: items 3–5 are asked only if item 2 = yes; 6b only if item 6 = yes.
  checkAnswers(answers, report) {
    const thoughts = answers[ITEM.thoughts] === 1;
    for (const index of ASKED_IF_THOUGHTS) {
      const value = answers[index] ?? null;
      if (!thoughts && value === 1) {
        report(index, `item ${index + 1} is asked only when item 2 is yes; leave it blank or 0`);
      }
      if (thoughts && value === null) report(index, 'must be answered because item 2 is yes');
    }
    if (answers[ITEM.behavior] !== 1 && answers[ITEM.recent] === 1) {
      report(ITEM.recent, 'item 6b is asked only when item 6 is yes; leave it blank or 0');
    }
  },
  score(answers) {
    const found = findings(answers);
    const rank = (level: CssrsLevel): number => C_SSRS_LEVELS.indexOf(level);
    const level = found.reduce<CssrsLevel | null>(
      (worst, f) => (worst === null || rank(f.level) > rank(worst) ? f.level : worst),
      null,
    );
    const flags: ScreeningFlag[] = [];
    // instruments.md §1: any yes → positive screen, assess; a positive screen is suicidal ideation or behaviour.
    if (level !== null) flags.push('suicidal_ideation');
    if (answers[ITEM.behavior] === 1) flags.push('suicidal_behavior');
    return {
      instrument: C_SSRS_SCREEN.code,
      version: C_SSRS_SCREEN.version,
      total: null,
      severity: level,
      positive: level !== null,
      flags,
      reasons:
        level === null
          ? [`C-SSRS screen: all answers no → negative screen (${TAG})`]
          : [
              ...found.map((f) => `C-SSRS ${f.reason} (${TAG})`),
              `C-SSRS screen positive → ${level} risk (${TAG})`,
            ],
      loinc: { panel: C_SSRS_SCREEN.loinc.panel, total: C_SSRS_SCREEN.loinc.total },
      items: scoredItems(C_SSRS_SCREEN, answers),
    };
  },
};
