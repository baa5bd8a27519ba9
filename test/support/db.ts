// One migrated database per test worker: in-memory PGlite by default, the shared PostgreSQL with DATABASE_URL.
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';

let handle: Promise<DatabaseHandle> | undefined;

export function testDatabase(): Promise<DatabaseHandle> {
  handle ??= (async () => {
    const url = process.env.DATABASE_URL;
    const opened = await openDatabase(url ? { databaseUrl: url } : { memory: true });
    if (!url) await migrateToLatest(opened.db);
    return opened;
  })();
  return handle;
}

export const engineName = (): string => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
