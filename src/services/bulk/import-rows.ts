// Imports contacts or screenings (a CSV or NDJSON file, or records in memory) in batches: each batch is
// one transaction with its minute rollups or worklist items and one `contact.import`/`screening.import`
// audit row; a batch the database refuses is rolled back whole and reported.
import { sql } from 'kysely';
import { assertClinicAccess, type Actor } from '../actor.js';
import type { BulkTarget } from './bulk-target.js';
import { contactKind } from './contact-rows.js';
import type { ImportReport } from './import-report.js';
import { readRecords, type BulkFormat, type SourceRecord } from './record-source.js';
import { runImport } from './run-import.js';
import { screeningKind } from './screening-rows.js';

export const BULK_NOUNS = ['contact', 'screening'] as const;
export type BulkNoun = (typeof BULK_NOUNS)[number];

/**
 * A file (contacts: episodeId + the API's contact body; screenings: patientId + the API's screening
 * body), or records already in that JSON shape (the simulation).
 */
export type BulkSource =
  { file: string; format: BulkFormat } | { records: AsyncIterable<SourceRecord> | Iterable<SourceRecord> };

export interface ImportOptions {
  noun: BulkNoun;
  target: BulkTarget;
  actor: Actor;
  clinicId: string;
  source: BulkSource;
  /** The caller's clock: no row may be in the future, and recent screenings are triaged. */
  now: Date;
  batchSize?: number | undefined;
  onProgress?: ((report: Readonly<ImportReport>) => void) | undefined;
  /** Refresh planner statistics after an import on PGlite (default); a caller analyzing later skips it. */
  analyze?: boolean | undefined;
}

async function* fromIterable<T>(items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

export async function importRows(options: ImportOptions): Promise<ImportReport> {
  const { noun, target, actor, clinicId, source } = options;
  assertClinicAccess(actor, clinicId, 'Clinic', '--clinic');
  const csv = 'file' in source && source.format === 'csv';
  const common = { target, batchSize: options.batchSize, onProgress: options.onProgress };
  const records = 'file' in source ? readRecords(source.file, source.format) : fromIterable(source.records);
  const report =
    noun === 'contact'
      ? await runImport({
          ...common,
          kind: await contactKind(target.db, actor, clinicId, { csv, now: options.now }),
          source: records,
        })
      : await runImport({
          ...common,
          kind: await screeningKind(target.db, actor, clinicId, { csv, now: options.now }),
          source: records,
        });
  // PGlite has no autovacuum: without fresh statistics its planner picks nested loops over the new rows
  // (registry reads ten times slower after a load). PostgreSQL's autovacuum analyzes on its own.
  if (!target.pgPool && options.analyze !== false && report.imported > 0) {
    const tables = noun === 'contact' ? sql`contacts, episode_month_minutes` : sql`screenings, triage_items`;
    await sql`ANALYZE ${tables}`.execute(target.db);
  }
  return report;
}
