// `careloop sim`: a deterministic synthetic health system of any size, written clinic by clinic in
// chunks of patients through the bulk import path.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { MEDICARE_PACKS } from '../../domain/billing/medicare-packs.js';
import type { EpisodeStatus } from '../../domain/registry/episode-status.js';
import type { Actor } from '../../services/actor.js';
import type { BulkTarget } from '../../services/bulk/bulk-target.js';
import { letIoRun } from '../../services/bulk/run-import.js';
import { ClinicCalendar } from '../clinic-days.js';
import { Random } from '../random.js';
import { DayInstants } from './day-instants.js';
import { planScalePatient } from './patient-course.js';
import { CLINIC_ZONES } from './scale-rates.js';
import { createScaleOrg, SIM_PASSWORD } from './scale-org.js';
import { emptyTally, writeChunk, type SimPhase, type SimTally } from './write-chunk.js';

export interface ScaleSimOptions {
  patients: number;
  clinics: number;
  months: number;
  seed: number;
  orgName?: string | undefined;
  /** The simulation's today (default: now); histories end the day before. */
  now?: Date | undefined;
  batchSize?: number | undefined;
  /** Patients planned and written together. */
  chunkSize?: number | undefined;
  onProgress?: ((phase: SimPhase, done: number, total: number) => void) | undefined;
}

export interface SimTotals {
  patients: number;
  screenings: number;
  episodes: Record<EpisodeStatus, number>;
  contacts: number;
  loggedMinutes: number;
  countedMinutes: number;
  caseReviews: number;
  rollupRows: number;
}

export interface ScaleSimResult {
  orgId: string;
  adminEmail: string;
  password: string;
  /** Months of history actually simulated (limited to the years the billing rule packs cover). */
  months: number;
  totals: SimTotals;
  tally: SimTally;
}

const DAY_MS = 86_400_000;

/** Each patient's own stream, so a patient's history does not depend on chunking or on other patients. */
export function patientRandom(seed: number, index: number): Random {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return new Random((h ^ (h >>> 16)) >>> 0);
}

/** History starts `months` back, but not before the first year a billing rule pack covers. */
export function simWindow(now: Date, months: number): { days: number; months: number } {
  const firstYear = Math.min(...MEDICARE_PACKS.map((p) => p.year));
  const wanted = new Date(now);
  wanted.setUTCMonth(wanted.getUTCMonth() - months);
  const start = Math.max(wanted.getTime(), Date.UTC(firstYear, 0, 2));
  const days = Math.max(1, Math.floor((now.getTime() - start) / DAY_MS));
  return { days, months: Math.round((days / 30.44) * 10) / 10 };
}

export interface SampleRates {
  openEpisodes: number;
  episodes: number;
  screenings: number;
  contacts: number;
  reviews: number;
}

/**
 * Per-patient rates from planning (not writing) the first patients: sizes staff, progress bars and the
 * benchmark's organization. Only a few percent of patients enroll, so the sample runs until it has seen
 * enough episodes for the contact rate to be within a few percent (3 000 patients gave 8 % too many).
 */
export function sampleRates(
  seed: number,
  now: Date,
  windowDays: number,
  { patients = 3000, episodes = 3000, most = 300_000 } = {},
): SampleRates {
  const days = new DayInstants(new ClinicCalendar(now, CLINIC_ZONES[0]));
  const sum = { openEpisodes: 0, episodes: 0, screenings: 0, contacts: 0, reviews: 0 };
  let size = 0;
  for (; size < most && (size < patients || sum.episodes < episodes); size++) {
    const patient = planScalePatient(patientRandom(seed, size), days, windowDays);
    sum.screenings += patient.screenings.length;
    for (const e of patient.episodes) {
      sum.episodes++;
      if (e.status !== 'discharged') sum.openEpisodes++;
      sum.screenings += e.measurements.length;
      sum.contacts += e.contacts.length;
      sum.reviews += e.reviews.length;
    }
  }
  return {
    openEpisodes: sum.openEpisodes / size,
    episodes: sum.episodes / size,
    screenings: sum.screenings / size,
    contacts: sum.contacts / size,
    reviews: sum.reviews / size,
  };
}

export async function simTotals(db: Db, orgId: string): Promise<SimTotals> {
  const count = async (table: 'patients' | 'screenings' | 'case_reviews' | 'episode_month_minutes') =>
    (
      await db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow()
    ).n;
  const statuses = await db
    .selectFrom('episodes')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('org_id', '=', orgId)
    .groupBy('status')
    .execute();
  const contacts = await db
    .selectFrom('contacts')
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`coalesce(sum(minutes), 0)::int`.as('logged'),
      sql<number>`coalesce(sum(minutes) filter (where counts_toward_program), 0)::int`.as('counted'),
    ])
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const episodes: Record<EpisodeStatus, number> = {
    referred: 0,
    active: 0,
    relapse_prevention: 0,
    discharged: 0,
  };
  for (const s of statuses) episodes[s.status] = s.n;
  return {
    patients: await count('patients'),
    screenings: await count('screenings'),
    episodes,
    contacts: contacts.n,
    loggedMinutes: contacts.logged,
    countedMinutes: contacts.counted,
    caseReviews: await count('case_reviews'),
    rollupRows: await count('episode_month_minutes'),
  };
}

export async function runScaleSim(target: BulkTarget, options: ScaleSimOptions): Promise<ScaleSimResult> {
  const now = options.now ?? new Date();
  const window = simWindow(now, options.months);
  const rates = sampleRates(options.seed, now, window.days);
  const layout = await createScaleOrg(target, {
    seed: options.seed,
    patients: options.patients,
    clinics: options.clinics,
    orgName: options.orgName ?? `SIM — Careloop synthetic health system, seed ${options.seed} (fake data)`,
    openEpisodesPerPatient: rates.openEpisodes,
  });
  const actor: Actor = {
    orgId: layout.orgId,
    userId: layout.adminId,
    roles: ['admin'],
    clinicIds: layout.clinics.map((c) => c.id),
    requestId: 'sim',
  };
  const expected: Record<SimPhase, number> = {
    patients: options.patients,
    episodes: Math.ceil(options.patients * rates.episodes),
    screenings: Math.ceil(options.patients * rates.screenings),
    contacts: Math.ceil(options.patients * rates.contacts),
    'case reviews': Math.ceil(options.patients * rates.reviews),
  };
  const done: Record<SimPhase, number> = {
    patients: 0,
    episodes: 0,
    screenings: 0,
    contacts: 0,
    'case reviews': 0,
  };
  const progress = (phase: SimPhase, added: number) => {
    done[phase] += added;
    options.onProgress?.(phase, done[phase], Math.max(expected[phase], done[phase]));
  };
  const tally = emptyTally();
  const chunkSize = options.chunkSize ?? 2000;
  // The next chunk is planned while the previous one is written.
  let writing: Promise<void> = Promise.resolve();
  for (const clinic of layout.clinics) {
    const days = new DayInstants(new ClinicCalendar(now, clinic.timeZone));
    const ctx = {
      target,
      actor,
      clinic,
      batchSize: options.batchSize,
      now,
      turns: { open: 0, closed: 0 },
      tally,
      progress,
    };
    const end = clinic.firstPatient + clinic.patientCount;
    for (let first = clinic.firstPatient; first < end; first += chunkSize) {
      const plans = [];
      for (let i = first; i < Math.min(end, first + chunkSize); i++) {
        plans.push(planScalePatient(patientRandom(options.seed, i), days, window.days));
        if (i % 200 === 199) await letIoRun();
      }
      await writing;
      writing = writeChunk(ctx, first, plans);
      // Awaited before the next chunk is written; until then a failure must not count as unhandled.
      writing.catch(() => undefined);
    }
  }
  await writing;
  // The planner has no statistics for rows this fresh until autovacuum runs, and PGlite has no autovacuum.
  await sql`ANALYZE`.execute(target.db);
  return {
    orgId: layout.orgId,
    adminEmail: layout.adminEmail,
    password: SIM_PASSWORD,
    months: window.months,
    totals: await simTotals(target.db, layout.orgId),
    tally,
  };
}
