// Reasons shown to clinicians carry no internal references or codes (issue: plain words for clinicians).
import { describe, expect, it } from 'vitest';
import { plainReason } from '../../../web/src/lib/plain-words';

describe('plain words for clinicians', () => {
  it.each([
    [
      'a triage summary names the next step, not the rule',
      'Disposition warm_handoff from rule phq9.band.15-27',
      'Next step: warm handoff to behavioral health',
    ],
    [
      'outranked steps are named in words',
      'Disposition safety_protocol from rule phq9.item9; it outranks warm_handoff, offer_bh',
      'Next step: safety protocol, ahead of warm handoff to behavioral health, offer behavioral health care',
    ],
    [
      'a cited section is dropped',
      'Counts toward CoCM: care manager time (billing.md §2.1)',
      'Counts toward CoCM: care manager time',
    ],
    [
      'several cited sections are dropped',
      'CoCM is already billed this month (billing.md §4, §5)',
      'CoCM is already billed this month',
    ],
    [
      'a code in a sentence becomes words',
      'A warm_handoff is open for this patient',
      'A warm handoff to behavioral health is open for this patient',
    ],
    [
      'a plain reason is unchanged',
      'PHQ-9 total 18 (moderately severe)',
      'PHQ-9 total 18 (moderately severe)',
    ],
  ])('%s', (_rule, reason, plain) => {
    expect(plainReason(reason)).toBe(plain);
  });
});
