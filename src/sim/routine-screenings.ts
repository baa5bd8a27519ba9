// A year of primary-care visits: PHQ-2 at each, the full PHQ-9 when positive, GAD-7 and AUDIT-C annually.
import { subDays } from 'date-fns';
import type { InstrumentCode } from '../domain/instruments/index.js';
import { answersForTotal, phq9Answers } from './answers.js';
import type { Random } from './random.js';

export interface PlannedScreening {
  instrument: InstrumentCode;
  answers: number[];
  administeredAt: Date;
  /** Staff key of whoever gave it: the clinic's medical assistant at a visit, the care manager in care. */
  by: string;
  /** When its worklist next step was taken; null leaves it open on the worklist. */
  handledAt: Date | null;
}

export function planRoutineScreenings(random: Random, now: Date, maKey: string): PlannedScreening[] {
  const visits = random.int(1, 4);
  const depressed = random.chance(0.22);
  // Visits roughly a quarter apart, the latest within the last ~3 months.
  const latestDaysAgo = random.int(0, 100);
  const planned: PlannedScreening[] = [];
  for (let v = 0; v < visits; v++) {
    const daysAgo = latestDaysAgo + (visits - 1 - v) * random.int(70, 100);
    const at = subDays(now, Math.max(0, daysAgo));
    at.setUTCHours(random.int(13, 21), random.int(0, 59), 0, 0);
    if (at > now) at.setTime(now.getTime() - 3_600_000);
    // Older next steps were handled at the time; the last two weeks stay on the worklist.
    const handledAt = daysAgo > 14 ? at : null;
    const add = (instrument: InstrumentCode, answers: number[]) =>
      planned.push({ instrument, answers, administeredAt: at, by: maKey, handledAt });
    const phq9Total = depressed ? random.normalInt(14, 5, 5, 27) : random.normalInt(3, 3, 0, 12);
    const item9 = phq9Total >= 10 && random.chance(0.12) ? random.int(1, 2) : 0;
    const phq9 = phq9Answers(random, phq9Total, item9);
    const phq2 = phq9.slice(0, 2);
    add('phq-2', phq2);
    if ((phq2[0] ?? 0) + (phq2[1] ?? 0) >= 3 || depressed) add('phq-9', phq9);
    if (v === visits - 1) {
      const gad7Total = depressed ? random.normalInt(11, 5, 0, 21) : random.normalInt(3, 3, 0, 21);
      add('gad-7', answersForTotal(random, 7, 3, gad7Total));
      add('audit-c', auditCAnswers(random));
    }
  }
  return planned;
}

export function auditCAnswers(random: Random): number[] {
  const total = random.weighted([
    [0, 40],
    [2, 30],
    [4, 20],
    [7, 10],
  ]);
  return answersForTotal(random, 3, 4, total);
}
