// Multi-row INSERT of any size: a bind message holds at most 65 535 parameters, so rows go in statements
// of as many as fit (a month close of a large clinic writes thousands of claims of 16 columns).
import type { Insertable, InsertObject } from 'kysely';
import type { Db } from './connection.js';
import type { Database } from './schema.js';

const MAX_PARAMETERS = 65_000;

export type TableName = keyof Database & string;
export type NewRow<T extends TableName> = Insertable<Database[T]>;

/** Inserts `rows` (all with the same keys) into `table`, in as few statements as the protocol allows. */
export async function insertRows<T extends TableName>(
  db: Db,
  table: T,
  rows: readonly NewRow<T>[],
): Promise<void> {
  const columns = rows[0] ? Object.keys(rows[0]).length : 1;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let start = 0; start < rows.length; start += size) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + size) as InsertObject<Database, T>[])
      .execute();
  }
}
