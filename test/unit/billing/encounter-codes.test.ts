// Encounter coding tables: each row names the rule and its source in the domain reference.
import { describe, expect, it } from 'vitest';
import {
  codeServiceDay,
  encounterRulesFor,
  MEDICARE_ENCOUNTER_RULES,
  type CodingContext,
  type DocumentedService,
  type EncounterRules,
} from '../../../src/domain/billing/encounter/index.js';
import {
  applyPayerOverride,
  MEDICARE_2025,
  MEDICARE_2026,
  validatePack,
} from '../../../src/domain/billing/index.js';

const ctx: CodingContext = { payer: 'medicare', packId: '2026-medicare-v1' };
const rules = MEDICARE_ENCOUNTER_RULES;

let seq = 0;
function service(overrides: Partial<DocumentedService> = {}): DocumentedService {
  seq += 1;
  return {
    id: `s${seq}`,
    date: '2026-03-10',
    clinicianId: 'therapist',
    credential: 'lcsw',
    kind: 'psychotherapy',
    minutes: 40,
    primaryDiagnosis: 'F32.1',
    interactiveComplexity: false,
    groupSize: null,
    ...overrides,
  };
}

/** "90834" or "96158 96159×2" for a day's lines; "-" when none. */
function billed(services: DocumentedService[], r: EncounterRules = rules, c = ctx): string {
  const { lines } = codeServiceDay(services, r, c);
  return lines.map((l) => (l.units > 1 ? `${l.code}×${l.units}` : l.code)).join(' ') || '-';
}

describe('psychotherapy time bands (other-codes.md §1 [V])', () => {
  it.each([
    [15, '-', 'under 16 minutes nothing is billable'],
    [16, '90832', '90832 from 16'],
    [37, '90832', '90832 up to 37'],
    [38, '90834', '90834 from 38'],
    [40, '90834', 'a 40-minute session is 90834'],
    [52, '90834', '90834 up to 52'],
    [53, '90837', '90837 from 53'],
    [90, '90837', '90837 has no upper bound; units stay 1'],
  ])('%i minutes → %s (%s)', (minutes, expected) => {
    expect(billed([service({ minutes })])).toBe(expected);
  });

  it.each([
    [16, '99214 90833', '+90833 16–37 with an E/M the same day by the same practitioner'],
    [38, '99214 90836', '+90836 38–52 with an E/M'],
    [53, '99214 90838', '+90838 from 53 with an E/M'],
  ])('%i minutes with an E/M → %s (%s)', (minutes, expected) => {
    const em = service({
      kind: 'em_visit',
      minutes: 30,
      clinicianId: 'np',
      credential: 'np',
      primaryDiagnosis: 'E11.9',
    });
    const therapy = service({ minutes, clinicianId: 'np', credential: 'np' });
    expect(billed([em, therapy])).toBe(expected);
  });

  it('an E/M by another practitioner the same day leaves the psychotherapy code alone (other-codes.md §1)', () => {
    const em = service({
      kind: 'em_visit',
      minutes: 25,
      clinicianId: 'pcp',
      credential: 'md',
      primaryDiagnosis: 'E11.9',
    });
    expect(billed([em, service({ minutes: 40 })])).toBe('99213 90834');
  });

  it('an E/M below 99213 bills nothing, so psychotherapy stays a primary code (other-codes.md §1, §3)', () => {
    const em = service({
      kind: 'em_visit',
      minutes: 10,
      clinicianId: 'np',
      credential: 'np',
      primaryDiagnosis: 'E11.9',
    });
    expect(billed([service({ minutes: 40, clinicianId: 'np', credential: 'np' }), em])).toBe('90834');
  });
});

describe('E/M by total time (other-codes.md §3 [V]: met or exceeded from 2024)', () => {
  it.each([
    [19, '-', 'below 20 no time-based level'],
    [20, '99213', '99213 at 20'],
    [29, '99213', '99213 up to 29'],
    [30, '99214', '99214 at 30'],
    [55, '99214', 'no level above 99214 in the rules'],
  ])('%i minutes → %s (%s)', (minutes, expected) => {
    const em = service({ kind: 'em_visit', minutes, credential: 'md', primaryDiagnosis: 'I10' });
    expect(billed([em])).toBe(expected);
  });
});

describe('untimed and per-session codes (other-codes.md §1)', () => {
  it.each([
    [service({ kind: 'diagnostic_evaluation', minutes: 5 }), '90791', '90791 untimed [V]'],
    [
      service({ kind: 'diagnostic_evaluation_medical', minutes: 60, credential: 'md' }),
      '90792',
      '90792 untimed [V]',
    ],
    [service({ kind: 'group_psychotherapy', minutes: 90, groupSize: 6 }), '90853', '90853 per session [U]'],
    [service({ kind: 'group_psychotherapy', minutes: 90, groupSize: 1 }), '-', 'a group needs 2 patients'],
    [service({ kind: 'family_with_patient', minutes: 26 }), '90847', '90847 from 26 [U]'],
    [service({ kind: 'family_without_patient', minutes: 50 }), '90846', '90846 without the patient [U]'],
    [service({ kind: 'family_without_patient', minutes: 25 }), '-', 'family below 26 [U]'],
  ])('%#: → %s (%s)', (s, expected) => {
    expect(billed([s])).toBe(expected);
  });
});

describe('HBAI units (other-codes.md §2: 96158 from 16 [U], +96159 per 15 from 38 [U])', () => {
  const hbai = (kind: DocumentedService['kind'], minutes: number, groupSize: number | null = null) =>
    service({ kind, minutes, primaryDiagnosis: 'E11.65', credential: 'psychologist', groupSize });
  it.each([
    [hbai('hbai_individual', 15), '-', 'below 16'],
    [hbai('hbai_individual', 16), '96158', '96158 from 16'],
    [hbai('hbai_individual', 37), '96158', 'no add-on up to 37'],
    [hbai('hbai_individual', 38), '96158 96159', 'first +96159 at 38'],
    [hbai('hbai_individual', 52), '96158 96159', 'one add-on up to 52'],
    [hbai('hbai_individual', 53), '96158 96159×2', 'second +96159 at 53'],
    [hbai('hbai_group', 45, 4), '96164 96165', 'group 96164/+96165'],
    [hbai('hbai_group', 45, 1), '-', 'a group needs 2 patients'],
    [hbai('hbai_family_with_patient', 30), '96167', 'family with the patient 96167'],
    [hbai('hbai_family_without_patient', 68), '96170 96171×3', 'family without the patient 96170/+96171'],
    [hbai('hbai_assessment', 10), '96156', '96156 assessment untimed [V]'],
  ])('%#: → %s (%s)', (s, expected) => {
    expect(billed([s])).toBe(expected);
  });

  it.each<[DocumentedService['kind'], string, string]>([
    [
      'hbai_individual',
      'F41.1',
      'HBAI with a mental health primary diagnosis is refused (other-codes.md §2)',
    ],
    [
      'psychotherapy',
      'E11.65',
      'psychotherapy with a physical primary diagnosis is refused (other-codes.md §2)',
    ],
  ])('%s with %s bills nothing (%s)', (kind: DocumentedService['kind'], dx: string) => {
    const s = service({ kind, primaryDiagnosis: dx, credential: 'psychologist' });
    const day = codeServiceDay([s], rules, ctx);
    expect(day.lines).toEqual([]);
    expect(day.skips[0]!.reason).toMatch(/other-codes\.md §2/);
  });
});

describe('+90785 interactive complexity only with allowed primaries (other-codes.md §1 [V])', () => {
  it.each([
    [service({ interactiveComplexity: true }), '90834 90785', 'with psychotherapy'],
    [service({ kind: 'diagnostic_evaluation', interactiveComplexity: true }), '90791 90785', 'with 90791'],
    [
      service({ kind: 'group_psychotherapy', groupSize: 5, interactiveComplexity: true }),
      '90853 90785',
      'with 90853',
    ],
    [
      service({ kind: 'family_with_patient', minutes: 50, interactiveComplexity: true }),
      '90847',
      'not with family 90847',
    ],
    [
      service({ kind: 'hbai_individual', primaryDiagnosis: 'E11.9', interactiveComplexity: true }),
      '96158 96159',
      'not with HBAI',
    ],
  ])('%#: → %s (%s)', (s, expected) => {
    expect(billed([s])).toBe(expected);
  });

  it('a refused +90785 says why', () => {
    const s = service({ kind: 'family_with_patient', minutes: 50, interactiveComplexity: true });
    expect(codeServiceDay([s], rules, ctx).skips.map((k) => k.reason)).toEqual([
      expect.stringMatching(/^\+90785 not billed: interactive complexity goes only with .*not 90847/),
    ]);
  });
});

describe('who may bill what for Medicare (other-codes.md §1–§3; billing.md §3)', () => {
  it.each<[DocumentedService['credential'], DocumentedService['kind'], string, string]>([
    ['lpc', 'psychotherapy', '90832', 'LPC/MHC bills psychotherapy for Medicare from 2024 [V]'],
    ['lmft', 'psychotherapy', '90832', 'LMFT bills psychotherapy for Medicare from 2024 [V]'],
    ['rn', 'psychotherapy', '-', 'a nurse is not a licensed psychotherapist [V]'],
    [null, 'psychotherapy', '-', 'no recorded credential bills nothing with a credential rule'],
    ['lcsw', 'diagnostic_evaluation_medical', '-', '90792 is for prescribers [V]'],
    ['np', 'diagnostic_evaluation_medical', '90792', '90792 by a psychiatric NP [V]'],
    ['psychologist', 'hbai_individual', '96158', 'HBAI by a clinical psychologist [V]'],
    ['lcsw', 'hbai_individual', '96158', 'HBAI by a CSW from CY2024 [U]'],
    ['ma', 'hbai_individual', '-', 'HBAI not by a medical assistant'],
    ['lcsw', 'em_visit', '-', 'E/M by prescribers only [U]'],
  ])('%s %s → %s (%s)', (credential, kind, expected) => {
    const dx = kind.startsWith('hbai') || kind === 'em_visit' ? 'E11.9' : 'F32.1';
    expect(billed([service({ credential, kind, primaryDiagnosis: dx, minutes: 30 })])).toBe(expected);
  });

  it('the refusal names the credential, code, payer and tagged source', () => {
    const day = codeServiceDay([service({ credential: 'rn' })], rules, ctx);
    expect(day.skips[0]!.reason).toBe(
      '90834 may not be billed by a nurse for medicare under rule pack 2026-medicare-v1 (other-codes.md §1; billing.md §3 (MHC/MFT enrol in Medicare from 2024) [V])',
    );
  });
});

describe('same-day edits', () => {
  const hbai = (minutes: number) =>
    service({ kind: 'hbai_individual', minutes, primaryDiagnosis: 'E11.9', credential: 'psychologist' });
  it.each([
    [
      [hbai(45), service({ minutes: 30, credential: 'psychologist' })],
      '96158 96159',
      'HBAI predominant (45 > 30) [P]',
    ],
    [
      [hbai(20), service({ minutes: 45, credential: 'psychologist' })],
      '90834',
      'psychotherapy predominant (45 > 20) [P]',
    ],
    [
      [hbai(40), service({ minutes: 40, credential: 'psychologist' })],
      '90834',
      'a tie keeps the psychiatric code [U]',
    ],
  ])('%#: HBAI and psychiatric codes the same day → %s (other-codes.md §2: %s)', (services, expected) => {
    expect(billed(services)).toBe(expected);
  });

  it('HBAI on another day is not affected (the edit is per day)', () => {
    const a = codeServiceDay([hbai(45)], rules, ctx);
    const b = codeServiceDay([service({ minutes: 40, date: '2026-03-11' })], rules, ctx);
    expect([a.lines.length, b.lines.length]).toEqual([2, 1]);
  });

  const pcpVisit = () =>
    service({ kind: 'em_visit', minutes: 25, clinicianId: 'pcp', credential: 'md', primaryDiagnosis: 'I10' });
  const orderRules = (order: ['medical' | 'behavioral', 'medical' | 'behavioral']): EncounterRules => ({
    ...rules,
    sameDay: { ...rules.sameDay, oneVisitPerDay: { mode: 'order', order } },
  });
  const medicaid = { payer: 'medicaid' as const, packId: 'state-medicaid' };

  it.each<[['medical' | 'behavioral', 'medical' | 'behavioral'], string, string]>([
    [['medical', 'behavioral'], '99213', 'medical first: the BH visit is dropped'],
    [['behavioral', 'medical'], '90834', 'behavioral first: the E/M is dropped'],
  ])('one visit per day, order %j → %s (%s)', (order, expected) => {
    expect(billed([pcpVisit(), service()], orderRules(order), medicaid)).toBe(expected);
  });

  it('one visit per day in flag mode keeps both lines and marks them for review', () => {
    const flagRules: EncounterRules = {
      ...rules,
      sameDay: { ...rules.sameDay, oneVisitPerDay: { mode: 'flag' } },
    };
    const day = codeServiceDay([pcpVisit(), service()], flagRules, medicaid);
    expect(day.lines.map((l) => [l.code, l.review])).toEqual([
      ['99213', true],
      ['90834', true],
    ]);
    expect(day.lines[0]!.reasons.at(-1)).toMatch(
      /^review: medicaid pays one medical or behavioral health visit per day/,
    );
  });

  it('Medicare has no one-visit-per-day rule: both bill (other-codes.md §3)', () => {
    expect(billed([pcpVisit(), service()])).toBe('99213 90834');
  });

  it('an E/M with its psychotherapy add-on is one medical visit, kept whole under medical-first', () => {
    const em = service({
      kind: 'em_visit',
      minutes: 30,
      clinicianId: 'np',
      credential: 'np',
      primaryDiagnosis: 'F32.1',
    });
    const addOn = service({ minutes: 40, clinicianId: 'np', credential: 'np' });
    const other = service({ kind: 'diagnostic_evaluation' });
    expect(billed([em, addOn, other], orderRules(['medical', 'behavioral']), medicaid)).toBe('99214 90836');
  });
});

describe('encounter rules in the packs', () => {
  it.each([
    [MEDICARE_2025, 'CY2025'],
    [MEDICARE_2026, 'CY2026'],
  ])('the Medicare pack %#: carries the encounter rules (%s)', (pack) => {
    expect(encounterRulesFor(pack)).toEqual(MEDICARE_ENCOUNTER_RULES);
  });

  it('a stored whole pack without encounter rules or the clinician role still validates and codes under Medicare', () => {
    const stored = structuredClone(MEDICARE_2025) as Record<string, unknown> & typeof MEDICARE_2025;
    delete (stored as Partial<typeof stored>).encounter;
    delete (stored.counting.roles.cocm as Partial<typeof stored.counting.roles.cocm>).bh_clinician;
    const result = validatePack(stored);
    expect(result.success).toBe(true);
    expect(result.data!.counting.roles.cocm.bh_clinician).toBe('none');
    expect(encounterRulesFor(result.data!)).toBe(MEDICARE_ENCOUNTER_RULES);
  });

  it('a payer override can set the one-visit-per-day rule', () => {
    const pack = applyPayerOverride(MEDICARE_2026, {
      id: 'state-medicaid',
      payer: 'medicaid',
      encounter: { sameDay: { oneVisitPerDay: { mode: 'flag' } } },
    });
    expect(encounterRulesFor(pack).sameDay).toEqual({
      hbaiWithPsychiatric: 'predominant',
      oneVisitPerDay: { mode: 'flag' },
    });
  });

  it.each<[Record<string, unknown>, string, string]>([
    [
      {
        psychotherapy: {
          alone: [
            { code: '90834', fromMinutes: 38 },
            { code: '90832', fromMinutes: 16 },
          ],
        },
      },
      'encounter.psychotherapy.alone.1.fromMinutes',
      'bands must increase',
    ],
    [
      { hbai: { individual: { addOn: { fromMinutes: 10 } } } },
      'encounter.hbai.individual.addOn.fromMinutes',
      'add-on above base',
    ],
  ])('an override breaking the encounter rules is refused at %#: (%s)', (encounter, path) => {
    expect(() => applyPayerOverride(MEDICARE_2026, { id: 'x', payer: 'other', encounter } as never)).toThrow(
      expect.objectContaining({
        issues: expect.arrayContaining([
          expect.objectContaining({ path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) }),
        ]),
      }),
    );
  });
});
