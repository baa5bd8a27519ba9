// Chooses which positively screened patients the PCPs referred to CoCM, and plans each episode.
import type { DemoPatient } from './demo-patients.js';
import { ClinicCalendar } from './clinic-days.js';
import type { EpisodePlan, MeasureCode } from './episode-plan.js';
import { SCENARIO_MIX, scenarioMix, shuffle } from './episode-scenarios.js';
import { planEpisode } from './plan-episode.js';
import type { Random } from './random.js';
import { scoreOf } from './screening-writer.js';

/**
 * About a quarter of patients with a positive PHQ-9 or GAD-7 start an episode; the PCP treats the rest or
 * they decline.
 */
export const EPISODE_SHARE = 0.28;

/** The measure that screened positive, PHQ-9 first; null when neither did. */
function positiveMeasure(patient: DemoPatient): MeasureCode | null {
  const positive = (code: MeasureCode) =>
    patient.screenings.some((s) => s.instrument === code && scoreOf(s, patient.sex).positive);
  return positive('phq-9') ? 'phq-9' : positive('gad-7') ? 'gad-7' : null;
}

/**
 * At least one episode of every scenario (when there are enough candidates), so the registry shows
 * every status and flag; beyond that the share above decides how many.
 */
export function planEpisodes(
  random: Random,
  patients: readonly DemoPatient[],
  options: { now: Date; timeZones: Readonly<Record<string, string>> },
): EpisodePlan[] {
  const candidates = shuffle(
    random,
    patients.flatMap((patient, index) => {
      const measure = positiveMeasure(patient);
      return measure ? [{ index, patient, measure }] : [];
    }),
  );
  const guaranteed = SCENARIO_MIX.reduce((sum, [, min]) => sum + min, 0);
  const count = Math.min(
    candidates.length,
    Math.max(guaranteed, Math.round(candidates.length * EPISODE_SHARE)),
  );
  const calendars = new Map<string, ClinicCalendar>();
  const calendarFor = (clinicKey: string) => {
    const timeZone = options.timeZones[clinicKey];
    if (!timeZone) throw new Error(`No time zone for demo clinic '${clinicKey}'`);
    const cal = calendars.get(clinicKey) ?? new ClinicCalendar(options.now, timeZone);
    calendars.set(clinicKey, cal);
    return cal;
  };
  return scenarioMix(random, count).map((scenario, n) => {
    const { index, patient, measure } = candidates[n]!;
    // Caseloads differ: the first care manager of each clinic carries more patients.
    const careManagerKey = `${random.chance(0.6) ? 'cm' : 'cm2'}.${patient.clinicKey}`;
    return planEpisode(random, calendarFor(patient.clinicKey), {
      scenario,
      patientIndex: index,
      clinicKey: patient.clinicKey,
      careManagerKey,
      measure,
    });
  });
}
