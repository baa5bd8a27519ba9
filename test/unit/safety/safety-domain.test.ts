// Suicide-risk rules: required assessment elements, the pathway by level, its tasks, the plan, the registry status.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SAFETY_PATHWAY,
  crisisContacts,
  pathwayIssues,
  planTasks,
  riskAssessmentSchema,
  riskStatus,
  safetyPathwaySchema,
  safetyPlanSchema,
  type RiskAssessmentInput,
} from '../../../src/domain/safety/index.js';

const LA = 'America/Los_Angeles';
// Thursday 2026-01-15 09:00 PST (UTC−8).
const AT = '2026-01-15T09:00:00-08:00';
const STAFF = '00000000-0000-4000-8000-000000000001';
const SCREENING = '00000000-0000-4000-8000-000000000002';

function assessment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    assessedAt: AT,
    trigger: { kind: 'screening', screeningId: SCREENING },
    ideation: { type: 'passive', mostRecentOn: '2026-01-14' },
    plan: { present: false },
    intent: { present: false },
    means: { access: ['medications'], actions: ['lethal_means_counseling'] },
    behaviour: { pastAttempts: false, preparatoryActs: false, selfHarm: false },
    riskFactors: { items: ['hopelessness'] },
    protectiveFactors: { items: ['social_support'] },
    homicidalIdeation: false,
    riskLevel: 'moderate',
    disposition: 'urgent_bh_follow_up',
    rationale: 'Passive ideation, no plan or intent, engaged family.',
    notified: { parties: [{ party: 'pcp', at: AT }] },
    followUp: { at: '2026-01-17T10:00:00-08:00', staffId: STAFF },
    ...overrides,
  };
}

const parse = (value: unknown) => riskAssessmentSchema.parse(value);
const issuesOf = (value: unknown) =>
  (riskAssessmentSchema.safeParse(value).error?.issues ?? []).map((i) => ({
    field: i.path.join('.'),
    reason: i.message,
  }));

describe('required elements of the assessment (suicide-risk.md §2, NPSG.15.01.01 EP 3–4)', () => {
  it('accepts a complete moderate-risk assessment', () => {
    expect(riskAssessmentSchema.safeParse(assessment()).success).toBe(true);
  });

  it('names every missing element at once', () => {
    const fields = issuesOf({ assessedAt: AT }).map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'trigger',
        'ideation',
        'plan',
        'intent',
        'means',
        'behaviour',
        'riskFactors',
        'protectiveFactors',
        'homicidalIdeation',
        'riskLevel',
        'disposition',
        'rationale',
        'notified',
        'followUp',
      ]),
    );
    expect(issuesOf({ assessedAt: AT }).find((i) => i.field === 'rationale')?.reason).toBe('is required');
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'rationale is required text (seed §8.2: rationale for the disposition)',
      { rationale: '   ' },
      'rationale',
    ],
    [
      'a follow-up time is required unless ED transfer ("not vague follow up as needed")',
      { followUp: null },
      'followUp',
    ],
    ['the follow-up comes after the assessment', { followUp: { at: AT, staffId: STAFF } }, 'followUp.at'],
    [
      'a screening trigger names its screening (suicide-risk.md §2 trigger)',
      { trigger: { kind: 'screening' } },
      'trigger.screeningId',
    ],
    [
      'ideation other than none has a most recent occurrence (§2 suicidal ideation)',
      { ideation: { type: 'active', mostRecentOn: null } },
      'ideation.mostRecentOn',
    ],
    ['a present plan is described (§2 plan)', { plan: { present: true } }, 'plan.details'],
    [
      'past attempts say when (§2 behaviour)',
      { behaviour: { pastAttempts: true, preparatoryActs: false, selfHarm: false } },
      'behaviour.lastAttemptOn',
    ],
    [
      'access to means records what was done (§2 means, SPI step 6)',
      { means: { access: ['firearm'], actions: [] } },
      'means.actions',
    ],
    ['nobody notified needs a reason (§2 notified)', { notified: { parties: [] } }, 'notified.noneReason'],
    ['risk level is low, moderate or high (§2 risk level)', { riskLevel: 'uncertain' }, 'riskLevel'],
  ])('%s', (_rule, overrides, field) => {
    expect(issuesOf(assessment(overrides)).map((i) => i.field)).toEqual([field]);
  });

  it('lets an ED transfer leave the follow-up out (the emergency department takes over)', () => {
    const value = assessment({ riskLevel: 'high', disposition: 'ed_transfer', followUp: null });
    expect(riskAssessmentSchema.safeParse(value).success).toBe(true);
  });
});

describe('pathway by level (suicide-risk.md §3 defaults, clinic-editable)', () => {
  it.each<[string, 'low' | 'moderate' | 'high', string, boolean]>([
    ['low → outpatient BH follow-up', 'low', 'outpatient_bh_follow_up', true],
    ['low may not be sent to urgent follow-up by default', 'low', 'urgent_bh_follow_up', false],
    ['moderate → urgent BH appointment', 'moderate', 'urgent_bh_follow_up', true],
    ['moderate may escalate to ED transfer', 'moderate', 'ed_transfer', true],
    ['high → emergency evaluation only', 'high', 'ed_transfer', true],
    ['high never goes to outpatient follow-up', 'high', 'outpatient_bh_follow_up', false],
  ])('%s', (_rule, riskLevel, disposition, allowed) => {
    const issues = pathwayIssues(
      { riskLevel, disposition: disposition as RiskAssessmentInput['disposition'] },
      DEFAULT_SAFETY_PATHWAY,
    );
    expect(issues.length === 0).toBe(allowed);
    if (!allowed) expect(issues[0]?.field).toBe('disposition');
  });

  it.each<[string, unknown, string]>([
    [
      'high risk must keep ed_transfer (suicide-risk.md §3 emergency evaluation)',
      { ...DEFAULT_SAFETY_PATHWAY, high: { dispositions: ['urgent_bh_follow_up'], requirements: [] } },
      'high.dispositions',
    ],
    [
      'a check-in needs an interval ("more frequent check-ins")',
      {
        ...DEFAULT_SAFETY_PATHWAY,
        moderate: {
          dispositions: ['urgent_bh_follow_up'],
          requirements: [{ code: 'check_in', label: 'Call', due: null }],
        },
      },
      'moderate.requirements.0.everyDays',
    ],
    [
      'a requirement other than check-in needs a due time (time frames are data, §3)',
      {
        ...DEFAULT_SAFETY_PATHWAY,
        low: {
          dispositions: ['outpatient_bh_follow_up'],
          requirements: [{ code: 'safety_plan', label: 'Plan', due: null }],
        },
      },
      'low.requirements.0.due',
    ],
  ])('refuses a pathway where %s', (_rule, pathway, field) => {
    const error = safetyPathwaySchema.safeParse(pathway).error;
    expect(error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('accepts its own defaults', () => {
    expect(safetyPathwaySchema.safeParse(DEFAULT_SAFETY_PATHWAY).success).toBe(true);
  });
});

describe('requirements per level become tasks with due times (suicide-risk.md §3, [U] time frames)', () => {
  const plan = (overrides: Record<string, unknown>) =>
    planTasks(parse(assessment(overrides)), DEFAULT_SAFETY_PATHWAY, LA);

  it.each<[string, Record<string, unknown>, [string, string, boolean][]]>([
    [
      'low: safety plan today, BH follow-up at the chosen time (≤ 7 days), PCP informed met by the record',
      {
        riskLevel: 'low',
        disposition: 'outpatient_bh_follow_up',
        followUp: { at: '2026-01-20T10:00:00-08:00', staffId: STAFF },
      },
      [
        ['safety_plan', '2026-01-16T07:59:59.999Z', false],
        ['bh_follow_up', '2026-01-20T18:00:00.000Z', false],
        ['pcp_informed', '2026-01-16T07:59:59.999Z', true],
      ],
    ],
    [
      'moderate: urgent BH ≤ 72 h, collateral in 24 h, weekly check-ins only before the follow-up',
      { followUp: { at: '2026-01-18T08:00:00-08:00', staffId: STAFF } },
      [
        ['safety_plan', '2026-01-16T07:59:59.999Z', false],
        ['bh_follow_up', '2026-01-18T16:00:00.000Z', false],
        ['pcp_informed', '2026-01-16T07:59:59.999Z', true],
        ['collateral_contact', '2026-01-16T17:00:00.000Z', false],
      ],
    ],
    [
      'high: ED evaluation, PCP informed and hold paperwork the same day; no follow-up or check-ins',
      {
        riskLevel: 'high',
        disposition: 'ed_transfer',
        followUp: null,
        notified: { parties: [{ party: 'emergency_services', at: AT }] },
      },
      [
        ['ed_evaluation', '2026-01-16T07:59:59.999Z', false],
        ['pcp_informed', '2026-01-16T07:59:59.999Z', false],
        ['hold_paperwork', '2026-01-16T07:59:59.999Z', false],
      ],
    ],
  ])('%s', (_rule, overrides, expected) => {
    const { tasks, issues } = plan(overrides);
    expect(issues).toEqual([]);
    expect(tasks.map((t) => [t.code, t.dueAt.toISOString(), t.metBy !== null])).toEqual(expected);
  });

  it('plans a check-in every 7 days until a later follow-up (moderate: "more frequent check-ins")', () => {
    const custom = {
      ...DEFAULT_SAFETY_PATHWAY,
      moderate: {
        ...DEFAULT_SAFETY_PATHWAY.moderate,
        requirements: DEFAULT_SAFETY_PATHWAY.moderate.requirements.map((r) =>
          r.code === 'bh_follow_up' ? { ...r, due: { days: 30 } } : r,
        ),
      },
    };
    const { tasks } = planTasks(
      parse(assessment({ followUp: { at: '2026-02-01T09:00:00-08:00', staffId: STAFF } })),
      custom,
      LA,
    );
    expect(tasks.filter((t) => t.code === 'check_in').map((t) => t.dueAt.toISOString())).toEqual([
      '2026-01-22T17:00:00.000Z',
      '2026-01-29T17:00:00.000Z',
    ]);
  });

  it.each<[string, string, Record<string, unknown>]>([
    [
      'low: a follow-up later than 7 days breaks the pathway',
      '2026-01-23T10:00:00-08:00',
      { riskLevel: 'low', disposition: 'outpatient_bh_follow_up' },
    ],
    ['moderate: a follow-up later than 72 hours breaks the pathway', '2026-01-18T09:00:01-08:00', {}],
  ])('%s', (_rule, at, overrides) => {
    const { issues } = plan({ ...overrides, followUp: { at, staffId: STAFF } });
    expect(issues.map((i) => i.field)).toEqual(['followUp.at']);
  });
});

describe('safety plan (Stanley–Brown, suicide-risk.md §4)', () => {
  const plan = {
    warningSigns: ['Not sleeping'],
    internalCoping: ['Walk the dog'],
    distractions: { people: [], places: ['Library'] },
    helpContacts: [{ name: 'Sister', phone: '555-0100' }],
    professionals: [{ name: 'Clinic BH line', phone: '555-0199' }],
    safeEnvironment: ['Medications locked by spouse'],
  };

  it.each<[string, string]>([
    ['step 1 warning signs', 'warningSigns'],
    ['step 2 internal coping', 'internalCoping'],
    ['step 6 making the environment safe', 'safeEnvironment'],
  ])('requires at least one entry in %s', (_step, field) => {
    const error = safetyPlanSchema.safeParse({ ...plan, [field]: [] }).error;
    expect(error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
  });

  it('always lists 988 and 911 after the clinic’s professionals (step 5)', () => {
    expect(crisisContacts(plan).map((c) => c.phone)).toEqual(['555-0199', '988', '911']);
    expect(crisisContacts({ professionals: [{ name: '988 Lifeline', phone: '9-8-8' }] })).toHaveLength(2);
  });
});

describe('registry status from the latest assessment (issue 14 §4)', () => {
  const base = { assessedAt: new Date('2026-01-15T17:00:00Z'), followUpAt: new Date('2026-01-18T17:00:00Z') };
  const now = new Date('2026-01-20T12:00:00Z');

  it.each<[string, Parameters<typeof riskStatus>[0], string | null, boolean, boolean]>([
    ['no assessment: nothing to say', null, null, false, false],
    [
      'moderate with follow-up done: still flagged at its level',
      { ...base, riskLevel: 'moderate', followUpDoneAt: new Date('2026-01-18T16:00:00Z') },
      'moderate',
      true,
      false,
    ],
    [
      'low with follow-up done: cleared',
      { ...base, riskLevel: 'low', followUpDoneAt: new Date('2026-01-18T16:00:00Z') },
      null,
      false,
      false,
    ],
    [
      'low with follow-up past due and not done: flagged and overdue',
      { ...base, riskLevel: 'low', followUpDoneAt: null },
      'low',
      true,
      true,
    ],
    [
      'high after ED transfer (no follow-up): flagged, never overdue',
      { ...base, riskLevel: 'high', followUpAt: null, followUpDoneAt: null },
      'high',
      true,
      false,
    ],
  ])('%s', (_rule, latest, level, flagged, overdue) => {
    const status = riskStatus(latest, now, LA);
    expect(status.openLevel).toBe(level);
    expect(status.riskReason !== null).toBe(flagged);
    expect(status.overdueReason !== null).toBe(overdue);
  });

  it('dates the reason in the clinic’s zone', () => {
    const late = { ...base, assessedAt: new Date('2026-01-16T05:00:00Z'), riskLevel: 'high' as const };
    expect(riskStatus({ ...late, followUpDoneAt: null }, now, LA).riskReason).toBe(
      'High suicide risk assessed on 2026-01-15',
    );
  });
});
