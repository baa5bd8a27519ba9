// Whose minutes count toward CoCM and general BHI, and payer overrides of that (billing.md §1).
import { describe, expect, it } from 'vitest';
import {
  applyPayerOverride,
  countsTowardProgram,
  loggingRefusal,
  loggingRoles,
  MEDICARE_2025,
  MEDICARE_2026,
  tallyMinutes,
} from '../../../src/domain/billing/index.js';
import type { Activity, MinuteLogEntry, Program, StaffRole } from '../../../src/domain/billing/index.js';

type Row = [StaffRole, Activity, boolean, Program, boolean, string];

describe('countsTowardProgram with the Medicare default (billing.md §1)', () => {
  it.each<Row>([
    ['care_manager', 'follow_up', false, 'cocm', true, 'BHCM follow-up counts toward CoCM'],
    ['care_manager', 'outreach', false, 'cocm', true, 'BHCM outreach counts toward CoCM'],
    ['care_manager', 'registry_review', false, 'cocm', true, 'BHCM registry follow-up counts'],
    ['care_manager', 'case_review', false, 'cocm', true, 'BHCM weekly caseload consultation counts'],
    ['care_manager', 'other', false, 'cocm', true, 'any other BHCM activity counts [U]'],
    [
      'care_manager',
      'follow_up',
      true,
      'cocm',
      false,
      'time used for a separately billed service never counts',
    ],
    [
      'care_manager',
      'psychotherapy',
      false,
      'cocm',
      false,
      'psychotherapy is separately billable and excluded',
    ],
    ['pcp', 'care_coordination', false, 'cocm', true, 'PCP care-management work counts'],
    ['pcp', 'other', false, 'cocm', false, 'PCP time counts only for care-management work'],
    ['pcp', 'follow_up', true, 'cocm', false, 'PCP time billed as an E/M does not count'],
    [
      'psychiatric_consultant',
      'case_review',
      false,
      'cocm',
      false,
      'consultant time is excluded by default [P]',
    ],
    ['medical_assistant', 'outreach', false, 'cocm', false, 'an MA is not a BHCM [U]'],
    [
      'medical_assistant',
      'outreach',
      false,
      'general_bhi',
      true,
      'MA outreach is clinical staff time for 99484 [U]',
    ],
    ['front_desk', 'outreach', false, 'cocm', false, 'front desk is not clinical staff'],
    ['admin', 'other', false, 'general_bhi', false, 'admin time never counts'],
    ['billing', 'registry_review', false, 'cocm', false, 'billing staff time never counts'],
    ['care_manager', 'follow_up', false, 'general_bhi', true, 'BHCM follow-up counts toward 99484'],
  ])(
    '%s %s (billed separately: %s) toward %s → %s (%s)',
    (staffRole, activity, billedSeparately, program, counts) => {
      const decision = countsTowardProgram({ staffRole, activity, billedSeparately, program }, MEDICARE_2025);
      expect(decision.counts).toBe(counts);
      expect(decision.reason).toMatch(counts ? /^counted: / : /^not counted: /);
    },
  );

  it('inpatient or observation time does not count (billing.md §1)', () => {
    const decision = countsTowardProgram(
      {
        staffRole: 'care_manager',
        activity: 'follow_up',
        billedSeparately: false,
        program: 'cocm',
        duringInpatientStay: true,
      },
      MEDICARE_2025,
    );
    expect(decision).toEqual({
      counts: false,
      reason: 'not counted: the patient was inpatient or in observation (billing.md §1)',
    });
  });

  it('explains the consultant exclusion by role and pack', () => {
    const decision = countsTowardProgram(
      {
        staffRole: 'psychiatric_consultant',
        activity: 'case_review',
        billedSeparately: false,
        program: 'cocm',
      },
      MEDICARE_2025,
    );
    expect(decision.reason).toBe(
      'not counted: psychiatric consultant minutes do not count toward CoCM under rule pack 2025-medicare-v1 (billing.md §1)',
    );
  });
});

describe.each([MEDICARE_2025, MEDICARE_2026])(
  '$id: whose minutes count toward 99484 (billing.md §3)',
  (pack) => {
    it.each<[StaffRole, Activity, boolean, string]>([
      ['care_manager', 'follow_up', true, 'a care manager of any credential (LCSW, RN, …) is clinical staff'],
      ['care_manager', 'other', true, 'any care-manager activity counts [U]'],
      ['medical_assistant', 'care_coordination', true, 'a medical assistant is clinical staff [U]'],
      ['medical_assistant', 'follow_up', true, 'MA follow-up calls count'],
      ['medical_assistant', 'other', false, 'MA time counts only for care-management work [U]'],
      ['pcp', 'care_coordination', true, 'the PCP’s own care-management time counts'],
      ['pcp', 'other', false, 'PCP time counts only for care-management work (billing.md §1)'],
      ['psychiatric_consultant', 'case_review', false, 'a consultant is optional for 99484; excluded [U]'],
      ['front_desk', 'outreach', false, 'front desk is not clinical staff'],
    ])('%s %s → %s (%s)', (staffRole, activity, counts) => {
      const decision = countsTowardProgram(
        { staffRole, activity, billedSeparately: false, program: 'general_bhi' },
        pack,
      );
      expect(decision.counts).toBe(counts);
    });
  },
);

describe('who may log minutes: asked of the pack (billing.md §1, §3)', () => {
  it.each<[StaffRole, Program, boolean, string]>([
    ['care_manager', 'cocm', true, 'the BHCM logs CoCM time'],
    ['pcp', 'cocm', true, 'the PCP logs care-management work'],
    [
      'psychiatric_consultant',
      'cocm',
      true,
      'the consultant logs case-review time, recorded though not counted',
    ],
    ['medical_assistant', 'cocm', false, 'an MA is not a BHCM: no CoCM minutes [U]'],
    ['medical_assistant', 'general_bhi', true, 'an MA is clinical staff for 99484'],
    ['care_manager', 'general_bhi', true, 'care manager of any credential for 99484'],
    ['pcp', 'general_bhi', true, 'the PCP’s own care-management time for 99484'],
    ['front_desk', 'general_bhi', false, 'front desk is not clinical staff'],
    ['billing', 'cocm', false, 'billing staff never log minutes'],
    ['admin', 'general_bhi', false, 'admin never logs minutes'],
  ])('%s on %s → %s (%s)', (role, program, allowed) => {
    expect(loggingRefusal(role, program, MEDICARE_2025) === null).toBe(allowed);
    expect(loggingRoles(program, MEDICARE_2025).includes(role)).toBe(allowed);
  });

  it('the refusal names the pack and who may log instead', () => {
    expect(loggingRefusal('medical_assistant', 'cocm', MEDICARE_2025)).toBe(
      'medical assistant minutes do not count toward CoCM under rule pack 2025-medicare-v1; minutes are logged by: ' +
        'PCP (treating practitioner), care manager (BHCM), psychiatric consultant (billing.md §1, §3)',
    );
  });

  it('a payer that counts MA time toward CoCM lets the MA log it', () => {
    const pack = applyPayerOverride(MEDICARE_2025, {
      id: '2025-medicaid-ma',
      payer: 'medicaid',
      counting: { roles: { cocm: { medical_assistant: 'care_management_activities' } } },
    });
    expect(loggingRefusal('medical_assistant', 'cocm', pack)).toBeNull();
  });
});

describe('payer overrides of whose minutes count', () => {
  it('a payer that counts the whole triad counts the consultant (billing.md §1, BCBS Michigan example)', () => {
    const pack = applyPayerOverride(MEDICARE_2025, {
      id: '2025-commercial-triad',
      payer: 'commercial',
      counting: { roles: { cocm: { psychiatric_consultant: 'all_activities' } } },
    });
    const decision = countsTowardProgram(
      {
        staffRole: 'psychiatric_consultant',
        activity: 'case_review',
        billedSeparately: false,
        program: 'cocm',
      },
      pack,
    );
    expect(decision.counts).toBe(true);
    expect(pack.counting.roles.cocm.care_manager).toBe('all_activities');
  });

  it('a payer may count separately billed time, and the reason says so', () => {
    const pack = applyPayerOverride(MEDICARE_2025, {
      id: '2025-other-billed',
      payer: 'other',
      counting: { countBilledSeparately: true },
    });
    const decision = countsTowardProgram(
      { staffRole: 'care_manager', activity: 'follow_up', billedSeparately: true, program: 'cocm' },
      pack,
    );
    expect(decision).toEqual({
      counts: true,
      reason:
        'counted: care manager (BHCM) follow up minutes count toward CoCM; this payer counts separately billed time',
    });
  });
});

describe('tallyMinutes', () => {
  const entry = (overrides: Partial<MinuteLogEntry>): MinuteLogEntry => ({
    minutes: 10,
    staffRole: 'care_manager',
    byBillingPractitioner: false,
    activity: 'follow_up',
    billedSeparately: false,
    occurredAt: new Date('2025-10-10T17:00:00Z'),
    ...overrides,
  });

  it('sums counted minutes per clinic-zone day and lists what did not count', () => {
    const tally = tallyMinutes(
      [
        entry({ minutes: 20, occurredAt: new Date('2025-11-01T06:30:00Z') }), // 23:30 on Oct 31 in Los Angeles
        entry({ minutes: 15, byBillingPractitioner: true }),
        entry({ minutes: 30, staffRole: 'psychiatric_consultant', activity: 'case_review' }),
        entry({ minutes: 45, activity: 'psychotherapy' }),
      ],
      { program: 'cocm', timeZone: 'America/Los_Angeles' },
      MEDICARE_2025,
    );
    expect(tally.countedMinutes).toBe(35);
    expect(tally.dailyMinutes).toEqual([
      { date: '2025-10-10', counted: 15, g0323PractitionerOwn: 15 },
      { date: '2025-10-31', counted: 20, g0323PractitionerOwn: 0 },
    ]);
    expect(tally.notCounted.map((n) => n.minutes)).toEqual([30, 45]);
  });

  it('G0323 own time is the billing practitioner’s own counted time, not any licensed staff member’s (billing.md §3)', () => {
    const tally = tallyMinutes(
      [
        entry({ minutes: 12, byBillingPractitioner: true }),
        entry({ minutes: 8, byBillingPractitioner: true }),
        entry({ minutes: 5 }),
        entry({ minutes: 7, byBillingPractitioner: true, billedSeparately: true }),
      ],
      { program: 'general_bhi', timeZone: 'America/Chicago' },
      MEDICARE_2025,
    );
    expect(tally.countedMinutes).toBe(25);
    expect(tally.minutesByClass).toEqual({ g0323PractitionerOwn: 20 });
  });
});
