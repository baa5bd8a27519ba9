// Server-side sessions: a random token for the client, only its SHA-256 hash in the database.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { ROLES, type Actor, type Role } from '../actor.js';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Db,
  user: { orgId: string; userId: string },
  hours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({ org_id: user.orgId, token_hash: hashToken(token), user_id: user.userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** The clinics a user may see: all of the organization's for an admin, else their assignments. */
export async function clinicIdsFor(
  db: Db,
  user: { orgId: string; userId: string; roles: string[] },
): Promise<string[]> {
  const rows = user.roles.includes('admin')
    ? await db
        .selectFrom('clinics')
        .select('id')
        .where('org_id', '=', user.orgId)
        .orderBy('created_at')
        .execute()
    : await db
        .selectFrom('user_clinics')
        .select('clinic_id as id')
        .where('org_id', '=', user.orgId)
        .where('user_id', '=', user.userId)
        .execute();
  return rows.map((r) => r.id);
}

/** The signed-in actor behind a token, with their clinics, in one statement (it runs on every request). */
export async function actorForToken(db: Db, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 's.org_id').onRef('u.id', '=', 's.user_id'))
    .select([
      'u.org_id',
      'u.id',
      'u.roles',
      // The same clinics as clinicIdsFor: every clinic for an admin, else the user's assignments.
      sql<string[]>`case when 'admin' = any(u.roles)
        then array(select c.id::text from clinics c where c.org_id = u.org_id order by c.created_at)
        else array(select uc.clinic_id::text from user_clinics uc where uc.org_id = u.org_id and uc.user_id = u.id)
      end`.as('clinic_ids'),
    ])
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  return {
    orgId: row.org_id,
    userId: row.id,
    roles: row.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    clinicIds: row.clinic_ids,
  };
}

/** Ends every session of a user at once (deactivation, a new password), except the one given. */
export async function endUserSessions(
  db: Db,
  user: { orgId: string; userId: string },
  exceptToken?: string,
): Promise<number> {
  let query = db.deleteFrom('sessions').where('org_id', '=', user.orgId).where('user_id', '=', user.userId);
  if (exceptToken) query = query.where('token_hash', '<>', hashToken(exceptToken));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
