// Adds a clinic (with its IANA time zone) to the actor's organization.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { timeZone, trimmed } from '../schemas.js';

export const createClinicInput = z.object({ name: trimmed(200), timezone: timeZone });

export interface ClinicView {
  id: string;
  name: string;
  timezone: string;
}

export async function createClinic({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.infer<typeof createClinicInput>;
}): Promise<ClinicView> {
  return db.transaction().execute(async (trx) => {
    const clinic = await trx
      .insertInto('clinics')
      .values({ org_id: actor.orgId, name: input.name, timezone: input.timezone })
      .returning(['id', 'name', 'timezone'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'clinic.create',
      entity: 'clinic',
      entityId: clinic.id,
      clinicId: clinic.id,
    });
    return clinic;
  });
}

export async function listClinics({ db, actor }: { db: Db; actor: Actor }): Promise<ClinicView[]> {
  if (actor.clinicIds.length === 0) return [];
  return db
    .selectFrom('clinics')
    .select(['id', 'name', 'timezone'])
    .where('org_id', '=', actor.orgId)
    .where('id', 'in', actor.clinicIds)
    .orderBy('name')
    .execute();
}

export async function getClinic(db: Db, actor: Actor, clinicId: string): Promise<ClinicView | undefined> {
  if (!actor.clinicIds.includes(clinicId)) return undefined;
  return db
    .selectFrom('clinics')
    .select(['id', 'name', 'timezone'])
    .where('org_id', '=', actor.orgId)
    .where('id', '=', clinicId)
    .executeTakeFirst();
}
