// Reads CSV or NDJSON into records with their line numbers, one at a time (files may not fit in memory).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { z } from 'zod';

export const BULK_FORMATS = ['csv', 'ndjson'] as const;
export type BulkFormat = (typeof BULK_FORMATS)[number];

/** A parsed record, or why its line could not be read as one. */
export type SourceRecord =
  { line: number; record: Record<string, unknown> } | { line: number; unreadable: string };

/** `--format`, else the file extension: .ndjson/.jsonl are NDJSON, anything else CSV. */
export function formatOf(file: string, format?: string): BulkFormat {
  if (format) return z.enum(BULK_FORMATS).parse(format);
  return /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : 'csv';
}

async function* readCsv(file: string): AsyncGenerator<SourceRecord> {
  const parser = createReadStream(file).pipe(
    parse({
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield { line: info.lines, record };
    }
  } catch (error) {
    // A broken quote leaves the rest of the file unreadable: say where reading stopped.
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('CSV_')) throw error;
    const line = (error as { lines?: number }).lines ?? 0;
    yield { line, unreadable: `${(error as Error).message}; nothing after this line was read` };
  }
}

async function* readNdjson(file: string): AsyncGenerator<SourceRecord> {
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, unreadable: 'not valid JSON' };
      continue;
    }
    yield value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { line, record: value as Record<string, unknown> }
      : { line, unreadable: 'not a JSON object' };
  }
}

export function readRecords(file: string, format: BulkFormat): AsyncGenerator<SourceRecord> {
  return format === 'csv' ? readCsv(file) : readNdjson(file);
}

/** CSV text to the JSON types the API schemas expect; anything unclear stays text so zod names it. */
export const csvValue = {
  optional: (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  number: (value: unknown) =>
    typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())
      ? Number(value)
      : csvValue.optional(value),
  boolean: (value: unknown) => {
    if (typeof value !== 'string') return value;
    const text = value.trim().toLowerCase();
    if (text === '') return undefined;
    if (text === 'true' || text === '1' || text === 'yes') return true;
    if (text === 'false' || text === '0' || text === 'no') return false;
    return value;
  },
  /** `1;2;0` or a JSON array; an empty item is an unanswered (null) item. */
  list: (value: unknown) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    if (text === '') return undefined;
    if (text.startsWith('[')) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return value;
      }
    }
    return text.split(';').map((item) => (item.trim() === '' ? null : csvValue.number(item)));
  },
};
