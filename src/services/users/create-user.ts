// Adds a staff member with roles and clinic assignments; the password is stored only as an argon2id hash.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { npiSchema } from '../../domain/billing/identifiers.js';
import { credentialSchema, type Credential } from '../../domain/billing/vocabulary.js';
import { AppError } from '../../errors.js';
import { ROLES, type Actor, type Role } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { newPassword } from '../auth/password-policy.js';
import { hashPassword } from '../auth/passwords.js';
import { trimmed, uuid } from '../schemas.js';

export const createUserInput = z
  .object({
    email: z.string().trim().toLowerCase().email('must be an email address'),
    name: trimmed(200),
    // Structured names for claims (billing.md §9a: never split from the display name).
    givenName: trimmed(100).optional(),
    familyName: trimmed(100).optional(),
    password: newPassword,
    roles: z.array(z.enum(ROLES)).min(1, 'needs at least one role'),
    clinicIds: z.array(uuid).default([]),
    // One definition of a valid NPI for staff and clinics: ten digits with the CMS Luhn check digit.
    npi: npiSchema.optional(),
    // Licensure matters for billing: G0323 is a psychologist's or clinical social worker's own time.
    credential: credentialSchema.optional(),
  })
  .refine((u) => u.roles.includes('admin') || u.clinicIds.length > 0, {
    path: ['clinicIds'],
    message: 'staff other than admins need at least one clinic',
  });

export interface UserView {
  id: string;
  email: string;
  name: string;
  givenName: string | null;
  familyName: string | null;
  roles: Role[];
  clinicIds: string[];
  npi: string | null;
  credential: Credential | null;
  /** A deactivated user cannot sign in; their name stays on the records they made. */
  active: boolean;
}

/** The users columns a UserView is built from (with the clinic ids added). */
export const userColumns = [
  'id',
  'email',
  'name',
  'given_name as givenName',
  'family_name as familyName',
  'roles',
  'npi',
  'credential',
  'active',
] as const;

/** Roles and credential are written only through createUserInput, so the stored text is an enum value. */
export const toUserView = (
  row: Omit<UserView, 'roles' | 'credential'> & { roles: string[]; credential: string | null },
): UserView => ({ ...row, roles: row.roles as Role[], credential: row.credential as Credential | null });

/** Refuses clinic ids that are not the organization's, naming the offending index. */
export async function assertOrgClinics(db: Db, orgId: string, clinicIds: string[]): Promise<void> {
  if (clinicIds.length > 0) {
    const known = await db
      .selectFrom('clinics')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', 'in', clinicIds)
      .execute();
    const missing = clinicIds.findIndex((id) => !known.some((k) => k.id === id));
    if (missing >= 0)
      throw AppError.validation([{ field: `clinicIds.${missing}`, reason: 'no such clinic' }]);
  }
}

/** Inserts the user; callers own the transaction and the audit row. */
export async function insertUser(
  db: Db,
  orgId: string,
  input: z.output<typeof createUserInput>,
): Promise<UserView> {
  const clinicIds = [...new Set(input.clinicIds)];
  await assertOrgClinics(db, orgId, clinicIds);
  const taken = await db
    .selectFrom('users')
    .select('id')
    .where(({ fn }) => fn('lower', ['email']), '=', input.email)
    .executeTakeFirst();
  if (taken) throw AppError.conflict('email', 'a user with this email already exists');
  const user = await db
    .insertInto('users')
    .values({
      org_id: orgId,
      email: input.email,
      name: input.name,
      password_hash: await hashPassword(input.password),
      roles: input.roles,
      npi: input.npi ?? null,
      credential: input.credential ?? null,
      given_name: input.givenName ?? null,
      family_name: input.familyName ?? null,
    })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
  if (clinicIds.length > 0) {
    await db
      .insertInto('user_clinics')
      .values(clinicIds.map((clinicId) => ({ org_id: orgId, user_id: user.id, clinic_id: clinicId })))
      .execute();
  }
  return toUserView({ ...user, clinicIds });
}

export async function createUser({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.output<typeof createUserInput>;
}): Promise<UserView> {
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, actor.orgId, input);
    await recordAudit(trx, actor, { action: 'user.create', entity: 'user', entityId: user.id });
    return user;
  });
}
