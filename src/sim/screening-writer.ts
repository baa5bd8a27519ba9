// Scores, triages and stores a patient's planned screenings the way the screening use case does.
import type { Db } from '../db/connection.js';
import { scoreScreening } from '../domain/instruments/index.js';
import { triage } from '../domain/triage.js';
import type { SEXES } from '../services/patients/patient-input.js';
import { storeScreening } from '../services/screenings/record-screening.js';
import { DEFAULT_SCREENING_RULES } from '../services/rules/rule-sets.js';
import type { PlannedScreening } from './routine-screenings.js';

export interface ScreenedPatient {
  orgId: string;
  clinicId: string;
  patientId: string;
  sex: (typeof SEXES)[number];
  timeZone: string;
}

export const scoreOf = (s: Pick<PlannedScreening, 'instrument' | 'answers'>, sex: ScreenedPatient['sex']) =>
  scoreScreening(s.instrument, s.answers, { sex, rules: DEFAULT_SCREENING_RULES.instruments });

/** Writes the screenings in order; returns how many were stored. */
export async function writeScreenings(
  db: Db,
  patient: ScreenedPatient,
  screenings: readonly PlannedScreening[],
  staff: Record<string, string>,
): Promise<number> {
  for (const s of screenings) {
    const score = scoreOf(s, patient.sex);
    const result = triage(
      { score, administeredAt: s.administeredAt, timeZone: patient.timeZone, exclusions: [] },
      DEFAULT_SCREENING_RULES.triage,
    );
    const by = staff[s.by];
    if (!by) throw new Error(`No demo staff member '${s.by}'`);
    const { itemId } = await storeScreening(db, {
      ...patient,
      administeredBy: by,
      instrument: s.instrument,
      answers: s.answers,
      administeredAt: s.administeredAt,
      score,
      triage: result,
      // The history is written as it happened: the items a screening answers close when it was given.
      now: s.administeredAt,
    });
    if (itemId && s.handledAt) {
      await db
        .updateTable('triage_items')
        .set({ status: 'done', completed_at: s.handledAt, completed_by: by })
        .where('org_id', '=', patient.orgId)
        .where('id', '=', itemId)
        .execute();
    }
  }
  return screenings.length;
}
