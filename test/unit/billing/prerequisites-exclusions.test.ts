// Consent and diagnosis prerequisites (billing.md §1) and same-month exclusions (billing.md §4).
import { describe, expect, it } from 'vitest';
import { monthRange } from '../../../src/domain/calendar/index.js';
import { billMonth, MEDICARE_2025, MEDICARE_2026 } from '../../../src/domain/billing/index.js';
import { billed, generalBhiMonth, subsequentMonth } from './fixtures.js';

const octoberEnd = monthRange('2025-10', 'America/Chicago').end;
const octoberStart = monthRange('2025-10', 'America/Chicago').start;
/** billing.md §1: what the patient was told, on every consent these rows expect to bill. */
const explained = { costSharingExplained: true, consultationExplained: true };

describe('consent is required (billing.md §1)', () => {
  it.each([
    [null, 'no consent on file', 'no consent → skipped'],
    [
      { obtainedAt: octoberEnd },
      'consent obtained 2025-11-01, after 2025-10 ended',
      'consent at the first instant of November → skipped',
    ],
    [
      { obtainedAt: new Date('2025-11-15T15:00:00Z') },
      'after 2025-10 ended',
      'consent later in November → skipped',
    ],
    [
      { obtainedAt: new Date('2025-01-10T15:00:00Z'), withdrawnAt: new Date('2025-09-20T15:00:00Z') },
      'consent withdrawn 2025-09-20, before 2025-10 began',
      'consent withdrawn before the month → skipped',
    ],
  ])('%j → skipped "%s" (%s)', (consent, reason, _rule) => {
    const result = billMonth(subsequentMonth({ consent, countedMinutes: 45 }), MEDICARE_2025);
    expect(result.lines).toEqual([]);
    expect(result.skipped?.reason).toContain(reason);
  });

  it.each([
    [
      { obtainedAt: new Date(octoberEnd.getTime() - 1), ...explained },
      'consent obtained 2025-10-31, during 2025-10',
      'last millisecond of October',
    ],
    [
      { obtainedAt: octoberStart, ...explained },
      'consent obtained 2025-10-01, during 2025-10',
      'first instant of October',
    ],
    [
      {
        obtainedAt: new Date('2025-01-10T15:00:00Z'),
        withdrawnAt: new Date('2025-10-20T15:00:00Z'),
        ...explained,
      },
      'consent withdrawn 2025-10-20; minutes from then on are not counted',
      'withdrawal stops counting from its time; the minutes before it still bill the month (billing.md §1)',
    ],
  ])('%j → billed with warning "%s" (%s)', (consent, warning, _rule) => {
    const result = billMonth(subsequentMonth({ consent, countedMinutes: 45 }), MEDICARE_2025);
    expect(billed(result)).toBe('99493×1');
    expect(result.warnings.some((w) => w.startsWith(warning))).toBe(true);
  });
});

describe('a diagnosis is required (billing.md §1)', () => {
  it.each([
    [[], 'no diagnosis at all'],
    [['', '  '], 'only blank codes'],
  ])('%j → skipped (%s)', (diagnoses) => {
    const result = billMonth(subsequentMonth({ diagnoses, countedMinutes: 45 }), MEDICARE_2025);
    expect(result.skipped?.reason).toContain('no behavioral health diagnosis on file');
  });

  it('a Z-code-only month is billed with a warning (payers may deny, billing.md §1 [U])', () => {
    const result = billMonth(subsequentMonth({ diagnoses: ['Z13.31'], countedMinutes: 45 }), MEDICARE_2025);
    expect(billed(result)).toBe('99493×1');
    expect(result.warnings).toContain(
      'no F-code among the diagnoses (Z13.31): payers may deny Z-code-only or symptom-only claims',
    );
  });

  it('reports every reason a month is skipped, not just the first', () => {
    const result = billMonth(
      subsequentMonth({ consent: null, diagnoses: [], countedMinutes: 10 }),
      MEDICARE_2025,
    );
    const reason = result.skipped?.reason ?? '';
    expect(reason).toContain('no consent on file');
    expect(reason).toContain('no behavioral health diagnosis on file');
    expect(reason).toContain('below 16 minutes');
  });

  it('keeps the minutes look-ahead while prerequisites are missing', () => {
    const result = billMonth(subsequentMonth({ consent: null, countedMinutes: 25 }), MEDICARE_2025);
    expect(result.nextThreshold).toEqual({ code: '99493', units: 1, atMinutes: 31, minutesNeeded: 6 });
  });
});

describe('same-month exclusions (billing.md §4)', () => {
  it.each([
    ['cocm', 45, ['99484'], true, 'CoCM and 99484 in one month: No [P]'],
    ['cocm', 45, ['G0511'], true, 'CoCM and G0511 in one month: No [P]'],
    ['cocm', 45, ['G0323'], true, 'CoCM and G0323: No by default [U]'],
    ['cocm', 45, ['g0323 '], true, 'codes are compared trimmed and case-insensitively'],
    ['cocm', 45, ['99492'], true, '99492 and 99493 in one month: No [P]'],
    ['cocm', 20, ['99493'], true, 'G2214 with 99493 in one month: No [P]'],
    ['cocm', 45, ['99493'], true, 'one month never split across two claims [U]'],
    ['cocm', 45, ['99490'], false, 'CoCM with CCM 99490: Yes if no minute is counted twice [P]'],
    ['cocm', 45, ['99424'], false, 'BHI with PCM 99424: likely Yes [U]'],
    [
      'cocm',
      45,
      ['99214', '90834'],
      false,
      'E/M and psychotherapy in the same month: Yes, minutes excluded [V]',
    ],
    ['cocm', 45, ['G0556'], false, 'APCM in 2025: no exclusion stated'],
    ['general_bhi', 25, ['99492'], true, '99484 after CoCM in the same month: No [P]'],
    ['general_bhi', 25, ['99484'], true, '99484 once a month'],
    ['general_bhi', 25, ['99490'], false, '99484 with CCM: Yes [P]'],
  ] as const)(
    '%s, %i min, already billed %j → excluded %s (%s)',
    (program, countedMinutes, sameMonthCodes, excluded, _rule) => {
      const input = (program === 'cocm' ? subsequentMonth : generalBhiMonth)({
        countedMinutes,
        sameMonthCodes: [...sameMonthCodes],
      });
      const result = billMonth(input, MEDICARE_2025);
      expect(result.skipped !== null).toBe(excluded);
      if (excluded) expect(result.skipped?.reason).toMatch(/^excluded \(/);
    },
  );

  it('names the clashing codes and the rule', () => {
    const result = billMonth(
      subsequentMonth({ countedMinutes: 45, sameMonthCodes: ['99484'] }),
      MEDICARE_2025,
    );
    expect(result.skipped?.reason).toBe(
      'excluded (99493 with 99484 already billed this month): CoCM and general BHI (99484/G0511) cannot be billed in the same month for the same patient (billing.md §4)',
    );
  });

  it.each([
    ['G0556', 'APCM base code'],
    ['G0569', 'APCM behavioral add-on mirroring 99493'],
  ])('2026: APCM %s in the month blocks standalone 99493 (%s, billing.md §4, §7 [P])', (code) => {
    const result = billMonth(
      subsequentMonth({
        month: '2026-03',
        priorServiceMonths: ['2026-02'],
        episodeStartMonth: '2026-02',
        countedMinutes: 45,
        sameMonthCodes: [code],
      }),
      MEDICARE_2026,
    );
    expect(result.skipped?.reason).toContain('G0568/G0569/G0570');
  });

  it('a pack for another year is refused', () => {
    expect(() => billMonth(subsequentMonth({ countedMinutes: 45 }), MEDICARE_2026)).toThrow(
      'Rule pack 2026-medicare-v1 is for 2026; 2025-10 needs a 2025 pack',
    );
  });
});
