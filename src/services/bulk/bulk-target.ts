// Where bulk rows go: the Kysely database, plus the PostgreSQL pool when COPY is available.
import type pg from 'pg';
import type { Db } from '../../db/connection.js';

export interface BulkTarget {
  db: Db;
  /** Present on PostgreSQL (an open `DatabaseHandle` fits): batches then stream through COPY. */
  pgPool?: pg.Pool | undefined;
}
