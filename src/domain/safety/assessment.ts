// The structured suicide-risk assessment record and its required elements (suicide-risk.md §2).
import { z } from 'zod';
import {
  ED_TRANSFER,
  RISK_LEVELS,
  SAFETY_DISPOSITIONS,
  type RiskLevel,
  type SafetyDisposition,
  type SafetyPathway,
} from './pathway.js';

/** "is required" when the field is absent, else the given hint: every missing element is named. */
const need = (hint: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : hint),
});

const text = (max: number) => z.string(need('must be text')).trim().max(max, `at most ${max} characters`);
const requiredText = (max: number) => text(max).min(1, 'is required');
const instant = z.iso.datetime({
  offset: true,
  ...need('must be an ISO 8601 time with an offset, e.g. 2026-10-31T23:30:00-07:00'),
});
const day = z.iso.date(need('must be a date YYYY-MM-DD'));
const yesNo = z.boolean(need('must be true or false'));
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, need(`must be one of ${values.join(', ')}`));

export const TRIGGER_KINDS = ['screening', 'verbal_disclosure'] as const;
export const IDEATION_TYPES = ['none', 'passive', 'active'] as const;
/** suicide-risk.md §2 "means and access" (SPI step 6). */
export const MEANS_ACCESS = ['firearm', 'medications', 'other'] as const;
export const MEANS_ACTIONS = ['lethal_means_counseling', 'removal', 'locked_storage'] as const;
/** suicide-risk.md §2 "notified": PCP, family/collateral, emergency services, each with a time. */
export const NOTIFIED_PARTIES = ['pcp', 'family_collateral', 'emergency_services'] as const;
export type NotifiedParty = (typeof NOTIFIED_PARTIES)[number];

export const RISK_FACTORS = [
  'prior_attempt',
  'recent_loss',
  'substance_use',
  'chronic_pain_or_illness',
  'social_isolation',
  'hopelessness',
  'recent_discharge',
  'access_to_firearm',
] as const;
export const PROTECTIVE_FACTORS = [
  'reasons_for_living',
  'social_support',
  'children_or_pets',
  'engaged_in_care',
  'religious_or_moral_objection',
  'coping_skills',
] as const;

const checklist = <T extends readonly [string, ...string[]]>(values: T) =>
  z.strictObject({
    items: z.array(choice(values), need('must be a list (empty when none)')),
    notes: text(2000).optional(),
  });

/**
 * One assessment as the clinician records it. Every element of suicide-risk.md §2 is a required key
 * (NPSG EP 3: ideation, plan, intent, behaviour, risk and protective factors; EP 4: level and plan).
 * `followUp` is present but may be null: only an ED transfer may leave it out (checked below).
 */
export const riskAssessmentSchema = z
  .strictObject({
    assessedAt: instant,
    episodeId: z.uuid('must be an id (UUID)').nullable().optional(),
    trigger: z.strictObject({
      kind: choice(TRIGGER_KINDS),
      /** The positive PHQ-9 item 9 / C-SSRS / ASQ screening; null for a verbal disclosure. */
      screeningId: z.uuid('must be an id (UUID)').nullable().optional(),
    }),
    ideation: z.strictObject({
      type: choice(IDEATION_TYPES),
      /** Most recent occurrence; null only when there is none. */
      mostRecentOn: day.nullable(),
    }),
    plan: z.strictObject({ present: yesNo, details: text(2000).optional() }),
    intent: z.strictObject({ present: yesNo }),
    means: z.strictObject({
      access: z.array(choice(MEANS_ACCESS), need('must be a list (empty when none)')),
      methods: text(2000).optional(),
      actions: z.array(choice(MEANS_ACTIONS), need('must be a list (empty when nothing was done)')),
    }),
    behaviour: z.strictObject({
      pastAttempts: yesNo,
      lastAttemptOn: day.nullable().optional(),
      preparatoryActs: yesNo,
      selfHarm: yesNo,
    }),
    riskFactors: checklist(RISK_FACTORS),
    protectiveFactors: checklist(PROTECTIVE_FACTORS),
    homicidalIdeation: yesNo,
    riskLevel: choice(RISK_LEVELS),
    disposition: choice(SAFETY_DISPOSITIONS),
    rationale: requiredText(4000),
    notified: z.strictObject({
      parties: z.array(
        z.strictObject({ party: choice(NOTIFIED_PARTIES), at: instant }),
        need('must be a list'),
      ),
      /** Why nobody was notified; required when `parties` is empty. */
      noneReason: text(1000).optional(),
    }),
    followUp: z.strictObject({ at: instant, staffId: z.uuid('must be an id (UUID)') }).nullable(),
  })
  .superRefine((a, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    // suicide-risk.md §2: "a date/time and who; 'as needed' is not allowed", except when the ED takes over.
    if (a.followUp === null && a.disposition !== ED_TRANSFER) {
      issue(['followUp'], `is required unless the disposition is ${ED_TRANSFER}`);
    }
    if (a.followUp !== null && Date.parse(a.followUp.at) <= Date.parse(a.assessedAt)) {
      issue(['followUp', 'at'], 'must be after assessedAt');
    }
    if (a.trigger.kind === 'screening' && !a.trigger.screeningId) {
      issue(['trigger', 'screeningId'], 'is required when the trigger is a screening');
    }
    if (a.ideation.type !== 'none' && a.ideation.mostRecentOn === null) {
      issue(['ideation', 'mostRecentOn'], 'is required when there is ideation');
    }
    if (a.plan.present && !a.plan.details) issue(['plan', 'details'], 'is required when a plan is present');
    if (a.behaviour.pastAttempts && !a.behaviour.lastAttemptOn) {
      issue(['behaviour', 'lastAttemptOn'], 'is required when there were past attempts');
    }
    // SPI step 6: access to a method without any step taken about it is not a documented plan.
    if (a.means.access.length > 0 && a.means.actions.length === 0) {
      issue(['means', 'actions'], 'say what was done about the access to means');
    }
    if (a.notified.parties.length === 0 && !a.notified.noneReason) {
      issue(['notified', 'noneReason'], 'is required when nobody was notified');
    }
  });
export type RiskAssessmentInput = z.output<typeof riskAssessmentSchema>;

export interface PathwayIssue {
  field: string;
  reason: string;
}

/** Checks the assessment against the clinic pathway: the disposition must be one its level allows. */
export function pathwayIssues(
  a: { riskLevel: RiskLevel; disposition: SafetyDisposition },
  pathway: SafetyPathway,
): PathwayIssue[] {
  const allowed = pathway[a.riskLevel].dispositions;
  return allowed.includes(a.disposition)
    ? []
    : [
        {
          field: 'disposition',
          reason: `${a.disposition} is not on the clinic pathway for ${a.riskLevel} risk (allowed: ${allowed.join(', ')})`,
        },
      ];
}
