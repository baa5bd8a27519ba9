// Consent as CMS asks, withdrawal, re-consent after a practitioner change and the initiating visit (billing.md §1).
// (Inpatient time is in counting.test.ts.)
import { describe, expect, it } from 'vitest';
import {
  billMonth,
  consentForMonth,
  isWithdrawnAt,
  MEDICARE_2025,
  withdrawnSpans,
} from '../../../src/domain/billing/index.js';
import type { ConsentRecord, InitiatingVisitFacts } from '../../../src/domain/billing/index.js';
import { billed, subsequentMonth } from './fixtures.js';

const zone = 'America/Chicago';
const at = (iso: string) => new Date(iso);
const explained = { costSharingExplained: true, consultationExplained: true };
const consent = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  obtainedAt: at('2025-09-03T15:00:00Z'),
  ...explained,
  ...overrides,
});

describe('consent records what CMS asks the patient be told (billing.md §1)', () => {
  it.each([
    [
      'both explained',
      consent(),
      null,
      'billing.md §1: service, cost sharing and consultation explained → billable',
    ],
    [
      'cost sharing not recorded (older record)',
      consent({ costSharingExplained: undefined }),
      'does not record that cost sharing (deductible and coinsurance) was explained',
      'billing.md §1: cost sharing applies and must be explained',
    ],
    [
      'cost sharing explicitly not explained',
      consent({ costSharingExplained: false }),
      'does not record that cost sharing',
      'billing.md §1: cost sharing applies and must be explained',
    ],
    [
      'consultation not recorded',
      consent({ consultationExplained: null }),
      'does not record that consultation with specialists (the psychiatric consultant) was explained',
      'billing.md §1: permission to consult specialists',
    ],
  ])('%s → %s', (_name, record, reason, _rule) => {
    const result = billMonth(subsequentMonth({ consent: record, countedMinutes: 45 }), MEDICARE_2025);
    if (reason === null) expect(billed(result)).toBe('99493×1');
    else {
      expect(result.lines).toEqual([]);
      expect(result.skipped?.reason).toContain(reason);
    }
  });

  it('names both missing elements when neither is recorded', () => {
    const result = billMonth(
      subsequentMonth({ consent: { obtainedAt: at('2025-09-03T15:00:00Z') }, countedMinutes: 45 }),
      MEDICARE_2025,
    );
    expect(result.skipped?.reason).toContain('cost sharing');
    expect(result.skipped?.reason).toContain('consultation with specialists');
  });
});

describe('a new billing practitioner needs consent again (billing.md §1)', () => {
  it.each([
    ['no change since the episode began', null, consent(), null],
    [
      'changed 2025-10-10, consent from September',
      at('2025-10-10T15:00:00Z'),
      consent(),
      'the billing practitioner changed on 2025-10-10 and the consent on file (2025-09-03) predates it',
    ],
    [
      'changed 2025-10-10, consent again on 2025-10-12',
      at('2025-10-10T15:00:00Z'),
      consent({ obtainedAt: at('2025-10-12T15:00:00Z') }),
      null,
    ],
    [
      'changed and consented the same instant',
      at('2025-10-10T15:00:00Z'),
      consent({ obtainedAt: at('2025-10-10T15:00:00Z') }),
      null,
    ],
  ])('%s → %s', (_name, since, record, reason) => {
    const result = billMonth(
      subsequentMonth({ consent: record, billingPractitionerSince: since, countedMinutes: 45 }),
      MEDICARE_2025,
    );
    if (reason === null) expect(billed(result)).toBe('99493×1');
    else expect(result.skipped?.reason).toContain(reason);
  });
});

describe('the consent that governs a month (billing.md §1)', () => {
  const first = consent({ obtainedAt: at('2025-03-03T15:00:00Z'), withdrawnAt: at('2025-06-10T15:00:00Z') });
  const second = consent({ obtainedAt: at('2025-09-20T15:00:00Z') });
  it.each([
    ['2025-04', first, 'the only consent obtained before April ended'],
    ['2025-08', first, 'still the first (withdrawn) consent: the new one came later'],
    ['2025-09', second, 'the newest consent obtained before September ended'],
    ['2025-02', first, 'no consent yet: the first one, so the reason says it came after the month'],
  ])('%s → %j (%s)', (month, expected, _rule) => {
    expect(consentForMonth([second, first], month, zone)).toBe(expected);
  });

  it('no consent at all → null', () => {
    expect(consentForMonth([], '2025-04', zone)).toBeNull();
  });
});

describe('withdrawal stops minutes counting from its time until a new consent (billing.md §1)', () => {
  const consents = [
    consent({ obtainedAt: at('2025-03-03T15:00:00Z'), withdrawnAt: at('2025-06-10T15:00:00Z') }),
    consent({ obtainedAt: at('2025-09-20T15:00:00Z') }),
  ];
  const spans = withdrawnSpans(consents);
  it.each([
    ['2025-03-01T15:00:00Z', false, 'before the first consent: outreach toward enrollment counts'],
    ['2025-06-10T14:59:59Z', false, 'a second before the withdrawal'],
    ['2025-06-10T15:00:00Z', true, 'the instant of the withdrawal'],
    ['2025-08-01T15:00:00Z', true, 'between withdrawal and new consent'],
    ['2025-09-20T15:00:00Z', false, 'from the new consent on'],
  ])('%s → withdrawn %s (%s)', (instant, expected, _rule) => {
    expect(isWithdrawnAt(spans, at(instant))).toBe(expected);
  });

  it('a withdrawal with no later consent lasts', () => {
    expect(withdrawnSpans([consents[0]!])).toEqual([{ from: at('2025-06-10T15:00:00Z'), until: null }]);
  });
});

describe('the initiating visit (billing.md §1)', () => {
  const visit = (overrides: Partial<InitiatingVisitFacts> = {}): InitiatingVisitFacts => ({
    date: '2025-08-20',
    type: 'em',
    byBillingPractitioner: true,
    ...overrides,
  });
  it.each([
    ['E/M visit by the billing practitioner before the episode', visit(), null],
    ['an AWV counts as the initiating visit', visit({ type: 'awv' }), null],
    ['an IPPE counts as the initiating visit', visit({ type: 'ippe' }), null],
    ['a visit during the billed month', visit({ date: '2025-10-31' }), null],
    [
      '12 months before the episode month (2024-09-01) is still within reach',
      visit({ date: '2024-09-01' }),
      null,
    ],
    ['none recorded', null, 'no initiating visit recorded'],
    [
      'a visit with another practitioner',
      visit({ byBillingPractitioner: false }),
      'the initiating visit on 2025-08-20 was with another practitioner',
    ],
    [
      'a visit after the month',
      visit({ date: '2025-11-01' }),
      'the initiating visit on 2025-11-01 is after 2025-10',
    ],
    [
      'more than 12 months before the episode began',
      visit({ date: '2024-08-31' }),
      'the initiating visit on 2024-08-31 is more than 12 months before the episode began (2025-09)',
    ],
  ])('%s → %s', (_name, initiatingVisit, reason) => {
    const result = billMonth(subsequentMonth({ initiatingVisit, countedMinutes: 45 }), MEDICARE_2025);
    if (reason === null) expect(billed(result)).toBe('99493×1');
    else {
      expect(result.lines).toEqual([]);
      expect(result.skipped?.reason).toContain(reason);
    }
  });
});
