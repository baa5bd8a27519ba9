// The screening questionnaires as the entry form shows them: paraphrased item wording, answer choices,
// skip logic and how the answers list is sent. Scoring stays on the server.
import { INSTRUMENTS } from '@server/domain/instruments';
import { isCssrsYes } from '@server/domain/instruments/c-ssrs-screen';
import { isPhq9Item9Positive } from '@server/domain/instruments/phq9';
import { INSTRUMENT_CODES, type Answer, type InstrumentCode } from '@server/domain/instruments/types';

export interface Choice {
  value: number;
  label: string;
}

export interface ItemDef {
  /** Printed item number ("9", "6b"). */
  number: string;
  text: string;
  choices: Choice[];
  /** Not needed to score (e.g. the difficulty item); may be left unanswered. */
  optional?: boolean;
  /** The domain's rule for when an answer starts the safety protocol: the form says so as soon as it is chosen. */
  safety?: (answer: number) => boolean;
  /** Asked only when this returns true for the answers so far (the domain's skip logic). */
  askedIf?: (answers: Draft) => boolean;
}

export interface InstrumentDef {
  code: InstrumentCode;
  name: string;
  title: string;
  /** Recall period and stem read to the patient. */
  stem: string;
  items: ItemDef[];
  /** Answers the server requires (the domain's count); later items (difficulty, C-SSRS 6b) may be left off. */
  answerCount: number;
  attribution: string;
}

/** One slot per item, `undefined` until answered. */
export type Draft = (number | undefined)[];

const PHQ_SCALE: Choice[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

const DIFFICULTY: Choice[] = [
  { value: 0, label: 'Not difficult at all' },
  { value: 1, label: 'Somewhat difficult' },
  { value: 2, label: 'Very difficult' },
  { value: 3, label: 'Extremely difficult' },
];

const YES_NO: Choice[] = [
  { value: 0, label: 'No' },
  { value: 1, label: 'Yes' },
];

const PHQ_ATTRIBUTION =
  'Patient Health Questionnaire (PHQ) by Drs. Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke and ' +
  'colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce.';
const GAD_ATTRIBUTION =
  'Generalized Anxiety Disorder scale (GAD-7) by Drs. Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke ' +
  'and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce.';

const PHQ9_ITEMS: ItemDef[] = [
  { number: '1', text: 'Little interest or pleasure in doing things', choices: PHQ_SCALE },
  { number: '2', text: 'Feeling down, depressed, or hopeless', choices: PHQ_SCALE },
  { number: '3', text: 'Trouble falling or staying asleep, or sleeping too much', choices: PHQ_SCALE },
  { number: '4', text: 'Feeling tired or having little energy', choices: PHQ_SCALE },
  { number: '5', text: 'Poor appetite or overeating', choices: PHQ_SCALE },
  {
    number: '6',
    text: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    choices: PHQ_SCALE,
  },
  { number: '7', text: 'Trouble concentrating on things', choices: PHQ_SCALE },
  {
    number: '8',
    text: 'Moving or speaking so slowly that others could notice — or being so fidgety or restless that you move around a lot more than usual',
    choices: PHQ_SCALE,
  },
  {
    number: '9',
    text: 'Thoughts that you would be better off dead, or of hurting yourself in some way',
    choices: PHQ_SCALE,
    safety: isPhq9Item9Positive,
  },
];

const GAD7_ITEMS: ItemDef[] = [
  { number: '1', text: 'Feeling nervous, anxious, or on edge', choices: PHQ_SCALE },
  { number: '2', text: 'Not being able to stop or control worrying', choices: PHQ_SCALE },
  { number: '3', text: 'Worrying too much about different things', choices: PHQ_SCALE },
  { number: '4', text: 'Trouble relaxing', choices: PHQ_SCALE },
  { number: '5', text: 'Being so restless that it is hard to sit still', choices: PHQ_SCALE },
  { number: '6', text: 'Becoming easily annoyed or irritable', choices: PHQ_SCALE },
  { number: '7', text: 'Feeling afraid, as if something awful might happen', choices: PHQ_SCALE },
];

const difficultyItem = (number: string): ItemDef => ({
  number,
  text: 'If any problems were checked: how difficult have they made it to work, take care of things at home, or get along with other people? (not scored)',
  choices: DIFFICULTY,
  optional: true,
});

const FORMS: Record<InstrumentCode, Omit<InstrumentDef, 'answerCount'>> = {
  'phq-9': {
    code: 'phq-9',
    name: 'PHQ-9',
    title: 'Depression (PHQ-9)',
    stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    items: [...PHQ9_ITEMS, difficultyItem('10')],
    attribution: PHQ_ATTRIBUTION,
  },
  'phq-2': {
    code: 'phq-2',
    name: 'PHQ-2',
    title: 'Depression quick screen (PHQ-2)',
    stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    items: PHQ9_ITEMS.slice(0, 2),
    attribution: PHQ_ATTRIBUTION,
  },
  'gad-7': {
    code: 'gad-7',
    name: 'GAD-7',
    title: 'Anxiety (GAD-7)',
    stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    items: [...GAD7_ITEMS, difficultyItem('8')],
    attribution: GAD_ATTRIBUTION,
  },
  'gad-2': {
    code: 'gad-2',
    name: 'GAD-2',
    title: 'Anxiety quick screen (GAD-2)',
    stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    items: GAD7_ITEMS.slice(0, 2),
    attribution: GAD_ATTRIBUTION,
  },
  'audit-c': {
    code: 'audit-c',
    name: 'AUDIT-C',
    title: 'Alcohol use (AUDIT-C)',
    stem: 'Thinking about the past year:',
    items: [
      {
        number: '1',
        text: 'How often do you have a drink containing alcohol?',
        choices: [
          { value: 0, label: 'Never' },
          { value: 1, label: 'Monthly or less' },
          { value: 2, label: '2–4 times a month' },
          { value: 3, label: '2–3 times a week' },
          { value: 4, label: '4 or more times a week' },
        ],
      },
      {
        number: '2',
        text: 'How many drinks containing alcohol do you have on a typical day when you are drinking?',
        choices: [
          { value: 0, label: '1 or 2' },
          { value: 1, label: '3 or 4' },
          { value: 2, label: '5 or 6' },
          { value: 3, label: '7 to 9' },
          { value: 4, label: '10 or more' },
        ],
      },
      {
        number: '3',
        text: 'How often do you have 6 or more drinks on one occasion?',
        choices: [
          { value: 0, label: 'Never' },
          { value: 1, label: 'Less than monthly' },
          { value: 2, label: 'Monthly' },
          { value: 3, label: 'Weekly' },
          { value: 4, label: 'Daily or almost daily' },
        ],
      },
    ],
    attribution:
      'AUDIT-C (Bush K et al., 1998), the first three questions of the WHO Alcohol Use Disorders ' +
      'Identification Test. Public domain.',
  },
  'pc-ptsd-5': {
    code: 'pc-ptsd-5',
    name: 'PC-PTSD-5',
    title: 'Trauma (PC-PTSD-5)',
    stem: 'Sometimes things happen to people that are unusually or especially frightening, horrible, or traumatic.',
    items: [
      {
        number: 'A',
        text: 'Have you ever experienced this kind of event?',
        choices: YES_NO,
      },
      ...[
        'Had nightmares about the event(s) or thought about them when you did not want to',
        'Tried hard not to think about the event(s) or went out of your way to avoid situations that reminded you of them',
        'Been constantly on guard, watchful, or easily startled',
        'Felt numb or detached from people, activities, or your surroundings',
        'Felt guilty or unable to stop blaming yourself or others for the event(s) or any problems they may have caused',
      ].map((text, i): ItemDef => ({
        number: String(i + 1),
        text: `In the past month, have you: ${text.charAt(0).toLowerCase()}${text.slice(1)}?`,
        choices: YES_NO,
      })),
    ],
    attribution:
      'Primary Care PTSD Screen for DSM-5 (Prins A et al., 2016), National Center for PTSD, U.S. Department ' +
      'of Veterans Affairs. Public domain.',
  },
  'c-ssrs-screen': {
    code: 'c-ssrs-screen',
    name: 'C-SSRS screen',
    title: 'Suicide risk (C-SSRS screen)',
    stem: 'In the past month (item 6: ever in your life):',
    items: [
      {
        number: '1',
        text: 'Have you wished you were dead, or wished you could go to sleep and not wake up?',
        choices: YES_NO,
        safety: isCssrsYes,
      },
      {
        number: '2',
        text: 'Have you actually had any thoughts of killing yourself?',
        choices: YES_NO,
        safety: isCssrsYes,
      },
      {
        number: '3',
        text: 'Have you been thinking about how you might do this?',
        choices: YES_NO,
        safety: isCssrsYes,
      },
      {
        number: '4',
        text: 'Have you had these thoughts and had some intention of acting on them?',
        choices: YES_NO,
        safety: isCssrsYes,
      },
      {
        number: '5',
        text: 'Have you started to work out, or worked out, the details of how to kill yourself, and do you intend to carry out this plan?',
        choices: YES_NO,
        safety: isCssrsYes,
      },
      {
        number: '6',
        text: 'Have you ever done anything, started to do anything, or prepared to do anything to end your life?',
        choices: YES_NO,
        safety: isCssrsYes,
      },
      {
        number: '6b',
        text: 'Was this within the past 3 months?',
        choices: YES_NO,
        safety: isCssrsYes,
      },
    ],
    attribution:
      'Columbia–Suicide Severity Rating Scale, Screen Version (Posner K et al.), The Columbia Lighthouse ' +
      'Project. Free for clinical use.',
  },
};

/**
 * The forms with what the server's definitions decide: how many answers are required and which items
 * skip logic asks (the item at the same position in the domain's instrument).
 */
export const INSTRUMENT_DEFS = Object.fromEntries(
  INSTRUMENT_CODES.map((code) => {
    const domain = INSTRUMENTS[code];
    const form = FORMS[code];
    const items = form.items.map((item, i): ItemDef => {
      const when = domain.items[i]?.askedWhen;
      return when ? { ...item, askedIf: (a: Draft) => a[when.item] === when.is } : item;
    });
    return [code, { ...form, items, answerCount: domain.requiredCount }];
  }),
) as Record<InstrumentCode, InstrumentDef>;

/** Instruments in the order the picker offers them. */
export const INSTRUMENT_ORDER: InstrumentCode[] = [
  'phq-9',
  'gad-7',
  'phq-2',
  'gad-2',
  'c-ssrs-screen',
  'audit-c',
  'pc-ptsd-5',
];

export const WORDING_NOTE =
  'Item wording is paraphrased in this build. Use the validated wording from the instrument owner when screening.';

export const isAsked = (item: ItemDef, draft: Draft): boolean => item.askedIf?.(draft) ?? true;

/** Indexes of asked, required items still unanswered. */
export function missingItems(def: InstrumentDef, draft: Draft): number[] {
  return def.items.flatMap((item, i) =>
    isAsked(item, draft) && !item.optional && draft[i] === undefined ? [i] : [],
  );
}

/**
 * The `answers` list the API takes: one slot per item, `null` for items skip logic did not ask, and
 * trailing slots past the required count dropped while unanswered.
 */
export function answersFor(def: InstrumentDef, draft: Draft): Answer[] {
  const answers: Answer[] = def.items.map((item, i) => (isAsked(item, draft) ? (draft[i] ?? null) : null));
  while (answers.length > def.answerCount && answers[answers.length - 1] === null) answers.pop();
  return answers;
}

/** The item an issue path like `answers.8` points at, if any. */
export function itemIndexOf(field: string): number | null {
  const match = /^answers\.(\d+)$/.exec(field);
  return match ? Number(match[1]) : null;
}

/** True when this item's chosen answer starts the safety protocol. */
export const startsSafety = (item: ItemDef, answer: number | undefined): boolean =>
  answer !== undefined && (item.safety?.(answer) ?? false);
