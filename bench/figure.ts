// A benchmark figure in its own process: `run.ts` forks this with the figure's name and sizes.
import { openDatabase } from '../src/db/connection.js';
import { serveChild } from './child.js';
import { measureBulkImport } from './figures/bulk-import.js';
import { measureDashboard } from './figures/dashboard.js';
import { ensureDataset, type DatasetInput } from './figures/dataset.js';
import { measureHttpLogging } from './figures/http-logging.js';
import { measureMonthClose } from './figures/month-close.js';
import { measurePatientSearch } from './figures/patient-search.js';
import { measurePglite } from './figures/pglite-registry.js';
import { measureRegistry } from './figures/registry.js';
import { peakRssMiB } from './stats.js';

export type FigureInput =
  | ({ figure: 'dataset' } & DatasetInput)
  | { figure: 'registry'; databaseUrl: string; orgId: string; reads: number }
  | { figure: 'month-close'; databaseUrl: string; orgId: string; runs: number }
  | { figure: 'dashboard'; databaseUrl: string; orgId: string; reads: number }
  | { figure: 'http'; databaseUrl: string; orgId: string; requests: number; clients: number }
  | { figure: 'bulk'; databaseUrl: string; orgId: string; rows: number }
  | { figure: 'pglite'; episodes: number; months: number; seed: number; reads: number }
  | { figure: 'search'; databaseUrl?: string; patients: number; reads: number };

async function onPostgres<T>(
  databaseUrl: string,
  work: (handle: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
) {
  const handle = await openDatabase({ databaseUrl });
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

async function run(input: FigureInput): Promise<unknown> {
  switch (input.figure) {
    case 'dataset':
      return ensureDataset(input);
    case 'registry':
      return onPostgres(input.databaseUrl, (h) => measureRegistry(h.db, input.orgId, input.reads));
    case 'month-close':
      return onPostgres(input.databaseUrl, (h) => measureMonthClose(h.db, input.orgId, input.runs));
    case 'dashboard':
      return onPostgres(input.databaseUrl, (h) => measureDashboard(h.db, input.orgId, input.reads));
    case 'http':
      return onPostgres(input.databaseUrl, (h) => measureHttpLogging(h.db, input));
    case 'bulk':
      return onPostgres(input.databaseUrl, (h) => measureBulkImport(h, input.orgId, input.rows));
    case 'pglite':
      return measurePglite(input);
    case 'search':
      return measurePatientSearch(input);
  }
}

serveChild(async (input: FigureInput) => ({ ...((await run(input)) as object), rssMiB: peakRssMiB() }));
