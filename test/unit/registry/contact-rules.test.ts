// Contact validation: minutes, timing against now and the referral, who may log minutes (the pack's rule), consent.
import { describe, expect, it } from 'vitest';
import { MEDICARE_2026 } from '../../../src/domain/billing/medicare-packs.js';
import {
  checkContact,
  contactStaffRole,
  loggedContactIssues,
  type ContactEntry,
} from '../../../src/domain/registry/contact-rules.js';

// 2026-03-10 14:00 in New York.
const context = {
  now: '2026-03-10T18:00:00Z',
  timeZone: 'America/New_York',
  referredAt: '2026-03-02',
  program: 'cocm' as const,
  pack: MEDICARE_2026,
};
const valid: ContactEntry = {
  occurredAt: '2026-03-09T15:00:00Z',
  minutes: 30,
  staffRole: 'care_manager',
  consentDate: '2026-03-03',
};

describe('checkContact', () => {
  it.each<[string, Partial<ContactEntry>]>([
    ['a normal care-manager call', {}],
    ['1 minute is the least', { minutes: 1 }],
    ['480 minutes (8 h) is the most', { minutes: 480 }],
    ['occurring exactly now', { occurredAt: '2026-03-10T18:00:00Z' }],
    ['on the referral day, clinic time (00:30 in New York)', { occurredAt: '2026-03-02T05:30:00Z' }],
    ['the PCP doing care-manager work (billing.md §1)', { staffRole: 'pcp' }],
    [
      'a consultant logging consultation time, recorded though not counted',
      { staffRole: 'psychiatric_consultant' },
    ],
    ['consent dated today (clinic day)', { consentDate: '2026-03-10' }],
    ['no consent recorded with this contact', { consentDate: null }],
  ])('accepts %s', (_rule, change) => {
    expect(checkContact({ ...valid, ...change }, context)).toEqual([]);
  });

  it.each<[string, Partial<ContactEntry>, string, string | RegExp]>([
    ['0 minutes', { minutes: 0 }, 'minutes', 'Minutes must be at least 1 (got 0).'],
    ['negative minutes', { minutes: -5 }, 'minutes', 'Minutes must be at least 1 (got -5).'],
    [
      '481 minutes',
      { minutes: 481 },
      'minutes',
      '481 minutes is more than 480 (8 hours) for one contact; split or fix it.',
    ],
    [
      'fractional minutes (billing.md §2.1 counts whole minutes)',
      { minutes: 12.5 },
      'minutes',
      'Log whole minutes, not 12.5.',
    ],
    [
      'one second in the future',
      { occurredAt: '2026-03-10T18:00:01Z' },
      'occurredAt',
      'The contact at 2026-03-10T18:00:01Z is in the future.',
    ],
    [
      'the evening before the referral day, clinic time (23:30 in New York)',
      { occurredAt: '2026-03-02T04:30:00Z' },
      'occurredAt',
      'The contact on 2026-03-01 is before the referral on 2026-03-02.',
    ],
    ['not a date', { occurredAt: 'last Tuesday' }, 'occurredAt', "'last Tuesday' is not a date and time."],
    [
      'a medical assistant logging CoCM minutes (the pack: an MA is not a BHCM)',
      { staffRole: 'medical_assistant' },
      'staffId',
      /^medical assistant minutes do not count toward CoCM under rule pack 2026-medicare-v1/,
    ],
    [
      'billing staff logging minutes',
      { staffRole: 'billing' },
      'staffId',
      /^billing staff minutes do not count toward CoCM/,
    ],
    [
      'a front-desk user logging minutes',
      { staffRole: 'front_desk' },
      'staffId',
      /^front desk minutes do not count toward CoCM/,
    ],
    [
      'consent dated tomorrow',
      { consentDate: '2026-03-11' },
      'consentDate',
      'Consent dated 2026-03-11 is after today (2026-03-10).',
    ],
    [
      'consent not a calendar day',
      { consentDate: '2026-02-30' },
      'consentDate',
      "'2026-02-30' is not a calendar day (YYYY-MM-DD).",
    ],
  ])('refuses %s', (_rule, change, field, reason) => {
    const issues = checkContact({ ...valid, ...change }, context);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe(field);
    expect(issues[0]?.reason).toMatch(reason);
  });

  it('reports every problem at once', () => {
    const issues = checkContact(
      {
        occurredAt: '2026-03-11T12:00:00Z',
        minutes: 0,
        staffRole: 'front_desk',
        consentDate: '2026-04-01',
      },
      context,
    );
    expect(issues.map((i) => i.field)).toEqual(['occurredAt', 'minutes', 'staffId', 'consentDate']);
  });
});

describe('contactStaffRole: whose role the minutes go under', () => {
  it.each([
    [['pcp', 'care_manager'], undefined, 'care_manager', 'a BH role comes first'],
    [['pcp', 'psychiatric_consultant'], undefined, 'psychiatric_consultant', 'the consultant before the PCP'],
    [['medical_assistant'], undefined, 'medical_assistant', 'no BH role: the first held'],
    [
      ['front_desk', 'medical_assistant'],
      undefined,
      'medical_assistant',
      'a clinical role before a desk role',
    ],
    [['pcp', 'care_manager'], 'pcp', 'pcp', 'a role the contact names wins'],
  ] as const)('%j asked %s → %s (%s)', (roles, asked, expected, _rule) => {
    expect(contactStaffRole(roles, asked)).toBe(expected);
  });
});

describe('loggedContactIssues: the rules every edge applies, named by request fields', () => {
  const ctx = { ...context, now: '2026-03-20T12:00:00Z', referredAt: '2026-03-01' };
  const entry = {
    occurredAt: new Date('2026-03-10T15:00:00Z'),
    minutes: 30,
    staffRole: 'care_manager' as const,
    dischargedAt: null,
  };
  it.each([
    ['a care manager’s valid contact', {}, []],
    ['discharge before the contact', { dischargedAt: new Date('2026-03-09T15:00:00Z') }, ['occurredAt']],
    ['discharge after the contact', { dischargedAt: new Date('2026-03-11T15:00:00Z') }, []],
    ['an MA logging CoCM time is reported at staffId', { staffRole: 'medical_assistant' }, ['staffId']],
    ['the consultant’s time is consultation, not refused', { staffRole: 'psychiatric_consultant' }, []],
    [
      'minutes and timing still checked',
      { minutes: 0, occurredAt: new Date('2026-02-27T15:00:00Z') },
      ['occurredAt', 'minutes'],
    ],
  ] as const)('%s', (_rule, change, fields) => {
    expect(loggedContactIssues({ ...entry, ...change }, ctx).map((i) => i.field)).toEqual(fields);
  });

  it.each([
    ['care_manager', 'general_bhi', true, 'a care manager of any credential logs 99484 time'],
    ['medical_assistant', 'general_bhi', true, 'an MA is clinical staff for 99484 (was refused before)'],
    ['pcp', 'general_bhi', true, 'the PCP’s own care-management time'],
    ['medical_assistant', 'cocm', false, 'an MA is not a BHCM: refused for CoCM [U]'],
    ['front_desk', 'general_bhi', false, 'front desk is not clinical staff'],
  ] as const)('%s on %s → allowed %s (%s)', (staffRole, program, allowed, _rule) => {
    const issues = loggedContactIssues({ ...entry, staffRole }, { ...ctx, program });
    expect(issues.length === 0).toBe(allowed);
  });
});
