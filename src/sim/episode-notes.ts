// The care manager's notes: treatment plan, progress, risk summaries, relapse prevention, discharge.
import { isPhq9Item9Positive } from '../domain/instruments/phq9.js';
import type { DischargeReason } from '../domain/registry/episode-status.js';
import type { NoteKind } from '../domain/registry/notes-visibility.js';
import type { Touch } from './care-touches.js';
import type { MeasureCode } from './episode-plan.js';
import type { Random } from './random.js';
import type { Measurement } from './symptom-course.js';

export interface NoteDraft {
  ago: number;
  minute: number;
  kind: NoteKind;
  body: string;
}

export interface NoteInput {
  touches: readonly Touch[];
  measurements: readonly Measurement[];
  measure: MeasureCode;
  baseline: number;
  stepDownAgo: number | null;
  silentFromAgo: number | null;
  discharge: { ago: number; reason: DischargeReason } | null;
}

const PROGRESS = [
  'Reviewed behavioral activation log; two planned activities completed this week.',
  'Sleep improving; practising the wind-down routine most nights.',
  'Discussed stressors at work; problem-solving steps agreed for the coming week.',
  'Medication taken daily; mild nausea in the first week, now resolved.',
  'Reconnected with a friend; walking three times a week.',
  'Worry episodes shorter; using scheduled worry time.',
];

const DISCHARGE_TEXT: Readonly<Record<DischargeReason, string>> = {
  completed:
    'Treatment goals met and relapse prevention plan in place; returned to the PCP for ongoing care.',
  referred_to_specialty: 'Referred to outpatient psychiatry per case review; warm handoff completed.',
  declined_or_withdrew: 'Patient declined collaborative care after the program was explained.',
  lost_to_follow_up: 'Unable to reach the patient after repeated calls and a letter; PCP informed.',
  moved_or_changed_pcp: 'Patient moved out of the area; records and plan shared with the new clinic.',
  deceased: 'Patient deceased.',
  other: 'Closed for another reason; see the PCP record.',
  inactive_6_months: 'No collaborative care services for six months; episode closed per CPT.',
};

export function planNotes(random: Random, input: NoteInput): NoteDraft[] {
  const label = input.measure === 'phq-9' ? 'PHQ-9' : 'GAD-7';
  const scoreOn = (ago: number) =>
    input.measurements.find((m) => m.ago === ago && m.instrument === input.measure)?.total;
  const notes: NoteDraft[] = [];
  let reportedSilence = false;
  for (const t of input.touches) {
    const after = t.minute + t.minutes;
    const score = scoreOn(t.ago);
    if (t.kind === 'initial_assessment') {
      notes.push({
        ago: t.ago,
        minute: after,
        kind: 'treatment_plan',
        body:
          `Treatment plan: target ${label} below 5, or at least 50 % lower. Contacts every 1–2 weeks with ` +
          `a ${label} each time; psychiatric case review within the first month.`,
      });
      notes.push({
        ago: t.ago,
        minute: after,
        kind: 'bh_progress_note',
        body:
          `Initial assessment (${t.minutes} min, ${t.modality.replace('_', ' ')}). ${label} ${input.baseline}. ` +
          'Consent for collaborative care documented.',
      });
    } else if (t.ago === input.stepDownAgo) {
      notes.push({
        ago: t.ago,
        minute: after,
        kind: 'treatment_plan',
        body:
          `Relapse prevention plan: ${label} ${score ?? ''} (intake ${input.baseline}). Early warning signs and ` +
          'coping steps written down with the patient; continue medication as prescribed; monthly check-ins.',
      });
    } else if ((t.kind === 'follow_up' || t.kind === 'check_in') && random.chance(0.25)) {
      notes.push({
        ago: t.ago,
        minute: after,
        kind: 'bh_progress_note',
        body: `Follow-up (${t.modality.replace('_', ' ')}): ${label} ${score ?? 'not done'}. ${random.pick(PROGRESS)}`,
      });
    } else if (t.kind === 'outreach' && input.silentFromAgo !== null && t.ago <= input.silentFromAgo) {
      if (!reportedSilence) {
        notes.push({
          ago: t.ago,
          minute: after,
          kind: 'bh_progress_note',
          body: 'Call not answered; voicemail left. Will try again and send a letter if still unreachable.',
        });
        reportedSilence = true;
      }
    }
    const risk = input.measurements.find((m) => m.ago === t.ago && isPhq9Item9Positive(m.item9));
    if (risk && t.kind !== 'coordination') {
      notes.push({
        ago: t.ago,
        minute: after,
        kind: 'risk_summary',
        body:
          `PHQ-9 item 9 = ${risk.item9}: passive thoughts of death, no plan or intent, no past attempts. ` +
          'Safety plan completed, 988 crisis line given, firearms not in the home. PCP informed the same day.',
      });
    }
  }
  if (input.discharge) {
    notes.push({
      ago: input.discharge.ago,
      minute: 17 * 60 + 15,
      kind: 'bh_progress_note',
      body: `Discharge summary: ${DISCHARGE_TEXT[input.discharge.reason]}`,
    });
  }
  return notes;
}
