// Runs one bulk batch in one transaction: COPY on PostgreSQL, multi-row INSERTs on PGlite.
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Db } from '../../db/connection.js';
import { insertRows, type NewRow, type TableName } from '../../db/insert-rows.js';
import type { Database } from '../../db/schema.js';
import type { BulkTarget } from './bulk-target.js';
import { copyRows } from './copy-rows.js';

/** Plain values only (no SQL expressions): COPY sends them as text. */
export type { NewRow, TableName };

export interface BatchTx {
  /** The batch's transaction, for rollups and the audit row. */
  db: Db;
  /** Writes rows of one table; every row has the same keys. */
  insert<T extends TableName>(table: T, rows: readonly NewRow<T>[]): Promise<void>;
}

function insertingTx(db: Db): BatchTx {
  return { db, insert: (table, rows) => insertRows(db, table, rows) };
}

/** Kysely bound to one checked-out client, so its statements join the COPY's transaction. */
function clientDatabase(client: pg.PoolClient): Db {
  const connection = { query: client.query.bind(client), release: () => undefined };
  const pool = { connect: async () => connection, end: async () => undefined };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as never }) });
}

async function copyTransaction<R>(pgPool: pg.Pool, work: (tx: BatchTx) => Promise<R>): Promise<R> {
  const client = await pgPool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const db = clientDatabase(client);
    const result = await work({
      db,
      insert: (table, rows) => copyRows(client, table, rows as readonly Record<string, unknown>[]),
    });
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // The batch's own error is the one to report; a client that cannot even roll back is discarded.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Everything `work` writes commits together or not at all. */
export function inBatchTransaction<R>(target: BulkTarget, work: (tx: BatchTx) => Promise<R>): Promise<R> {
  if (target.pgPool) return copyTransaction(target.pgPool, work);
  return target.db.transaction().execute((trx) => work(insertingTx(trx)));
}
