// What a bulk import tells its caller: rows written, rows rejected (line, field, reason), failed batches.
import type { Issue } from '../../errors.js';

export interface RowRejection {
  /** Line of the source file (CSV: the header is line 1). */
  line: number;
  issues: Issue[];
}

export interface BatchFailure {
  firstLine: number;
  lastLine: number;
  /** Valid rows of the batch that were not written: the whole batch rolled back. */
  rows: number;
  reason: string;
}

export interface ImportReport {
  /** Records read from the source. */
  read: number;
  imported: number;
  batches: number;
  /** The first rejections, line by line (at most MAX_REPORTED_REJECTIONS). */
  rejected: RowRejection[];
  rejectedCount: number;
  failed: BatchFailure[];
}

/** A file with a systematic error would otherwise report millions of identical lines. */
export const MAX_REPORTED_REJECTIONS = 1000;

export function emptyReport(): ImportReport {
  return { read: 0, imported: 0, batches: 0, rejected: [], rejectedCount: 0, failed: [] };
}

export function reject(report: ImportReport, rejection: RowRejection): void {
  report.rejectedCount++;
  if (report.rejected.length < MAX_REPORTED_REJECTIONS) report.rejected.push(rejection);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('ch') ? 'es' : 's'}`;

/** The report as lines for a terminal or a log. */
export function describeReport(report: ImportReport, noun: string): string[] {
  const lines = report.rejected.flatMap(({ line, issues }) =>
    issues.map((issue) => `line ${line}: ${issue.field}: ${issue.reason}`),
  );
  if (report.rejectedCount > report.rejected.length) {
    lines.push(`… and ${report.rejectedCount - report.rejected.length} more rejected rows`);
  }
  for (const f of report.failed) {
    lines.push(
      `lines ${f.firstLine}–${f.lastLine}: the batch failed and nothing of it was written (${f.rows} valid rows): ${f.reason}`,
    );
  }
  const failedRows = report.failed.reduce((sum, f) => sum + f.rows, 0);
  lines.push(
    `Imported ${plural(report.imported, noun)} of ${plural(report.read, 'row')} in ${plural(report.batches, 'batch')}; ` +
      `${plural(report.rejectedCount, 'row')} rejected` +
      (report.failed.length > 0
        ? `; ${plural(report.failed.length, 'batch')} failed, so ${plural(failedRows, 'valid row')} were not written.`
        : '.'),
  );
  return lines;
}
