// Embedded PGlite: an in-memory database with a simulated organization, then the registry figure.
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { runScaleSim, type SimTotals } from '../../src/sim/scale/run-scale-sim.js';
import { patientsFor } from './dataset.js';
import { measureRegistry, type RegistryFigure } from './registry.js';

export interface PgliteFigure extends RegistryFigure {
  patients: number;
  months: number;
  buildSeconds: number;
  totals: SimTotals;
}

export async function measurePglite(input: {
  episodes: number;
  months: number;
  seed: number;
  reads: number;
}): Promise<PgliteFigure> {
  const handle = await openDatabase({ memory: true });
  try {
    await migrateToLatest(handle.db);
    const { patients, months } = patientsFor({
      episodes: input.episodes,
      months: input.months,
      seed: input.seed,
    });
    const started = performance.now();
    const sim = await runScaleSim(handle, { patients, clinics: 1, months: input.months, seed: input.seed });
    const buildSeconds = (performance.now() - started) / 1000;
    const figure = await measureRegistry(handle.db, sim.orgId, input.reads);
    return { ...figure, patients, months, buildSeconds, totals: sim.totals };
  } finally {
    await handle.close();
  }
}
