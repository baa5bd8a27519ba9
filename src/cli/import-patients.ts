// `careloop import patients <file.csv> --clinic <id>`: a progress bar and a per-row error report.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { SingleBar, Presets } from 'cli-progress';
import { importPatients } from '../services/patients/import-patients.js';
import { cliActor, withDatabase } from './database.js';

async function readCsv(file: string): Promise<Record<string, string>[]> {
  const records: Record<string, string>[] = [];
  const parser = createReadStream(file).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, trim: true }),
  );
  for await (const record of parser) records.push(record as Record<string, string>);
  return records;
}

export async function importPatientsCommand(
  file: string,
  options: { clinic: string; org?: string; skipInvalid: boolean },
): Promise<void> {
  const records = await readCsv(file);
  await withDatabase(async (db) => {
    const actor = await cliActor(db, options.org);
    const bar = new SingleBar(
      { format: 'patients [{bar}] {value}/{total}', hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(records.length, 0);
    const result = await importPatients({
      db,
      actor,
      now: new Date(),
      clinicId: options.clinic,
      records,
      skipInvalid: options.skipInvalid,
      onProgress: (done) => bar.update(done),
    });
    bar.update(records.length);
    bar.stop();
    for (const { row, issues } of result.rejected) {
      for (const issue of issues) process.stdout.write(`row ${row}: ${issue.field}: ${issue.reason}\n`);
    }
    if (result.rejected.length > 0 && !options.skipInvalid) {
      process.stdout.write(
        `${result.rejected.length} rows rejected; nothing was imported (use --skip-invalid to import the rest).\n`,
      );
      process.exitCode = 1;
    } else {
      process.stdout.write(
        `Imported ${result.imported} patients; ${result.rejected.length} rows rejected.\n`,
      );
    }
  });
}
