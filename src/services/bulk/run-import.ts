// Drives a bulk import: batches of records are checked, then written one transaction per batch, while
// the next batch is checked (Node validates while the database writes).
import { inBatchTransaction, type BatchTx } from './batch-transaction.js';
import type { BulkTarget } from './bulk-target.js';
import { emptyReport, reject, type ImportReport, type RowRejection } from './import-report.js';
import type { SourceRecord } from './record-source.js';
import { textIssues } from '../schemas.js';

export const DEFAULT_BATCH_SIZE = 5000;

/**
 * Lets pending I/O run (the previous batch's statements) in the middle of CPU-bound checking, so the
 * database and Node work at the same time.
 */
export const letIoRun = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface BatchLines {
  /** 1-based batch number within the import. */
  batch: number;
  firstLine: number;
  lastLine: number;
}

export interface LineRecord {
  line: number;
  record: Record<string, unknown>;
}

/** One kind of row (contacts, screenings): how a batch is checked and how its valid rows are written. */
export interface BulkKind<V> {
  check(records: readonly LineRecord[], reject: (rejection: RowRejection) => void): Promise<V[]>;
  /** Rows, rollups and the audit row, all in the batch's transaction. */
  write(tx: BatchTx, valid: readonly V[], lines: BatchLines): Promise<void>;
}

export interface RunImportOptions<V> {
  target: BulkTarget;
  kind: BulkKind<V>;
  source: AsyncIterable<SourceRecord>;
  batchSize?: number | undefined;
  onProgress?: ((report: Readonly<ImportReport>) => void) | undefined;
}

/** SQLSTATE-coded errors come from the database refusing the batch; anything else is a bug to surface. */
function databaseRefusal(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return `${(error as Error).message} (SQLSTATE ${code})`;
}

async function* batchesOf(source: AsyncIterable<SourceRecord>, size: number): AsyncGenerator<SourceRecord[]> {
  let batch: SourceRecord[] = [];
  for await (const record of source) {
    batch.push(record);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export async function runImport<V>({
  target,
  kind,
  source,
  batchSize = DEFAULT_BATCH_SIZE,
  onProgress,
}: RunImportOptions<V>): Promise<ImportReport> {
  const report = emptyReport();
  let number = 0;
  const write = async (valid: V[], lines: BatchLines): Promise<void> => {
    if (valid.length === 0) return;
    try {
      await inBatchTransaction(target, (tx) => kind.write(tx, valid, lines));
      report.imported += valid.length;
      report.batches++;
    } catch (error) {
      const reason = databaseRefusal(error);
      if (reason === undefined) throw error;
      report.failed.push({
        firstLine: lines.firstLine,
        lastLine: lines.lastLine,
        rows: valid.length,
        reason,
      });
    }
    onProgress?.(report);
  };
  let writing: Promise<void> = Promise.resolve();
  let finished = false;
  try {
    for await (const records of batchesOf(source, batchSize)) {
      report.read += records.length;
      const readable: LineRecord[] = [];
      for (const r of records) {
        const issues = 'record' in r ? textIssues(r.record) : [{ field: 'line', reason: r.unreadable }];
        if ('record' in r && issues.length === 0) readable.push(r);
        else reject(report, { line: r.line, issues });
      }
      const valid = await kind.check(readable, (rejection) => reject(report, rejection));
      // One batch at a time reaches the database, in file order.
      await writing;
      const lines = { batch: ++number, firstLine: records[0]!.line, lastLine: records.at(-1)!.line };
      writing = write(valid, lines);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      writing.catch(() => undefined);
      onProgress?.(report);
    }
    finished = true;
  } finally {
    // Reading or checking failed: let the batch in flight settle before that error reaches the caller.
    if (!finished) await writing.catch(() => undefined);
  }
  await writing;
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
