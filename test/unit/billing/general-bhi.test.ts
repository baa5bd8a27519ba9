// General BHI by who bills: 99484 incident to a physician/NPP on all clinical staff minutes, G0323 for a
// psychologist's, clinical social worker's, counselor's or MFT's own time as the billing practitioner (billing.md §3).
import { describe, expect, it } from 'vitest';
import {
  applyPayerOverride,
  billMonth,
  MEDICARE_2025,
  MEDICARE_2026,
  minutesToNext,
  type Credential,
} from '../../../src/domain/billing/index.js';
import { billed, generalBhiMonth } from './fixtures.js';

describe.each([MEDICARE_2025, MEDICARE_2026])(
  '$id general BHI by billing practitioner (billing.md §3)',
  (pack) => {
    it.each<[Credential | null, number, number, string, string]>([
      ['md', 0, 0, 'nothing', 'no minutes bill nothing'],
      ['md', 11, 0, 'nothing', '99484 has no midpoint rule: 11 (a midpoint of 20) bills nothing'],
      ['md', 19, 0, 'nothing', '99484 needs the full 20: 19 bills nothing'],
      ['md', 20, 0, '99484×1', '99484 at the full 20 minutes'],
      ['md', 240, 0, '99484×1', '99484 is once a month with no add-on'],
      ['md', 34, 0, '99484×1', 'physician bills: an LCSW’s 22 and an RN’s 12 staff minutes are 99484 on 34'],
      ['do', 25, 0, '99484×1', 'osteopathic physician bills 99484 incident-to'],
      ['np', 25, 0, '99484×1', 'nurse practitioner bills 99484 incident-to (billing.md §1)'],
      ['pa', 25, 0, '99484×1', 'physician assistant bills 99484 incident-to (billing.md §1)'],
      ['md', 30, 30, '99484×1', 'a physician’s own care-management time is 99484, never G0323'],
      [null, 25, 0, '99484×1', 'credential not recorded: incident-to 99484, never G0323'],
      ['psychologist', 20, 20, 'G0323×1', 'psychologist bills G0323 on 20 minutes of own time'],
      ['lcsw', 20, 20, 'G0323×1', 'clinical social worker bills G0323 on own time'],
      ['lpc', 20, 20, 'G0323×1', 'mental health counselor bills G0323 (CY2024 descriptor)'],
      ['lmft', 20, 20, 'G0323×1', 'marriage and family therapist bills G0323 (CY2024 descriptor)'],
      ['lcsw', 19, 19, 'nothing', 'G0323 needs the full 20 of the practitioner’s own time: 19 bills nothing'],
      ['lcsw', 34, 19, 'nothing', 'LCSW bills: other staff minutes never lift G0323 to 20'],
      ['lcsw', 55, 25, 'G0323×1', 'LCSW bills G0323 on own 25; the other 30 staff minutes are not billed'],
    ])(
      'billing practitioner %s, %i counted, %i own → %s (%s)',
      (credential, countedMinutes, own, expected) => {
        const input = generalBhiMonth({
          month: `${pack.year}-10`,
          countedMinutes,
          minutesByClass: { g0323PractitionerOwn: own },
          billingPractitionerCredential: credential,
        });
        expect(billed(billMonth(input, pack))).toBe(expected);
      },
    );
  },
);

describe('general BHI reasons and payer variants', () => {
  it('the issue’s month: LCSW 22 + RN 12 incident to the PCP is 99484 on 34 minutes', () => {
    const result = billMonth(
      generalBhiMonth({
        countedMinutes: 34,
        minutesByClass: { g0323PractitionerOwn: 0 },
        billingPractitionerCredential: 'md',
      }),
      MEDICARE_2025,
    );
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({ code: '99484', units: 1, minutes: 34 });
    expect(result.lines[0]?.reasons[0]).toBe(
      '99484 ×1: 34 counted minutes of clinical staff, incident to the billing practitioner ≥ 20 (full 20 required, no midpoint rule, billing.md §3)',
    );
  });

  it('G0323 line carries the practitioner’s own minutes and says the other staff minutes are not billed', () => {
    const result = billMonth(
      generalBhiMonth({
        countedMinutes: 55,
        minutesByClass: { g0323PractitionerOwn: 25 },
        billingPractitionerCredential: 'lcsw',
      }),
      MEDICARE_2025,
    );
    expect(result.lines[0]?.minutes).toBe(25);
    expect(result.lines[0]?.reasons.slice(0, 2)).toEqual([
      "G0323 ×1: 25 minutes of the billing practitioner's own time (clinical social worker, own NPI) ≥ 20 (full 20 required, no midpoint rule, billing.md §3)",
      "30 minutes of other staff not billed: G0323 pays only the billing practitioner's own time, and 99484 incident-to needs a physician or NPP as billing practitioner (billing.md §1, §3)",
    ]);
  });

  it.each([
    [
      'md',
      19,
      0,
      'below 20 minutes: 19 counted minutes of clinical staff, incident to the billing practitioner, 99484 needs the full 20 (billing.md §3)',
    ],
    [
      'psychologist',
      40,
      19,
      "below 20 minutes: 19 minutes of the billing practitioner's own time (psychologist, own NPI), G0323 needs the full 20 (billing.md §3); " +
        "21 minutes of other staff not billed: G0323 pays only the billing practitioner's own time, and 99484 incident-to needs a physician or NPP as billing practitioner (billing.md §1, §3)",
    ],
  ] as const)('skipped under %s with %i counted, %i own, saying why', (credential, counted, own, reason) => {
    const result = billMonth(
      generalBhiMonth({
        countedMinutes: counted,
        minutesByClass: { g0323PractitionerOwn: own },
        billingPractitionerCredential: credential,
      }),
      MEDICARE_2025,
    );
    expect(result.skipped?.reason).toBe(reason);
  });

  it.each([
    ['md', 12, 0, '99484', 8, 'physician bills: 99484 at 20 counted minutes'],
    ['lcsw', 30, 12, 'G0323', 8, 'LCSW bills: G0323 at 20 of own time, staff minutes do not help'],
    ['lcsw', 20, 20, null, 0, 'G0323 reached: once a month, no add-on'],
  ] as const)(
    'minutesToNext under %s, %i counted, %i own → %s (%s)',
    (credential, counted, own, code, needed, _rule) => {
      const next = minutesToNext(
        {
          month: '2025-10',
          program: 'general_bhi',
          countedMinutes: counted,
          minutesByClass: { g0323PractitionerOwn: own },
          billingPractitionerCredential: credential,
          priorServiceMonths: [],
          episodeStartMonth: '2025-09',
        },
        MEDICARE_2025,
      );
      expect(next === null ? null : [next.code, next.minutesNeeded]).toEqual(
        code === null ? null : [code, needed],
      );
    },
  );

  it('a payer without G0323 bills an LCSW practitioner’s month as 99484 on the counted minutes', () => {
    const pack = applyPayerOverride(MEDICARE_2025, {
      id: '2025-commercial-no-g0323',
      payer: 'commercial',
      generalBhi: { practitionerOwn: null },
    });
    const input = generalBhiMonth({
      countedMinutes: 25,
      minutesByClass: { g0323PractitionerOwn: 25 },
      billingPractitionerCredential: 'lcsw',
    });
    expect(billed(billMonth(input, pack))).toBe('99484×1');
  });

  it('rejects own minutes above the counted minutes', () => {
    expect(() =>
      billMonth(
        generalBhiMonth({ countedMinutes: 10, minutesByClass: { g0323PractitionerOwn: 11 } }),
        MEDICARE_2025,
      ),
    ).toThrow(/cannot exceed the counted minutes/);
  });
});
