// `careloop import contacts|screenings <file>` (progress bar, per-row report) and `careloop verify`.
import { createReadStream } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { AppError } from '../errors.js';
import { describeReport } from '../services/bulk/import-report.js';
import { importRows, type BulkNoun } from '../services/bulk/import-rows.js';
import { formatOf } from '../services/bulk/record-source.js';
import { recountMismatches } from '../services/contacts/minute-rollups.js';
import { uuid } from '../services/schemas.js';
import { cliActor, withDatabase } from './database.js';

/** Lines in the file, for the progress bar's total (a pass over the bytes costs far less than the import). */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

export interface ImportCommandOptions {
  clinic: string;
  org?: string;
  format?: string;
  batchSize: number;
}

export function importCommand(noun: BulkNoun) {
  return async (file: string, options: ImportCommandOptions): Promise<void> => {
    const format = formatOf(file, options.format);
    const total = await countLines(file);
    await withDatabase(async (db, handle) => {
      const actor = await cliActor(db, options.org);
      const bar = new SingleBar(
        {
          format: `${noun}s [{bar}] {value}/{total} rows | {imported} imported, {rejected} rejected`,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      bar.start(format === 'csv' ? Math.max(0, total - 1) : total, 0, { imported: 0, rejected: 0 });
      const report = await importRows({
        noun,
        target: handle,
        actor,
        clinicId: options.clinic,
        source: { file, format },
        now: new Date(),
        batchSize: options.batchSize,
        onProgress: (r) => bar.update(r.read, { imported: r.imported, rejected: r.rejectedCount }),
      });
      bar.stop();
      process.stdout.write(
        describeReport(report, noun)
          .map((line) => `${line}\n`)
          .join(''),
      );
      if (report.rejectedCount > 0 || report.failed.length > 0) process.exitCode = 1;
    });
  };
}

export async function verifyCommand(options: { org?: string }): Promise<void> {
  if (options.org !== undefined && !uuid.safeParse(options.org).success) {
    throw AppError.validation([{ field: '--org', reason: 'must be an organization id (UUID)' }]);
  }
  await withDatabase(async (db) => {
    const mismatches = await recountMismatches(db, options.org);
    const scope = options.org ? `organization ${options.org}` : 'every organization';
    if (mismatches.length === 0) {
      process.stdout.write(`OK: the minute rollups match a recount of the contact log (${scope}).\n`);
      return;
    }
    for (const m of mismatches) {
      process.stdout.write(
        `org ${m.orgId} episode ${m.episodeId} ${m.month} ${m.staffRole}${m.credential ? ` (${m.credential})` : ''}: ` +
          `rollup ${m.rollup.counted} counted / ${m.rollup.logged} logged, ` +
          `recount ${m.recount.counted} counted / ${m.recount.logged} logged\n`,
      );
    }
    process.stdout.write(`${mismatches.length} minute rollups differ from the contact log (${scope}).\n`);
    process.exitCode = 1;
  });
}
