// Before registering, the patients a clinic already has with the same birth date and a similar name.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { isoDate, trimmed, uuid } from '../schemas.js';
import { patientColumns, toPatientView, type PatientView } from './patient-input.js';

export const duplicatesQuery = z.object({
  clinicId: uuid,
  givenName: trimmed(100),
  familyName: trimmed(100),
  birthDate: isoDate,
});

/**
 * pg_trgm similarity of the folded full names at or above this counts as "similar": it holds for a
 * dropped or doubled letter ("Jon"/"John", "Abbot"/"Abbott") and for swapped given and family names
 * (trigrams ignore word order), and not for two different names that share a birth date.
 */
const NAME_SIMILARITY = 0.4;

export async function findPossibleDuplicates({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof duplicatesQuery>;
}): Promise<{ candidates: PatientView[] }> {
  assertClinicAccess(actor, query.clinicId);
  const name = `${query.givenName} ${query.familyName}`;
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('patients')
      .select(patientColumns)
      .where('org_id', '=', actor.orgId)
      .where('clinic_id', '=', query.clinicId)
      .where('birth_date', '=', query.birthDate)
      .where(
        sql<boolean>`similarity(careloop_fold(given_name || ' ' || family_name), careloop_fold(${name})) >= ${NAME_SIMILARITY}`,
      )
      .orderBy('family_name')
      .orderBy('given_name')
      .limit(20)
      .execute();
    const candidates = rows.map(toPatientView);
    await recordAudit(trx, actor, {
      action: 'patient.list',
      entity: 'patient',
      clinicId: query.clinicId,
      details: {
        patientIds: candidates.map((p) => p.id),
        count: candidates.length,
        purpose: 'duplicate_check',
      },
    });
    return { candidates };
  });
}
