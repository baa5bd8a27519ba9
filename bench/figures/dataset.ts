// The PostgreSQL organization the figures run on, built by `careloop sim` code and reused by name when
// one of the same size and seed was completed before.
import { simProgressBars } from '../../src/cli/sim-command.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import {
  runScaleSim,
  sampleRates,
  simTotals,
  simWindow,
  type SimTotals,
} from '../../src/sim/scale/run-scale-sim.js';
import { peakRssMiB } from '../stats.js';

export interface DatasetInput {
  databaseUrl: string;
  episodes: number;
  contacts: number;
  clinics: number;
  months: number;
  seed: number;
  fresh: boolean;
}

export interface Dataset {
  orgId: string;
  /** A small organization built for this run: the write figures add their rows there, not to `orgId`. */
  scratchOrgId: string;
  name: string;
  /** Seconds the simulation took; null when an earlier run's organization was reused. */
  buildSeconds: number | null;
  months: number;
  clinics: number;
  totals: SimTotals;
  rssMiB: number;
}

/** Patients for at least the wanted episodes (open ones, or all) and contacts, from the simulation's own rates. */
export function patientsFor(
  input: { openEpisodes?: number; episodes?: number; contacts?: number; months: number; seed: number },
  now = new Date(),
) {
  const window = simWindow(now, input.months);
  const rates = sampleRates(input.seed, now, window.days);
  // 5 % over the sampled rates: the sizes are floors, and a full run strays a little from the sample.
  const patients = Math.ceil(
    1.05 *
      Math.max(
        (input.openEpisodes ?? 0) / rates.openEpisodes,
        (input.episodes ?? 0) / rates.episodes,
        (input.contacts ?? 0) / rates.contacts,
        50,
      ),
  );
  return { patients, months: window.months };
}

export async function ensureDataset(input: DatasetInput): Promise<Dataset> {
  const handle = await openDatabase({ databaseUrl: input.databaseUrl });
  try {
    await migrateToLatest(handle.db);
    const { patients, months } = patientsFor({ ...input, openEpisodes: input.episodes, episodes: 0 });
    // Named by what was asked, so later runs (on later days too) find it; `--fresh` builds anew.
    const name =
      `BENCH — seed ${input.seed}, ${input.episodes} open episodes, ${input.contacts} contacts, ` +
      `${input.clinics} clinics, ${input.months} months (fake data)`;
    const existing = input.fresh
      ? undefined
      : await handle.db
          .selectFrom('organizations')
          .select('id')
          .where('name', '=', name)
          .orderBy('created_at', 'desc')
          .executeTakeFirst();
    let orgId = existing?.id;
    let buildSeconds: number | null = null;
    if (!orgId) {
      const started = performance.now();
      const bars = simProgressBars();
      // Named only once complete, so an interrupted build is never reused.
      const result = await runScaleSim(handle, {
        patients,
        clinics: input.clinics,
        months: input.months,
        seed: input.seed,
        orgName: `${name} (incomplete)`,
        onProgress: bars.onProgress,
      });
      bars.stop();
      await handle.db.updateTable('organizations').set({ name }).where('id', '=', result.orgId).execute();
      buildSeconds = (performance.now() - started) / 1000;
      orgId = result.orgId;
    }
    // Logged and imported contacts would pile up on the measured organization run after run.
    const scratch = await runScaleSim(handle, {
      patients: 12_000,
      clinics: 2,
      months: 12,
      seed: input.seed + 1,
      orgName: 'BENCH scratch — written to by the write figures (fake data)',
    });
    return {
      orgId,
      scratchOrgId: scratch.orgId,
      name,
      buildSeconds,
      months,
      clinics: input.clinics,
      totals: await simTotals(handle.db, orgId),
      rssMiB: peakRssMiB(),
    };
  } finally {
    await handle.close();
  }
}
