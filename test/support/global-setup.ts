// Once per run: on PostgreSQL, start from an empty schema and migrate it (workers then share it).
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { sql } from 'kysely';

export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const handle = await openDatabase({ databaseUrl: url });
  try {
    await sql`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;`.execute(handle.db);
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
}
