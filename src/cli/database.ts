// Opens the configured database for a CLI command, migrated, and closes it afterwards.
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle, type Db } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { databaseTarget } from '../server.js';
import type { Actor, Role } from '../services/actor.js';
import { clinicIdsFor } from '../services/auth/sessions.js';

/** `handle` is for commands that need more than Kysely (bulk imports COPY through its pool). */
export async function withDatabase<T>(work: (db: Db, handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(databaseTarget(loadConfig()));
  try {
    await migrateToLatest(handle.db);
    return await work(handle.db, handle);
  } finally {
    await handle.close();
  }
}

/** CLI commands act as the organization's first admin, so their audit rows name a person. */
export async function cliActor(db: Db, orgId?: string): Promise<Actor> {
  let query = db
    .selectFrom('users')
    .select(['org_id', 'id', 'roles'])
    .where(sql<boolean>`'admin' = any(roles)`);
  if (orgId) query = query.where('org_id', '=', orgId);
  const admins = await query.orderBy('created_at').execute();
  const orgs = new Set(admins.map((a) => a.org_id));
  if (orgs.size === 0)
    throw new AppError(
      'NOT_FOUND',
      'No organization with an admin found; start the server once or pass --org.',
    );
  if (orgs.size > 1)
    throw AppError.validation([
      { field: '--org', reason: 'several organizations exist; name one with --org' },
    ]);
  const admin = admins[0]!;
  const roles = admin.roles as Role[];
  return {
    orgId: admin.org_id,
    userId: admin.id,
    roles,
    clinicIds: await clinicIdsFor(db, { orgId: admin.org_id, userId: admin.id, roles }),
    requestId: 'cli',
  };
}
