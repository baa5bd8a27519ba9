// Reads patients within the actor's clinics; every read is audited with the ids it returned.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { uuid } from '../schemas.js';
import { patientColumns, toPatientView, type PatientView } from './patient-input.js';
import { parseSearchTerms } from './search-terms.js';

export const listPatientsQuery = z.object({
  clinicId: uuid.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export async function listPatients({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof listPatientsQuery>;
}): Promise<{ patients: PatientView[] }> {
  if (query.clinicId) assertClinicAccess(actor, query.clinicId);
  const clinicIds = query.clinicId ? [query.clinicId] : actor.clinicIds;
  if (clinicIds.length === 0) return { patients: [] };
  return db.transaction().execute(async (trx) => {
    let select = trx
      .selectFrom('patients')
      .select(patientColumns)
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', 'in', clinicIds);
    if (query.q) {
      const { words, birthDates } = parseSearchTerms(query.q);
      // Each word must appear in the folded name-and-MRN text (trigram-indexed, see the 17th migration);
      // the search text and the word are folded by the same database function, accents and case alike.
      for (const word of words) {
        const escaped = word.replace(/[\\%_]/g, (c) => `\\${c}`);
        select = select.where(sql<boolean>`search_text like '%' || careloop_fold(${escaped}) || '%'`);
      }
      if (birthDates.length > 0) select = select.where('birth_date', 'in', birthDates);
    }
    const rows = await select
      .orderBy('family_name')
      .orderBy('given_name')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    const patients = rows.map(toPatientView);
    await recordAudit(trx, actor, {
      action: 'patient.list',
      entity: 'patient',
      clinicId: query.clinicId ?? null,
      details: { patientIds: patients.map((p) => p.id), count: patients.length },
    });
    return { patients };
  });
}

/** Loads one patient the actor may see, or answers 404 (another clinic's patient is not found). */
export async function findPatient(
  db: Db,
  actor: Actor,
  patientId: string,
  field = 'id',
): Promise<PatientView> {
  const parsed = uuid.safeParse(patientId);
  const row = parsed.success
    ? await db
        .selectFrom('patients')
        .select(patientColumns)
        .where('org_id', '=', actor.orgId)
        .where('id', '=', patientId)
        .executeTakeFirst()
    : undefined;
  if (!row || !actor.clinicIds.includes(row.clinic_id)) throw AppError.notFound('Patient', field);
  return toPatientView(row);
}

export async function getPatient({
  db,
  actor,
  patientId,
}: {
  db: Db;
  actor: Actor;
  patientId: string;
}): Promise<PatientView> {
  return db.transaction().execute(async (trx) => {
    const patient = await findPatient(trx, actor, patientId);
    await recordAudit(trx, actor, {
      action: 'patient.read',
      entity: 'patient',
      entityId: patient.id,
      patientId: patient.id,
      clinicId: patient.clinicId,
    });
    return patient;
  });
}
