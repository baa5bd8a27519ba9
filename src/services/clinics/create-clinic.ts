// Adds a clinic (with its IANA time zone and, optionally, its billing identity) to the actor's organization.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { addressToRow } from '../postal-address.js';
import { timeZone, trimmed } from '../schemas.js';
import { clinicBillingInput, clinicColumns, toClinicView, type ClinicView } from './clinic-view.js';

export type { ClinicView } from './clinic-view.js';

export const createClinicInput = z.object({ name: trimmed(200), timezone: timeZone, ...clinicBillingInput });

export async function createClinic({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: z.output<typeof createClinicInput>;
}): Promise<ClinicView> {
  return db.transaction().execute(async (trx) => {
    const clinic = await trx
      .insertInto('clinics')
      .values({
        org_id: actor.orgId,
        name: input.name,
        timezone: input.timezone,
        billing_npi: input.billingNpi ?? null,
        tax_id: input.taxId ?? null,
        ...addressToRow(input.address ?? null),
      })
      .returning(clinicColumns)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'clinic.create',
      entity: 'clinic',
      entityId: clinic.id,
      clinicId: clinic.id,
    });
    return toClinicView(clinic);
  });
}

export async function listClinics({ db, actor }: { db: Db; actor: Actor }): Promise<ClinicView[]> {
  if (actor.clinicIds.length === 0) return [];
  const rows = await db
    .selectFrom('clinics')
    .select(clinicColumns)
    .where('org_id', '=', actor.orgId)
    .where('id', 'in', actor.clinicIds)
    .orderBy('name')
    .execute();
  return rows.map(toClinicView);
}

export async function getClinic(db: Db, actor: Actor, clinicId: string): Promise<ClinicView | undefined> {
  if (!actor.clinicIds.includes(clinicId)) return undefined;
  const row = await db
    .selectFrom('clinics')
    .select(clinicColumns)
    .where('org_id', '=', actor.orgId)
    .where('id', '=', clinicId)
    .executeTakeFirst();
  return row && toClinicView(row);
}
