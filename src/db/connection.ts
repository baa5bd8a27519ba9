// Opens the database: embedded PGlite by default, PostgreSQL when a URL is given; one Kysely path for both.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { restrictToOwner } from './private-files.js';
import type { Database } from './schema.js';

// DATE stays a 'YYYY-MM-DD' string (a birth date has no time zone); int8 counts and sums fit in a number.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The PostgreSQL pool itself, for COPY in bulk imports (PGlite takes multi-row INSERTs instead). */
  pgPool?: pg.Pool;
  close(): Promise<void>;
}

export type DatabaseTarget = { databaseUrl: string } | { dataDir: string } | { memory: true };

export interface OpenOptions {
  /** Where a line for the operator goes (default: standard error). */
  notice?: (line: string) => void;
}

export async function openDatabase(
  target: DatabaseTarget,
  { notice = (line) => process.stderr.write(`${line}\n`) }: OpenOptions = {},
): Promise<DatabaseHandle> {
  if ('databaseUrl' in target) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', pgPool: pool, close: () => db.destroy() };
  }
  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  // Patient search indexes names by trigram; PostgreSQL has pg_trgm in contrib, PGlite loads it here.
  const extensions = { pg_trgm };
  if ('dataDir' in target) {
    mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
    // PGlite has no cross-process lock: a second process on the same directory silently loses writes.
    lock = acquireDataDirLock(target.dataDir);
    const opened = restrictToOwner(target.dataDir);
    if (opened > 0) {
      notice(
        `Restricted ${opened} files and directories in ${target.dataDir} to their owner (mode 0600/0700): ` +
          'they were readable by other local users.',
      );
    }
    pglite = await PGlite.create(target.dataDir, { extensions });
    // A fresh directory's files come from PGlite's initdb, which writes them 0666 whatever the umask.
    restrictToOwner(target.dataDir);
  } else {
    pglite = await PGlite.create({ extensions });
  }
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    async close() {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}
