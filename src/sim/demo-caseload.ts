// Fills each demo care manager's caseload to a full one with a year of history, written through the bulk path.
import { sql } from 'kysely';
import type { Actor } from '../services/actor.js';
import type { BulkTarget } from '../services/bulk/bulk-target.js';
import { ClinicCalendar } from './clinic-days.js';
import { DayInstants } from './scale/day-instants.js';
import { planScalePatient, type ScalePatient } from './scale/patient-course.js';
import { patientRandom, simWindow } from './scale/run-scale-sim.js';
import type { ClinicLayout } from './scale/scale-org.js';
import { emptyTally, writeChunk } from './scale/write-chunk.js';

/**
 * Open episodes added per care manager: a full caseload, within the 60–120 per full-time care manager
 * of docs/domain/measurement-based-care.md (AIMS caseload guidance).
 */
export const DEMO_CASELOAD = 70;

export interface CaseloadClinic {
  id: string;
  timeZone: string;
  place: { city: string; state: string; zip: string };
  pcps: readonly string[];
  medicalAssistants: readonly string[];
  careManagers: readonly string[];
  consultantId: string;
}

export interface CaseloadSeed {
  orgId: string;
  adminId: string;
  seed: number;
  now: Date;
  clinics: readonly CaseloadClinic[];
  /** Open episodes per care manager (default DEMO_CASELOAD). */
  openPerCareManager?: number;
}

/** Patient numbers of clinic k start here, so each clinic's patients are drawn from their own streams. */
const CLINIC_STRIDE = 1_000_000;

const screenedPositive = (p: ScalePatient) =>
  p.screenings.some(
    (s) =>
      (s.instrument === 'phq-9' || s.instrument === 'gad-7') && s.answers.reduce((a, b) => a + b, 0) >= 10,
  );

/**
 * A clinic's panel, planned patient by patient until its care managers' open caseloads are full. Only the
 * patients who matter to behavioral health are kept: every one referred, and every one who screened
 * positive but was not (so the referral share stays what the planner draws); the rest of the panel has
 * nothing to show in the registry.
 */
function planPanel(seed: number, clinicIndex: number, days: DayInstants, windowDays: number, open: number) {
  const plans: ScalePatient[] = [];
  let planned = 0;
  for (let i = clinicIndex * CLINIC_STRIDE; planned < open; i++) {
    const patient = planScalePatient(patientRandom(seed, i), days, windowDays);
    if (patient.episodes.length === 0 && !screenedPositive(patient)) continue;
    planned += patient.episodes.filter((e) => e.status !== 'discharged').length;
    plans.push(patient);
  }
  return plans;
}

/** Returns how many episodes were added. */
export async function seedDemoCaseloads(target: BulkTarget, seed: CaseloadSeed): Promise<number> {
  const perCareManager = seed.openPerCareManager ?? DEMO_CASELOAD;
  if (perCareManager <= 0) return 0;
  const window = simWindow(seed.now, 12);
  const actor: Actor = {
    orgId: seed.orgId,
    userId: seed.adminId,
    roles: ['admin'],
    clinicIds: seed.clinics.map((c) => c.id),
    requestId: 'demo',
  };
  const tally = emptyTally();
  for (const [index, clinic] of seed.clinics.entries()) {
    const days = new DayInstants(new ClinicCalendar(seed.now, clinic.timeZone));
    const plans = planPanel(seed.seed, index, days, window.days, perCareManager * clinic.careManagers.length);
    const layout: ClinicLayout = {
      index,
      id: clinic.id,
      timeZone: clinic.timeZone,
      place: clinic.place,
      firstPatient: 0,
      patientCount: plans.length,
      pcps: [...clinic.pcps],
      medicalAssistants: [...clinic.medicalAssistants],
      careManagers: clinic.careManagers.map((id) => ({ id, consultantId: clinic.consultantId })),
    };
    const ctx = {
      target,
      actor,
      now: seed.now,
      clinic: layout,
      turns: { open: 0, closed: 0 },
      tally,
      progress: () => {},
    };
    await writeChunk(ctx, 0, plans);
  }
  if (tally.rejected > 0 || tally.failedBatches > 0) {
    throw new Error(`The demo caseload lost ${tally.rejected} rows in ${tally.failedBatches} batches`);
  }
  // Fresh rows have no planner statistics until autovacuum runs, and PGlite has none.
  await sql`ANALYZE`.execute(target.db);
  return Object.values(tally.episodes).reduce((a, b) => a + b, 0);
}
