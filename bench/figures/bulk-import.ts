// Bulk import: a generated contacts CSV through `importRows` (the `careloop import contacts` path),
// against a plain COPY of the same rows with no checks, rollups or audit (rolled back).
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { cliActor } from '../../src/cli/database.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { importRows } from '../../src/services/bulk/import-rows.js';
import { copyRows } from '../../src/services/bulk/copy-rows.js';

export interface BulkFigure {
  rows: number;
  imported: number;
  rejected: number;
  failedBatches: number;
  seconds: number;
  perSecond: number;
  raw: { seconds: number; perSecond: number };
}

interface Target {
  id: string;
  clinic_id: string;
  patient_id: string;
  care_manager_id: string;
  enrolled_at: Date;
}

export async function measureBulkImport(
  handle: DatabaseHandle,
  orgId: string,
  rows: number,
): Promise<BulkFigure> {
  const { db, pgPool } = handle;
  if (!pgPool) throw new Error('the bulk import figure runs on PostgreSQL');
  // The clinic with the most enrolled open episodes: an import names one clinic.
  const { rows: episodes } = await sql<Target>`
    with busiest as (
      select clinic_id from episodes where org_id = ${orgId} and status in ('active', 'relapse_prevention')
      group by 1 order by count(*) desc limit 1
    )
    select e.id, e.clinic_id, e.patient_id, e.care_manager_id, e.enrolled_at
    from episodes e join busiest b using (clinic_id)
    where e.org_id = ${orgId} and e.status in ('active', 'relapse_prevention')
      and e.enrolled_at < now() - interval '2 days'
  `.execute(db);
  if (episodes.length === 0) throw new Error('no enrolled open episodes to import contacts for');
  const now = Date.now();
  const contact = (n: number) => {
    const e = episodes[n % episodes.length]!;
    // Between enrollment and yesterday, spread over the episode's time in care.
    const span = now - 86_400_000 - e.enrolled_at.getTime();
    const at = new Date(e.enrolled_at.getTime() + 3_600_000 + ((n * 7919) % 1000) * (span / 1000));
    return { e, at, minutes: 10 + (n % 51) };
  };
  const dir = mkdtempSync(join(tmpdir(), 'careloop-bench-'));
  const file = join(dir, 'contacts.csv');
  // Written in slices, so the figure's memory is the import's, not the generator's.
  const fd = openSync(file, 'w');
  let text = 'episodeId,occurredAt,minutes,staffId,activity,modality,billedSeparately,staffRole,note\n';
  for (let n = 0; n < rows; n++) {
    const { e, at, minutes } = contact(n);
    text += `${e.id},${at.toISOString()},${minutes},${e.care_manager_id},follow_up,phone,false,,\n`;
    if (text.length > 1 << 20) {
      writeSync(fd, text);
      text = '';
    }
  }
  writeSync(fd, text);
  closeSync(fd);
  try {
    const actor = await cliActor(db, orgId);
    const clinicId = episodes[0]!.clinic_id;
    const started = performance.now();
    const report = await importRows({
      noun: 'contact',
      now: new Date(),
      target: handle,
      actor,
      clinicId,
      source: { file, format: 'csv' },
    });
    const seconds = (performance.now() - started) / 1000;

    const copyStarted = performance.now();
    const client = await pgPool.connect();
    try {
      await client.query('BEGIN');
      const copied = [];
      for (let n = 0; n < rows; n++) {
        const { e, at, minutes } = contact(n);
        copied.push({
          org_id: orgId,
          episode_id: e.id,
          clinic_id: e.clinic_id,
          patient_id: e.patient_id,
          occurred_at: at,
          minutes,
          staff_id: e.care_manager_id,
          staff_role: 'care_manager',
          activity: 'follow_up',
          modality: 'phone',
          billed_separately: false,
          counts_toward_program: true,
          count_reason: 'counted',
          created_by: actor.userId,
        });
        if (copied.length === 5000 || n === rows - 1) {
          await copyRows(client, 'contacts', copied);
          copied.length = 0;
        }
      }
    } finally {
      // Only the load is measured: the rows go again, so the organization keeps no unexplained minutes.
      await client.query('ROLLBACK');
      client.release();
    }
    const rawSeconds = (performance.now() - copyStarted) / 1000;
    return {
      rows,
      imported: report.imported,
      rejected: report.rejectedCount,
      failedBatches: report.failed.length,
      seconds,
      perSecond: Math.round(report.imported / seconds),
      raw: { seconds: rawSeconds, perSecond: Math.round(rows / rawSeconds) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
