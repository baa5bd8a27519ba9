// Registers a patient in one of the actor's clinics; an MRN is unique within its clinic.
import type { Db } from '../../db/connection.js';
import { futureDayIssues } from '../../domain/registry/future-day.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { clinicTimeZone } from '../clinics/clinic-time-zone.js';
import { addressToRow } from '../postal-address.js';
import { patientColumns, toPatientView, type PatientInput, type PatientView } from './patient-input.js';

/** Inserts without its own transaction or audit row, for callers that batch (CSV import). */
export async function insertPatient(
  db: Db,
  actor: Actor,
  input: PatientInput,
  now: Date,
): Promise<PatientView> {
  assertClinicAccess(actor, input.clinicId);
  const timeZone = await clinicTimeZone(db, actor.orgId, input.clinicId);
  const future = futureDayIssues('birthDate', input.birthDate, now, timeZone);
  if (future.length > 0) throw AppError.validation(future);
  if (input.pcpId) {
    const pcp = await db
      .selectFrom('users as u')
      .innerJoin('user_clinics as uc', (j) =>
        j.onRef('uc.org_id', '=', 'u.org_id').onRef('uc.user_id', '=', 'u.id'),
      )
      .select('u.roles')
      .where('u.org_id', '=', actor.orgId)
      .where('u.id', '=', input.pcpId)
      .where('uc.clinic_id', '=', input.clinicId)
      .executeTakeFirst();
    if (!pcp)
      throw AppError.validation([{ field: 'pcpId', reason: 'no staff member with this id in this clinic' }]);
    if (!pcp.roles.includes('pcp'))
      throw AppError.validation([{ field: 'pcpId', reason: 'this staff member is not a PCP' }]);
  }
  const row = await db
    .insertInto('patients')
    .values({
      org_id: actor.orgId,
      clinic_id: input.clinicId,
      mrn: input.mrn,
      given_name: input.givenName,
      family_name: input.familyName,
      birth_date: input.birthDate,
      sex: input.sex,
      pcp_id: input.pcpId ?? null,
      payer: input.coverage?.payer ?? null,
      member_id: input.coverage?.memberId ?? null,
      ...addressToRow(input.address ?? null),
    })
    .onConflict((oc) => oc.columns(['org_id', 'clinic_id', 'mrn']).doNothing())
    .returning(patientColumns)
    .executeTakeFirst();
  if (!row) throw AppError.conflict('mrn', 'this MRN is already used in this clinic');
  return toPatientView(row);
}

export async function createPatient({
  db,
  actor,
  now,
  input,
}: {
  db: Db;
  actor: Actor;
  /** The caller's clock (the request, the CLI, the simulation). */
  now: Date;
  input: PatientInput;
}): Promise<PatientView> {
  return db.transaction().execute(async (trx) => {
    const patient = await insertPatient(trx, actor, input, now);
    await recordAudit(trx, actor, {
      action: 'patient.create',
      entity: 'patient',
      entityId: patient.id,
      patientId: patient.id,
      clinicId: patient.clinicId,
    });
    return patient;
  });
}
