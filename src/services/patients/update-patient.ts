// Changes a registered patient's home address (what the 837P's subscriber loop needs); audited by id.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { postalAddressSchema } from '../../domain/billing/identifiers.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { addressToRow } from '../postal-address.js';
import { patientColumns, toPatientView, type PatientView } from './patient-input.js';
import { findPatient } from './read-patients.js';

/** Only the address for now; null clears it. */
export const updatePatientInput = z.object({ address: postalAddressSchema.nullable() });
export type UpdatePatientInput = z.output<typeof updatePatientInput>;

export async function updatePatient({
  db,
  actor,
  patientId,
  input,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
  input: UpdatePatientInput;
}): Promise<PatientView> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    const row = await trx
      .updateTable('patients')
      .set(addressToRow(input.address))
      .where('org_id', '=', actor.orgId)
      .where('id', '=', patient.id)
      .returning(patientColumns)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'patient.update',
      entity: 'patient',
      entityId: patient.id,
      patientId: patient.id,
      clinicId: patient.clinicId,
      details: { fields: 'address' },
    });
    return toPatientView(row);
  });
}
