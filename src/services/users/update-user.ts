// An admin changes a staff member's names, roles, clinics, credential or NPI; audited with the fields.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { npiSchema } from '../../domain/billing/identifiers.js';
import { credentialSchema } from '../../domain/billing/vocabulary.js';
import { AppError } from '../../errors.js';
import { ROLES, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { trimmed, uuid } from '../schemas.js';
import { assertOrgClinics, type UserView } from './create-user.js';
import { assertNotLastAdmin, lockAccount } from './staff-account.js';

/** Only the fields given change; null clears the structured names, NPI or credential. */
export const updateUserInput = z
  .object({
    name: trimmed(200).optional(),
    // Structured names for claims (billing.md §9a: never split from the display name).
    givenName: trimmed(100).nullable().optional(),
    familyName: trimmed(100).nullable().optional(),
    roles: z.array(z.enum(ROLES)).min(1, 'needs at least one role').optional(),
    clinicIds: z.array(uuid).optional(),
    npi: npiSchema.nullable().optional(),
    credential: credentialSchema.nullable().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    message: 'give at least one of name, givenName, familyName, roles, clinicIds, npi, credential',
  });
export type UpdateUserInput = z.output<typeof updateUserInput>;

export async function updateUser({
  db,
  actor,
  userId,
  input,
}: {
  db: Db;
  actor: Actor;
  userId: string;
  input: UpdateUserInput;
}): Promise<UserView> {
  return db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, actor.orgId, userId);
    const before = account.user;
    const roles = input.roles ? [...new Set(input.roles)] : before.roles;
    const clinicIds = input.clinicIds ? [...new Set(input.clinicIds)] : before.clinicIds;
    if (!roles.includes('admin') && clinicIds.length === 0) {
      throw AppError.validation([
        { field: 'clinicIds', reason: 'staff other than admins need at least one clinic' },
      ]);
    }
    if (before.active && before.roles.includes('admin') && !roles.includes('admin')) {
      assertNotLastAdmin(account, 'roles');
    }
    await assertOrgClinics(trx, actor.orgId, clinicIds);
    const after: UserView = {
      ...before,
      name: input.name ?? before.name,
      givenName: input.givenName === undefined ? before.givenName : input.givenName,
      familyName: input.familyName === undefined ? before.familyName : input.familyName,
      roles,
      clinicIds,
      npi: input.npi === undefined ? before.npi : input.npi,
      credential: input.credential === undefined ? before.credential : input.credential,
    };
    await trx
      .updateTable('users')
      .set({
        name: after.name,
        given_name: after.givenName,
        family_name: after.familyName,
        roles: after.roles,
        npi: after.npi,
        credential: after.credential,
      })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', userId)
      .execute();
    if (input.clinicIds) {
      await trx
        .deleteFrom('user_clinics')
        .where('org_id', '=', actor.orgId)
        .where('user_id', '=', userId)
        .execute();
      if (clinicIds.length > 0) {
        await trx
          .insertInto('user_clinics')
          .values(
            clinicIds.map((clinicId) => ({ org_id: actor.orgId, user_id: userId, clinic_id: clinicId })),
          )
          .execute();
      }
    }
    const fields = Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    // Each role granted or withdrawn gets its own key, so an access review reads it off the row.
    const roleChanges = Object.fromEntries([
      ...roles.filter((r) => !before.roles.includes(r)).map((r) => [`role:${r}`, 'granted']),
      ...before.roles.filter((r) => !roles.includes(r)).map((r) => [`role:${r}`, 'withdrawn']),
    ]) as Record<string, string>;
    await recordAudit(trx, actor, {
      action: 'user.update',
      entity: 'user',
      entityId: userId,
      details: { fields: fields.join(','), ...roleChanges, ...(input.clinicIds ? { clinicIds } : {}) },
    });
    return after;
  });
}
