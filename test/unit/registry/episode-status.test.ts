// Episode status machine: every transition, allowed or refused, with the field a refusal points at.
import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  DISCHARGE_REASONS,
  EPISODE_STATUSES,
  type DischargeReason,
  type EpisodeStatus,
} from '../../../src/domain/registry/episode-status.js';

const consented = { hasConsent: true };

describe('checkTransition (mbc.md §7; billing.md §1 consent, §2.2 episode end)', () => {
  it.each<[string, EpisodeStatus, EpisodeStatus, { hasConsent: boolean; dischargeReason?: DischargeReason }]>(
    [
      ['referred → active once consent is documented', 'referred', 'active', consented],
      [
        'referred → discharged when the patient declines',
        'referred',
        'discharged',
        { hasConsent: false, dischargeReason: 'declined_or_withdrew' },
      ],
      ['active → relapse_prevention when goals are met', 'active', 'relapse_prevention', consented],
      [
        'active → discharged with a reason',
        'active',
        'discharged',
        { ...consented, dischargeReason: 'referred_to_specialty' },
      ],
      ['relapse_prevention → active on relapse', 'relapse_prevention', 'active', consented],
      [
        'relapse_prevention → discharged when completed',
        'relapse_prevention',
        'discharged',
        { ...consented, dischargeReason: 'completed' },
      ],
      [
        'active → discharged after 6 months without service',
        'active',
        'discharged',
        { ...consented, dischargeReason: 'inactive_6_months' },
      ],
      [
        'referred → discharged as lost to follow-up',
        'referred',
        'discharged',
        { hasConsent: false, dischargeReason: 'lost_to_follow_up' },
      ],
    ],
  )('allowed: %s', (_rule, from, to, input) => {
    expect(checkTransition(from, to, input)).toEqual({ ok: true });
  });

  it.each<
    [
      string,
      EpisodeStatus,
      EpisodeStatus,
      { hasConsent: boolean; dischargeReason?: DischargeReason },
      string,
      string,
    ]
  >([
    [
      'referred → active needs consent',
      'referred',
      'active',
      { hasConsent: false },
      'consent',
      'Document the patient’s CoCM consent before activating the episode.',
    ],
    [
      'referred → relapse_prevention skips treatment',
      'referred',
      'relapse_prevention',
      consented,
      'status',
      'An episode cannot move from referred to relapse_prevention.',
    ],
    [
      'active → referred goes backwards',
      'active',
      'referred',
      consented,
      'status',
      'An episode cannot move from active to referred.',
    ],
    [
      'relapse_prevention → referred goes backwards',
      'relapse_prevention',
      'referred',
      consented,
      'status',
      'An episode cannot move from relapse_prevention to referred.',
    ],
    [
      'active → active is no change',
      'active',
      'active',
      consented,
      'status',
      'The episode is already active.',
    ],
    [
      'referred → referred is no change',
      'referred',
      'referred',
      consented,
      'status',
      'The episode is already referred.',
    ],
    [
      'relapse_prevention → relapse_prevention is no change',
      'relapse_prevention',
      'relapse_prevention',
      consented,
      'status',
      'The episode is already relapse_prevention.',
    ],
    [
      'active → discharged needs a reason',
      'active',
      'discharged',
      consented,
      'dischargeReason',
      'Choose a discharge reason.',
    ],
    [
      'relapse_prevention → discharged needs a reason',
      'relapse_prevention',
      'discharged',
      consented,
      'dischargeReason',
      'Choose a discharge reason.',
    ],
    [
      'referred → discharged needs a reason',
      'referred',
      'discharged',
      { hasConsent: false },
      'dischargeReason',
      'Choose a discharge reason.',
    ],
    [
      'referred → discharged cannot be "completed"',
      'referred',
      'discharged',
      { hasConsent: false, dischargeReason: 'completed' },
      'dischargeReason',
      'A referred patient never started treatment, so it cannot be completed.',
    ],
  ])('refused: %s', (_rule, from, to, input, field, reason) => {
    expect(checkTransition(from, to, input)).toEqual({ ok: false, field, reason });
  });

  it.each(EPISODE_STATUSES.map((to) => [to]))('refused: discharged → %s (discharged is final)', (to) => {
    expect(checkTransition('discharged', to, { hasConsent: true, dischargeReason: 'other' })).toEqual({
      ok: false,
      field: 'status',
      reason: 'The episode is discharged, which is final; start a new episode instead.',
    });
  });

  it('discharge reasons: the mbc.md §7 list plus the CPT inactivity end (billing.md §2.2)', () => {
    expect(DISCHARGE_REASONS).toEqual([
      'completed',
      'referred_to_specialty',
      'declined_or_withdrew',
      'lost_to_follow_up',
      'moved_or_changed_pcp',
      'deceased',
      'other',
      'inactive_6_months',
    ]);
  });
});
