// Worklist life-cycle rules: which new items open, which events close which kinds, who closes by hand.
import { describe, expect, it } from 'vitest';
import {
  RESOLVES,
  mayCloseByHand,
  openDecision,
  screensAnsweredBy,
  type WorklistKind,
} from '../../../src/domain/worklist/lifecycle.js';
import type { StaffRole } from '../../../src/domain/registry/roles.js';

describe('openDecision', () => {
  it.each<[string, WorklistKind, boolean, WorklistKind[], ReturnType<typeof openDecision>]>([
    ['a first handoff opens (issue 12 §5)', 'warm_handoff', false, [], { open: true }],
    [
      'an enrolled patient needs no new handoff (measurement-based-care.md §3)',
      'warm_handoff',
      true,
      [],
      { open: false, reason: 'in_open_episode' },
    ],
    [
      'an enrolled patient needs no new BH offer',
      'offer_bh',
      true,
      [],
      { open: false, reason: 'in_open_episode' },
    ],
    [
      'a second handoff joins the open one',
      'warm_handoff',
      false,
      ['warm_handoff'],
      { open: false, reason: 'already_open' },
    ],
    [
      'a full-questionnaire request joins the open one',
      'administer_full_instrument',
      true,
      ['administer_full_instrument'],
      { open: false, reason: 'already_open' },
    ],
    ['an enrolled patient still gets an outside referral', 'refer_external', true, [], { open: true }],
    [
      'every positive suicide-risk screen opens the protocol (suicide-risk.md §1)',
      'safety_protocol',
      true,
      ['safety_protocol'],
      { open: true },
    ],
  ])('%s', (_rule, kind, inOpenEpisode, openKinds, expected) => {
    expect(openDecision({ kind, inOpenEpisode, openKinds })).toEqual(expected);
  });
});

describe('events and the kinds they answer', () => {
  it.each([
    ['PHQ-9 answers the PHQ-2 and an unusable PHQ-9 (instruments.md §4)', 'phq-9', ['phq-2', 'phq-9']],
    ['GAD-7 answers the GAD-2 and an unusable GAD-7 (instruments.md §4)', 'gad-7', ['gad-2', 'gad-7']],
    ['AUDIT-C answers no screen', 'audit-c', []],
  ] as const)('%s', (_rule, instrument, screens) => {
    expect(screensAnsweredBy(instrument)).toEqual(screens);
  });

  it('never lets an event close a safety item: only the suicide-risk assessment will (suicide-risk.md §1)', () => {
    for (const kinds of Object.values(RESOLVES)) expect(kinds).not.toContain('safety_protocol');
  });
});

describe('mayCloseByHand', () => {
  it.each<[string, WorklistKind, StaffRole[], boolean]>([
    ['a PCP addresses a result', 'pcp_addresses', ['pcp'], true],
    ['a medical assistant does not close a PCP result', 'pcp_addresses', ['medical_assistant'], false],
    ['a care manager closes a handoff', 'warm_handoff', ['care_manager'], true],
    ['front desk closes nothing clinical', 'administer_full_instrument', ['front_desk'], false],
    [
      'a medical assistant gives the full questionnaire',
      'administer_full_instrument',
      ['medical_assistant'],
      true,
    ],
    [
      'safety items: no one by hand, a risk assessment closes them (suicide-risk.md §1)',
      'safety_protocol',
      ['pcp', 'care_manager', 'psychiatric_consultant', 'medical_assistant'],
      false,
    ],
    ['an admin alone does not close clinical items', 'safety_protocol', ['admin'], false],
  ])('%s', (_rule, kind, roles, expected) => {
    expect(mayCloseByHand(kind, roles)).toBe(expected);
  });
});
