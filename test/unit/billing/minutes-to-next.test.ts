// Minutes still needed for the next code or unit: month preview and the registry's minutes-at-risk flag (measurement-based-care.md §8).
import { describe, expect, it } from 'vitest';
import {
  applyPayerOverride,
  billMonth,
  MEDICARE_2025,
  minutesToNext,
} from '../../../src/domain/billing/index.js';
import type { MinuteFacts } from '../../../src/domain/billing/index.js';

const subsequent = (countedMinutes: number): MinuteFacts => ({
  month: '2025-10',
  program: 'cocm',
  countedMinutes,
  priorServiceMonths: ['2025-09'],
  episodeStartMonth: '2025-09',
});
const initial = (countedMinutes: number): MinuteFacts => ({
  ...subsequent(countedMinutes),
  priorServiceMonths: [],
  episodeStartMonth: '2025-10',
});
const general = (countedMinutes: number, own = 0, credential: 'md' | 'lcsw' = 'md'): MinuteFacts => ({
  ...subsequent(countedMinutes),
  program: 'general_bhi',
  minutesByClass: { g0323PractitionerOwn: own },
  billingPractitionerCredential: credential,
});

describe('minutesToNext (billing.md §2.1, §3)', () => {
  it.each([
    ['25 minutes in a subsequent month → 6 more for 99493 (31)', subsequent(25), '99493', 1, 31, 6],
    ['nothing yet → G2214 at 16', subsequent(0), 'G2214', 1, 16, 16],
    ['G2214 reached → 99493 at 31', subsequent(16), '99493', 1, 31, 15],
    ['99493 reached → 99494 at 76', subsequent(31), '99494', 1, 76, 45],
    ['one add-on unit → the second at 106', subsequent(90), '99494', 2, 106, 16],
    ['initial month at 20 → 99492 at 36', initial(20), '99492', 1, 36, 16],
    ['initial month at 86 → second add-on unit at 116', initial(86), '99494', 2, 116, 30],
    ['general BHI staff time → 99484 at the full 20', general(12), '99484', 1, 20, 8],
    ['an LCSW billing practitioner’s own time → G0323 at 20', general(12, 12, 'lcsw'), 'G0323', 1, 20, 8],
    ['an LCSW bills: other staff time does not count for G0323', general(15, 5, 'lcsw'), 'G0323', 1, 20, 15],
    ['a physician bills: all staff time → 99484 at 20', general(15, 5), '99484', 1, 20, 5],
  ])('%s → %s ×%i at %i, %i more', (_rule, facts, code, units, atMinutes, minutesNeeded) => {
    expect(minutesToNext(facts, MEDICARE_2025)).toEqual({ code, units, atMinutes, minutesNeeded });
  });

  it.each([
    ['general BHI reached: once a month, no add-on', general(20)],
    ['month before the episode start', { ...subsequent(40), month: '2025-08' }],
  ])('%s → null', (_rule, facts) => {
    expect(minutesToNext(facts, MEDICARE_2025)).toBeNull();
  });

  it('null once a payer unit cap is reached', () => {
    const capped = applyPayerOverride(MEDICARE_2025, {
      id: 'nc',
      payer: 'medicaid',
      unitCaps: { '99494': 4 },
    });
    expect(minutesToNext(subsequent(165), capped)).toEqual({
      code: '99494',
      units: 4,
      atMinutes: 166,
      minutesNeeded: 1,
    });
    expect(minutesToNext(subsequent(166), capped)).toBeNull();
  });

  it('matches billMonth().nextThreshold', () => {
    const result = billMonth(
      {
        ...subsequent(25),
        timeZone: 'America/Chicago',
        consent: { obtainedAt: new Date('2025-01-01') },
        diagnoses: ['F32.1'],
      },
      MEDICARE_2025,
    );
    expect(result.nextThreshold).toEqual(minutesToNext(subsequent(25), MEDICARE_2025));
  });
});
