// `careloop sim`: writes a synthetic health system at the asked size, one progress bar per phase.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { runScaleSim } from '../sim/scale/run-scale-sim.js';
import { SIM_PHASES, type SimPhase } from '../sim/scale/write-chunk.js';
import { withDatabase } from './database.js';

export interface SimCommandOptions {
  patients: number;
  clinics: number;
  months: number;
  seed: number;
  orgName?: string;
  batchSize: number;
}

/** One bar per phase, created in phase order as progress arrives (shared with the benchmark). */
export function simProgressBars(): {
  onProgress: (phase: SimPhase, done: number, total: number) => void;
  stop: () => void;
} {
  const multi = new MultiBar(
    { format: '{phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  const bars = new Map<SimPhase, SingleBar>();
  return {
    onProgress(phase, done, total) {
      for (const p of SIM_PHASES.slice(0, SIM_PHASES.indexOf(phase) + 1)) {
        if (!bars.has(p)) bars.set(p, multi.create(p === phase ? total : 0, 0, { phase: p.padEnd(12) }));
      }
      const bar = bars.get(phase)!;
      bar.setTotal(total);
      bar.update(done, { phase: phase.padEnd(12) });
    },
    stop: () => multi.stop(),
  };
}

export async function simCommand(options: SimCommandOptions): Promise<void> {
  await withDatabase(async (_db, handle) => {
    const started = performance.now();
    const bars = simProgressBars();
    const result = await runScaleSim(handle, { ...options, onProgress: bars.onProgress });
    bars.stop();
    const t = result.totals;
    const seconds = (performance.now() - started) / 1000;
    const open = t.episodes.referred + t.episodes.active + t.episodes.relapse_prevention;
    process.stdout.write(
      [
        `Simulated organization ${result.orgId} (${result.months} months of history, ${handle.engine}) in ${seconds.toFixed(1)} s:`,
        `  ${t.patients} patients, ${t.screenings} screenings, ${t.caseReviews} case reviews`,
        `  episodes: ${open} open (${t.episodes.referred} referred, ${t.episodes.active} active, ` +
          `${t.episodes.relapse_prevention} relapse prevention), ${t.episodes.discharged} discharged`,
        `  ${t.contacts} contacts (${t.loggedMinutes} minutes logged, ${t.countedMinutes} counted) ` +
          `at ${Math.round(t.contacts / seconds)} contacts/s overall`,
        `Sign in as ${result.adminEmail} / ${result.password} (fake data).`,
        ...(result.tally.rejected + result.tally.failedBatches > 0
          ? [
              `${result.tally.rejected} generated rows rejected, ${result.tally.failedBatches} batches failed.`,
            ]
          : []),
        '',
      ].join('\n'),
    );
    if (result.tally.rejected + result.tally.failedBatches > 0) process.exitCode = 1;
  });
}
