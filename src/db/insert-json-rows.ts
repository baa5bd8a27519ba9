// Large multi-row INSERTs as one JSON parameter: binding tens of thousands of parameters costs the client
// more than the insert costs the server (a month close writes thousands of claims).
import { sql } from 'kysely';
import type { Db } from './connection.js';
import type { TableName } from './insert-rows.js';

/**
 * Inserts `rows` (all with the same keys, named as the table's columns) through
 * `json_populate_recordset`. Values are as JSON carries them: jsonb columns take objects or arrays (not
 * JSON strings), array columns take arrays, timestamps take Dates or ISO strings.
 */
export async function insertJsonRows(db: Db, table: TableName, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  await sql`
    insert into ${sql.table(table)} (${columns})
    select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)
  `.execute(db);
}
