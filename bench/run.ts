// `npm run bench`: builds (or reuses) a synthetic organization, measures each figure in its own process
// next to a raw-SQL baseline from the same run, and prints one table. Figures only: nothing asserts on time.
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { runFigure } from './child.js';
import type { BulkFigure } from './figures/bulk-import.js';
import type { DashboardFigure } from './figures/dashboard.js';
import type { Dataset } from './figures/dataset.js';
import type { HttpFigure } from './figures/http-logging.js';
import type { MonthCloseFigure } from './figures/month-close.js';
import type { SearchFigure } from './figures/patient-search.js';
import type { PgliteFigure } from './figures/pglite-registry.js';
import type { RegistryFigure } from './figures/registry.js';
import { benchOptions, type BenchOptions } from './options.js';
import { count, mib, ms, renderTable, type Row } from './table.js';

type WithRss<T> = T & { rssMiB: number };

const TARGET_EPISODES = 100_000;
const TARGET_CONTACTS = 10_000_000;
const TARGET_PGLITE_EPISODES = 10_000;
const SEARCH_PATIENTS = 100_000;
const DASHBOARD_READS = 10;

const say = (line = '') => process.stdout.write(`${line}\n`);
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
const openOf = (t: Dataset['totals']) =>
  t.episodes.referred + t.episodes.active + t.episodes.relapse_prevention;
const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

async function postgresSettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const show = async (name: string) => (await client.query(`show ${name}`)).rows[0][name] as string;
    const version = (await client.query('show server_version')).rows[0].server_version as string;
    const settings = ['shared_buffers', 'max_wal_size', 'fsync', 'synchronous_commit'];
    const values: string[] = [];
    for (const name of settings) values.push(`${name}=${await show(name)}`);
    return `PostgreSQL ${version} (${values.join(', ')})`;
  } finally {
    await client.end();
  }
}

/** A figure that fails becomes a row that says so; the other figures still run. */
async function attempt<T>(
  label: string,
  work: () => Promise<T>,
  row: (value: T) => Row,
  target: string,
): Promise<Row> {
  say(`… ${label}`);
  try {
    return row(await work());
  } catch (error) {
    return {
      figure: label,
      careloop: `failed: ${firstLine(error)}`,
      baseline: '—',
      target,
      verdict: 'FAILED',
      rss: '—',
    };
  }
}

async function postgresRows(o: BenchOptions, url: string): Promise<{ rows: Row[]; sizes: string }> {
  const dataset = await runFigure<WithRss<Dataset>>('dataset', {
    databaseUrl: url,
    episodes: o.episodes,
    contacts: o.contacts,
    clinics: o.clinics,
    months: o.months,
    seed: o.seed,
    fresh: o.fresh,
  });
  const t = dataset.totals;
  const open = openOf(t);
  const atTarget = open >= TARGET_EPISODES && t.contacts >= TARGET_CONTACTS;
  const sizeNote = atTarget
    ? ''
    : ` (at ${count(open)} open episodes / ${count(t.contacts)} contacts: below the target size)`;
  const sizes =
    `PostgreSQL organization: ${count(t.patients)} patients in ${dataset.clinics} clinics, ${dataset.months} months; ` +
    `${count(open)} open episodes (${count(t.episodes.active)} active, ${count(t.episodes.relapse_prevention)} relapse prevention, ` +
    `${count(t.episodes.referred)} referred), ${count(t.episodes.discharged)} discharged; ${count(t.contacts)} contacts, ` +
    `${count(t.screenings)} screenings, ${count(t.caseReviews)} case reviews. ` +
    (dataset.buildSeconds === null
      ? 'Reused from an earlier run.'
      : `Built by the simulation in ${count(dataset.buildSeconds)} s (${count(t.contacts / dataset.buildSeconds)} contacts/s, ` +
        `${count((t.contacts + t.screenings + t.patients) / dataset.buildSeconds)} rows/s of contacts, screenings and patients; ` +
        `peak RSS ${mib(dataset.rssMiB)}).`) +
    ' The write figures (HTTP logging, bulk import) add their rows to a small scratch organization in the same tables.';
  const common = { databaseUrl: url, orgId: dataset.orgId };
  const scratch = { databaseUrl: url, orgId: dataset.scratchOrgId };
  const want = (name: string) => !o.only || o.only.includes(name);
  const rows: Row[] = [];
  if (want('registry')) {
    const target = `p95 ≤ 50 ms at ${count(TARGET_EPISODES)} active episodes, 10 M contacts`;
    rows.push(
      await attempt(
        'registry page (50 rows, one care manager)',
        () => runFigure<WithRss<RegistryFigure>>('registry', { ...common, reads: o.registryReads }),
        (f) => ({
          figure: 'registry page (50 rows, one care manager)',
          careloop:
            `p50 ${ms(f.real.p50)}, p95 ${ms(f.real.p95)} (${f.real.n} reads, ${f.careManagers} care managers, ` +
            `~${f.caseload} open each; first read of a page p50 ${ms(f.coldReal.p50)}, p95 ${ms(f.coldReal.p95)})`,
          baseline: `p50 ${ms(f.raw.p50)}, p95 ${ms(f.raw.p95)}; first read p50 ${ms(f.coldRaw.p50)}, p95 ${ms(f.coldRaw.p95)}`,
          target,
          verdict: verdict(f.real.p95 <= 50) + sizeNote,
          rss: mib(f.rssMiB),
        }),
        target,
      ),
    );
  }
  if (want('month-close')) {
    const target = '≤ 1.5 × the single hand-written SQL aggregate';
    rows.push(
      await attempt(
        'month close, whole organization',
        () => runFigure<WithRss<MonthCloseFigure>>('month-close', { ...common, runs: o.closeRuns }),
        (f) => ({
          figure: 'month close, whole organization',
          careloop:
            `${ms(f.closeMs)} for ${f.month}: ${f.clinics} clinics, ${count(f.episodes)} episodes, ` +
            `${count(f.claims)} claims (median of ${f.runs})` +
            (f.failedClinics ? `; ${f.failedClinics} clinics FAILED to close: ${f.firstError}` : ''),
          baseline: `${ms(f.rawMs)} (one aggregate over the contact log)`,
          target,
          verdict:
            (f.failedClinics ? 'FAILED' : verdict(f.closeMs <= 1.5 * f.rawMs)) +
            ` (${(f.closeMs / f.rawMs).toFixed(2)}×${f.failedClinics ? ' without the failed clinics' : ''})${sizeNote}`,
          rss: mib(f.rssMiB),
        }),
        target,
      ),
    );
  }
  if (want('dashboard')) {
    const target = 'p95 ≤ 2 s for the whole organization, ≤ 3× the baseline';
    rows.push(
      await attempt(
        "leader's dashboard, whole organization",
        () => runFigure<WithRss<DashboardFigure>>('dashboard', { ...common, reads: DASHBOARD_READS }),
        (f) => ({
          figure: "leader's dashboard, whole organization",
          careloop: `p50 ${ms(f.real.p50)}, p95 ${ms(f.real.p95)} (${f.real.n} reads: program outcomes and 90 days of operations, ${count(f.episodes)} enrolled episodes, ${f.clinics} clinics)`,
          baseline: `p50 ${ms(f.raw.p50)}, p95 ${ms(f.raw.p95)} (one query: PHQ-9 response and remission counts only)`,
          target,
          verdict: `${verdict(f.real.p95 <= 2000 && f.real.p95 <= 3 * f.raw.p95)} (${(f.real.p95 / f.raw.p95).toFixed(2)}×)${sizeNote}`,
          rss: mib(f.rssMiB),
        }),
        target,
      ),
    );
  }
  if (want('http')) {
    const target = '≥ 1 500 req/s, p95 ≤ 30 ms';
    rows.push(
      await attempt(
        `contact logging over HTTP, ${o.clients} clients`,
        () =>
          runFigure<WithRss<HttpFigure>>('http', { ...scratch, requests: o.requests, clients: o.clients }),
        (f) => ({
          figure: `contact logging over HTTP, ${f.clients} clients`,
          careloop:
            `${count(f.perSecond)} req/s, p50 ${ms(f.latency.p50)}, p95 ${ms(f.latency.p95)} (${count(f.requests)} requests` +
            `${f.errors ? `, ${f.errors} errors` : ''})`,
          baseline: `${count(f.raw.perSecond)} tx/s, p95 ${ms(f.raw.latency.p95)} (insert + rollup per transaction)`,
          target,
          verdict: verdict(f.perSecond >= 1500 && f.latency.p95 <= 30 && f.errors === 0),
          rss: `${mib(f.serverRssMiB)} server, ${mib(f.rssMiB)} client`,
        }),
        target,
      ),
    );
  }
  if (want('bulk')) {
    const target = '≥ 20 000 contacts/s';
    rows.push(
      await attempt(
        'bulk import (contacts CSV)',
        () => runFigure<WithRss<BulkFigure>>('bulk', { ...scratch, rows: o.importContacts }),
        (f) => ({
          figure: 'bulk import (contacts CSV)',
          careloop:
            `${count(f.perSecond)} contacts/s (${count(f.imported)} rows in ${f.seconds.toFixed(1)} s` +
            `${f.rejected + f.failedBatches ? `; ${f.rejected} rejected, ${f.failedBatches} batches failed` : ''})`,
          baseline: `${count(f.raw.perSecond)} rows/s (COPY only: no checks, rollups or audit)`,
          target,
          verdict: verdict(f.perSecond >= 20_000 && f.rejected === 0 && f.failedBatches === 0),
          rss: mib(f.rssMiB),
        }),
        target,
      ),
    );
  }
  return { rows, sizes };
}

async function main(): Promise<void> {
  const o = benchOptions();
  const started = performance.now();
  say(
    `Careloop benchmark: ${cpus().length} cores, ${count(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`,
  );
  const rows: Row[] = [];
  const notes: string[] = [];
  const postgresFigures = ['dataset', 'registry', 'month-close', 'dashboard', 'http', 'bulk'];
  if (o.databaseUrl && (!o.only || o.only.some((f) => postgresFigures.includes(f)))) {
    notes.push(await postgresSettings(o.databaseUrl));
    const pgRows = await postgresRows(o, o.databaseUrl);
    rows.push(...pgRows.rows);
    notes.push(pgRows.sizes);
  } else if (!o.databaseUrl) {
    notes.push('PostgreSQL figures skipped: DATABASE_URL is not set.');
  }
  if (!o.only || o.only.includes('pglite')) {
    const target = `p95 ≤ 150 ms at ${count(TARGET_PGLITE_EPISODES)} episodes`;
    rows.push(
      await attempt(
        'embedded PGlite: registry page',
        () =>
          runFigure<WithRss<PgliteFigure>>('pglite', {
            episodes: o.pgliteEpisodes,
            months: o.pgliteMonths,
            seed: o.seed,
            reads: Math.min(o.registryReads, 100),
          }),
        (f) => {
          const open = openOf(f.totals);
          const total = open + f.totals.episodes.discharged;
          notes.push(
            `PGlite (in memory): ${count(f.patients)} patients, ${count(open)} open of ${count(total)} episodes, ` +
              `${count(f.totals.contacts)} contacts, built in ${count(f.buildSeconds)} s.`,
          );
          return {
            figure: 'embedded PGlite: registry page',
            careloop: `p50 ${ms(f.real.p50)}, p95 ${ms(f.real.p95)} (${f.real.n} reads, ~${f.caseload} open each)`,
            baseline: `p50 ${ms(f.raw.p50)}, p95 ${ms(f.raw.p95)}`,
            target,
            verdict:
              verdict(f.real.p95 <= 150) +
              (total >= TARGET_PGLITE_EPISODES
                ? ''
                : ` (at ${count(total)} episodes: below the target size)`),
            rss: mib(f.rssMiB),
          };
        },
        target,
      ),
    );
  }
  if (!o.only || o.only.includes('search')) {
    const target = `p95 ≤ 100 ms at ${count(SEARCH_PATIENTS)} patients in one clinic`;
    const engines = o.databaseUrl ? [undefined, o.databaseUrl] : [undefined];
    for (const databaseUrl of engines) {
      const label = `patient search (${databaseUrl ? 'PostgreSQL' : 'PGlite'}, ${count(SEARCH_PATIENTS)} patients)`;
      rows.push(
        await attempt(
          label,
          () =>
            runFigure<WithRss<SearchFigure>>('search', {
              ...(databaseUrl ? { databaseUrl } : {}),
              patients: SEARCH_PATIENTS,
              reads: o.searchReads,
            }),
          (f) => ({
            figure: label,
            careloop: `p50 ${ms(f.real.p50)}, p95 ${ms(f.real.p95)} (${f.real.n} searches of 8 shapes, median ${f.medianMatches} matches)`,
            baseline: `p50 ${ms(f.raw.p50)}, p95 ${ms(f.raw.p95)} (first word's indexed filter alone)`,
            target,
            verdict: verdict(f.real.p95 <= 100),
            rss: mib(f.rssMiB),
          }),
          target,
        ),
      );
    }
  }
  say();
  say(renderTable(rows));
  say();
  for (const note of notes) say(`- ${note}`);
  say(
    `- Load average at the end ${loadavg()[0]!.toFixed(2)}; total ${count((performance.now() - started) / 1000)} s.`,
  );
}

await main();
