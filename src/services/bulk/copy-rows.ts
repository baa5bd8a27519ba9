// Streams rows into a table with COPY … FROM STDIN in text format: PostgreSQL's fastest load path.
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Text-format escaping: backslash, tab and line ends are the only characters COPY treats specially. */
function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : text;
}

function arrayLiteral(items: readonly unknown[]): string {
  const quoted = items.map((item) =>
    item === null || item === undefined ? 'NULL' : `"${String(item).replace(/["\\]/g, '\\$&')}"`,
  );
  return `{${quoted.join(',')}}`;
}

/** One column value as COPY text; JSON columns arrive already serialized, as they do for INSERT. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot COPY the number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  throw new TypeError(`cannot COPY a value of type ${typeof value}`);
}

function encodeRows(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  let text = '';
  for (const row of rows) {
    let line = copyValue(row[columns[0]!]);
    for (let c = 1; c < columns.length; c++) line += `\t${copyValue(row[columns[c]!])}`;
    text += `${line}\n`;
  }
  return text;
}

/** COPYs the rows (all with the keys of the first row) on the client, inside the caller's transaction. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const target = `${client.escapeIdentifier(table)} (${columns.map((c) => client.escapeIdentifier(c)).join(', ')})`;
  // One write of the whole batch: the socket takes it while Node goes on checking the next batch.
  const payload = Buffer.from(encodeRows(rows, columns));
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  stream.end(payload);
  await finished(stream);
}
