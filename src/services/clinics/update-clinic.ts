// Changes a clinic's name, time zone, billing identity (group NPI, EIN, address) or diagnosis policy; admins only, audited.
import type { Updateable } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import type { ClinicsTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { addressToRow } from '../postal-address.js';
import { timeZone, trimmed } from '../schemas.js';
import { clinicBillingInput, clinicColumns, toClinicView, type ClinicView } from './clinic-view.js';

export const updateClinicInput = z
  .object({
    name: trimmed(200).optional(),
    timezone: timeZone.optional(),
    ...clinicBillingInput,
    /** billing.md §1: let episodes open without an F-code diagnosis. */
    allowNonBehavioralDiagnosis: z.boolean().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to change', path: [] });
export type UpdateClinicInput = z.output<typeof updateClinicInput>;

export async function updateClinic({
  db,
  actor,
  clinicId,
  input,
}: {
  db: Db;
  actor: Actor;
  clinicId: string;
  input: UpdateClinicInput;
}): Promise<ClinicView> {
  assertClinicAccess(actor, clinicId, 'Clinic', 'id');
  const changes: Updateable<ClinicsTable> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.timezone !== undefined) changes.timezone = input.timezone;
  if (input.billingNpi !== undefined) changes.billing_npi = input.billingNpi;
  if (input.taxId !== undefined) changes.tax_id = input.taxId;
  if (input.allowNonBehavioralDiagnosis !== undefined) {
    changes.allow_non_behavioral_diagnosis = input.allowNonBehavioralDiagnosis;
  }
  if (input.address !== undefined) Object.assign(changes, addressToRow(input.address));
  return db.transaction().execute(async (trx) => {
    if (input.timezone !== undefined) await checkZoneChange(trx, actor.orgId, clinicId, input.timezone);
    const row = await trx
      .updateTable('clinics')
      .set(changes)
      .where('org_id', '=', actor.orgId)
      .where('id', '=', clinicId)
      .returning(clinicColumns)
      .executeTakeFirst();
    if (!row) throw AppError.notFound('Clinic');
    await recordAudit(trx, actor, {
      action: 'clinic.update',
      entity: 'clinic',
      entityId: clinicId,
      clinicId,
      // Which fields changed, never their values.
      details: {
        fields: Object.keys(input)
          .filter((k) => input[k as keyof UpdateClinicInput] !== undefined)
          .join(','),
      },
    });
    return toClinicView(row);
  });
}

/**
 * Minute rollups and closed months are cut at midnight in the clinic's zone when contacts are written, so
 * once a clinic has contacts its zone is fixed (moving it would silently re-cut billed months).
 */
async function checkZoneChange(db: Db, orgId: string, clinicId: string, timezone: string): Promise<void> {
  const clinic = await db
    .selectFrom('clinics')
    .select('timezone')
    .where('org_id', '=', orgId)
    .where('id', '=', clinicId)
    .forUpdate()
    .executeTakeFirst();
  if (!clinic) throw AppError.notFound('Clinic');
  if (clinic.timezone === timezone) return;
  const contact = await db
    .selectFrom('contacts')
    .select('id')
    .where('org_id', '=', orgId)
    .where('clinic_id', '=', clinicId)
    .limit(1)
    .executeTakeFirst();
  if (contact) {
    throw AppError.rule(
      'timezone',
      `cannot change once the clinic has logged contacts: its billing months were counted in ${clinic.timezone}`,
    );
  }
}
