// The default registry rule pack: every threshold with its source, and schema validation of clinic packs.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGISTRY_RULES,
  registryRulesEditSchema,
  registryRulesSchema,
} from '../../../src/domain/registry/rules.js';

const rules = DEFAULT_REGISTRY_RULES;

describe('DEFAULT_REGISTRY_RULES', () => {
  it.each([
    ['baseline window 14 days (mbc.md §2)', rules.baseline.windowDays, 14],
    ['not improving after 70 days (mbc.md §3, §8)', rules.notImproving.minDaysInTreatment, 70],
    ['not improving below a 50 % reduction (mbc.md §8)', rules.notImproving.minReductionPercent, 50],
    ['elevated baseline ≥ 10 (mbc.md §2)', rules.notImproving.elevatedBaselineMin, 10],
    ['not improving while latest ≥ 10 (mbc.md §8)', rules.notImproving.latestAtLeast, 10],
    ['PHQ-9 item 9 ≥ 1 is a safety risk (mbc.md §8)', rules.safety.phq9Item9AtLeast, 1],
    ['no contact > 30 days while active (mbc.md §8)', rules.noContactDays.active, 30],
    ['no contact > 45 days in relapse prevention (mbc.md §8)', rules.noContactDays.relapsePrevention, 45],
    ['measurement overdue after 30 days (mbc.md §8)', rules.measurementOverdueDays, 30],
    ['first follow-up within 28 days (mbc.md §3)', rules.followUpWithinDays, 28],
    ['remission below 5 (mbc.md §2)', rules.readyForRelapsePrevention.remissionBelow, 5],
    ['sustained response over 28 days (mbc.md §8)', rules.readyForRelapsePrevention.sustainedDays, 28],
    ['minutes at risk after day 15 (mbc.md §8)', rules.minutesAtRisk.afterDayOfMonth, 15],
    ['inactive after 6 months (billing.md §2.2)', rules.inactiveMonths, 6],
    ['recommendation acknowledged within 7 days (local default)', rules.recommendationAckDays, 7],
    ['caseload capacity 80 (mbc.md §4)', rules.caseload.capacity, 80],
    ['relapse when the latest score is ≥ 10 again (mbc.md §2, §8)', rules.relapse.latestAtLeast, 10],
    ['relapse when less than 50 % below baseline (mbc.md §2)', rules.relapse.responseReductionPercent, 50],
    ['relapse judges response from a baseline ≥ 10 (mbc.md §2)', rules.relapse.elevatedBaselineMin, 10],
    [
      'unreachable after 3 outreach attempts (mbc.md §1, §7; local default)',
      rules.unreachable.attemptsAtLeast,
      3,
    ],
    ['review overdue after 4 weeks (mbc.md §4, §9; local default)', rules.reviewOverdueWeeks, 4],
  ])('default: %s', (_rule, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('default: C-SSRS moderate and high are safety risks (mbc.md §8), the AIMS norm is Medicaid/behavioral-only (mbc.md §4)', () => {
    expect(rules.safety.cssrsLevels).toEqual(['moderate', 'high']);
    expect(rules.caseload.aimsNorm).toBe('medicaid_behavioral_only');
    expect(rules.version).toMatch(/\S/);
  });

  it.each([
    ['an unknown key (a typo must not be silently ignored)', { ...rules, noContactDay: 30 }],
    ['a zero-day threshold', { ...rules, measurementOverdueDays: 0 }],
    ['a fractional day count', { ...rules, followUpWithinDays: 27.5 }],
    [
      'a reduction above 100 %',
      { ...rules, notImproving: { ...rules.notImproving, minReductionPercent: 120 } },
    ],
    ['an empty version', { ...rules, version: '' }],
    ['no C-SSRS level', { ...rules, safety: { ...rules.safety, cssrsLevels: [] } }],
    ['zero outreach attempts', { ...rules, unreachable: { attemptsAtLeast: 0 } }],
    ['a review cadence of half a week', { ...rules, reviewOverdueWeeks: 0.5 }],
  ])('a clinic pack is refused with %s', (_rule, pack) => {
    expect(registryRulesSchema.safeParse(pack).success).toBe(false);
  });

  it('a pack saved before relapse, unreachable and review_overdue existed takes their defaults', () => {
    const { relapse: _r, unreachable: _u, reviewOverdueWeeks: _w, ...saved } = rules;
    const parsed = registryRulesSchema.parse(saved);
    expect(parsed.relapse).toEqual(rules.relapse);
    expect(parsed.unreachable).toEqual({ attemptsAtLeast: 3 });
    expect(parsed.reviewOverdueWeeks).toBe(4);
  });

  it('a clinic pack with changed thresholds parses', () => {
    const pack = {
      ...rules,
      version: 'clinic-a-2026.2',
      noContactDays: { active: 21, relapsePrevention: 35 },
    };
    expect(registryRulesSchema.parse(pack)).toEqual(pack);
  });
});

describe('a clinic edit may make the safety flag stricter, never drop it (instruments.md §2)', () => {
  const withItem9 = (phq9Item9AtLeast: number) => ({
    ...rules,
    safety: { ...rules.safety, phq9Item9AtLeast },
  });
  it.each([
    [0, true, 'item 9 ≥ 0 flags every answered item 9: stricter than the rule'],
    [1, true, 'item 9 ≥ 1 is the rule itself (any answer above "Not at all")'],
    [2, false, 'item 9 ≥ 2 would drop the flag of an item 9 = 1 that starts the safety protocol'],
    [3, false, 'item 9 ≥ 3 would drop the flags of 1 and 2'],
  ])('phq9Item9AtLeast %i → saved %s (%s)', (threshold, saved) => {
    expect(registryRulesEditSchema.safeParse(withItem9(threshold)).success).toBe(saved);
  });

  it('the refusal names the field and the reason', () => {
    const result = registryRulesEditSchema.safeParse(withItem9(2));
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'safety.phq9Item9AtLeast',
        'must be at most 1: a PHQ-9 item 9 answer of 1 or more starts the safety protocol (instruments.md §2), so its safety flag cannot be dropped',
      ],
    ]);
  });

  it('a looser rule set stored before this check still loads (the flag ignores the looser part)', () => {
    expect(registryRulesSchema.safeParse(withItem9(3)).success).toBe(true);
  });
});
