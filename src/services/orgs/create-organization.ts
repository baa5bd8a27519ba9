// Creates an organization with its first clinic and admin (bootstrap from env, tests, demo).
import type { Db } from '../../db/connection.js';
import { insertUser } from '../users/create-user.js';

export interface NewOrganization {
  orgName: string;
  clinicName: string;
  timeZone: string;
  admin: { email: string; name: string; password: string };
  isDemo?: boolean;
}

export interface CreatedOrganization {
  orgId: string;
  clinicId: string;
  adminId: string;
}

export async function createOrganization(db: Db, input: NewOrganization): Promise<CreatedOrganization> {
  return db.transaction().execute((trx) => insertOrganization(trx, input));
}

/** The inserts alone, for callers that seed more in the same transaction. */
export async function insertOrganization(trx: Db, input: NewOrganization): Promise<CreatedOrganization> {
  const org = await trx
    .insertInto('organizations')
    .values({ name: input.orgName, is_demo: input.isDemo ?? false })
    .returning('id')
    .executeTakeFirstOrThrow();
  const clinic = await trx
    .insertInto('clinics')
    .values({ org_id: org.id, name: input.clinicName, timezone: input.timeZone })
    .returning('id')
    .executeTakeFirstOrThrow();
  const admin = await insertUser(trx, org.id, { ...input.admin, roles: ['admin'], clinicIds: [clinic.id] });
  return { orgId: org.id, clinicId: clinic.id, adminId: admin.id };
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}
