// The registry's filtered view as CSV for the weekly case review: every row of the filter, one per episode.
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../actor.js';
import { spreadsheetCsv } from '../spreadsheet-csv.js';
import { readRegistry, registryQuery, type RegistryRow } from './registry-view.js';

/** The registry filters without paging: an export carries the whole filtered view. */
export const registryExportQuery = registryQuery.omit({ limit: true, offset: true });

export const REGISTRY_CSV_COLUMNS = [
  'patient_name',
  'mrn',
  'status',
  'enrolled',
  'weeks_in_treatment',
  'baseline',
  'latest',
  'percent_change',
  'last_contact',
  'contacts',
  'minutes_this_month',
  'last_case_review',
  'flags',
] as const;

const cell = (value: string | number | null): string | number => value ?? '';

function csvRow(row: RegistryRow): (string | number)[] {
  return [
    `${row.patient.familyName}, ${row.patient.givenName}`,
    row.patient.mrn,
    row.status,
    cell(row.enrolledAt),
    cell(row.weeksInTreatment),
    cell(row.baselineScore),
    cell(row.latestScore),
    cell(row.percentChange),
    cell(row.lastContactAt),
    row.contactCount,
    row.minutesThisMonth,
    cell(row.lastCaseReviewAt),
    row.flags.map((f) => `${f.code}: ${f.reason}`).join('; '),
  ];
}

/** The CSV and its file name; readRegistry audits the read (ids only) as the JSON registry does. */
export async function exportRegistryCsv({
  db,
  actor,
  now,
  query,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  query: z.output<typeof registryExportQuery>;
}): Promise<{ csv: string; filename: string }> {
  const { rows } = await readRegistry({
    db,
    actor,
    now,
    query: { ...query, offset: 0, limit: Number.MAX_SAFE_INTEGER },
  });
  // Each clinic judges "today" on its own clock; the asked day, else the rows' day, names the file.
  const asOf = query.asOf ?? rows[0]?.asOf ?? 'today';
  return {
    csv: spreadsheetCsv(REGISTRY_CSV_COLUMNS, rows.map(csvRow)),
    filename: `registry-${query.clinicId ?? 'all-clinics'}-${asOf}.csv`,
  };
}
