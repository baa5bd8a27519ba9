// One synthetic patient over the simulated months: screened primary-care visits, and an episode of
// care for about a quarter of the positive screens.
import type { InstrumentCode } from '../../domain/instruments/index.js';
import type { PAYERS, SEXES } from '../../services/patients/patient-input.js';
import { answersForTotal, phq9Answers } from '../answers.js';
import { patientName } from '../people.js';
import type { Random } from '../random.js';
import type { DayInstants } from './day-instants.js';
import { planScaleEpisode, type Referral, type ScaleEpisode } from './episode-course.js';
import { PAYER_WEIGHTS, RATES, SEX_WEIGHTS } from './scale-rates.js';

export interface VisitScreening {
  instrument: InstrumentCode;
  answers: number[];
  at: Date;
}

export interface ScalePatient {
  sex: (typeof SEXES)[number];
  birthDate: string;
  payer: (typeof PAYERS)[number];
  givenName: string;
  familyName: string;
  /** Given by the clinic's medical assistant at visits. */
  screenings: VisitScreening[];
  episodes: ScaleEpisode[];
}

const DAY_MS = 86_400_000;

/** Screens at one visit; a positive PHQ-9 or GAD-7 (≥ 10) is what a referral can start from. */
function screenVisit(
  random: Random,
  at: Date,
  risk: { depressed: boolean; anxious: boolean },
  gad7Due: boolean,
  screenings: VisitScreening[],
): Omit<Referral, 'ago' | 'minute'> | null {
  const phq9Total = risk.depressed ? random.normalInt(13, 5, 0, 24) : random.normalInt(3, 3, 0, 12);
  const phq9 = phq9Answers(random, phq9Total, phq9Total >= 10 && random.chance(0.08) ? 1 : 0);
  screenings.push({ instrument: 'phq-2', answers: phq9.slice(0, 2), at });
  let positive: Omit<Referral, 'ago' | 'minute'> | null = null;
  // The PHQ-9 follows a PHQ-2 of 3 or more (docs/domain/instruments.md).
  if ((phq9[0] ?? 0) + (phq9[1] ?? 0) >= 3) {
    screenings.push({ instrument: 'phq-9', answers: phq9, at });
    if (phq9Total >= 10) positive = { measure: 'phq-9', baseline: phq9Total };
  }
  if (gad7Due) {
    const total = risk.anxious ? random.normalInt(12, 4, 0, 21) : random.normalInt(3, 3, 0, 21);
    screenings.push({ instrument: 'gad-7', answers: answersForTotal(random, 7, 3, total), at });
    if (!positive && total >= 10) positive = { measure: 'gad-7', baseline: total };
  }
  return positive;
}

export function planScalePatient(random: Random, days: DayInstants, windowDays: number): ScalePatient {
  const sex = random.weighted(SEX_WEIGHTS);
  const age = random.int(18, 88);
  const today = days.at(0, 720);
  const birthDate = new Date(today.getTime() - (age * 365 + random.int(0, 364)) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const depressed = random.chance(RATES.depressed);
  const risk = { depressed, anxious: random.chance(depressed ? RATES.anxiousIfDepressed : RATES.anxious) };
  const payer = age >= 65 ? 'medicare' : random.weighted(PAYER_WEIGHTS);
  const name = patientName(random, sex);
  const patient: ScalePatient = {
    sex,
    birthDate,
    payer,
    givenName: name.given_name,
    familyName: name.family_name,
    screenings: [],
    episodes: [],
  };
  let lastGad7Ago = Infinity;
  let ago = windowDays - random.int(0, RATES.visitGapDays[1]);
  while (ago >= 1) {
    const minute = random.int(17, 33) * 30;
    const gad7Due = lastGad7Ago - ago >= RATES.gad7EveryDays;
    if (gad7Due) lastGad7Ago = ago;
    const positive = screenVisit(random, days.at(ago, minute), risk, gad7Due, patient.screenings);
    if (positive && random.chance(RATES.referral)) {
      const episode = planScaleEpisode(random, days, { ...positive, ago, minute: minute + 20 });
      patient.episodes.push(episode);
      // Routine screening gives way to the care manager's measurements until the episode ends.
      if (episode.status !== 'discharged') break;
      ago = episode.endAgo - random.int(...RATES.visitGapDays);
      continue;
    }
    ago -= random.int(...RATES.visitGapDays);
  }
  return patient;
}
