// A clinic's visit types: listed for everyone who schedules, added by admins.
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import {
  visitTypeInput,
  type VisitKind,
  type VisitType,
  type VisitTypeInput,
} from '../../domain/scheduling/visit-types.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';

export { visitTypeInput };

/** The visit types of these clinics, by id (all of the organization's when `clinicIds` is null). */
export async function loadVisitTypes(
  db: Kysely<Database>,
  orgId: string,
  clinicIds: readonly string[] | null,
): Promise<Map<string, VisitType>> {
  if (clinicIds !== null && clinicIds.length === 0) return new Map();
  let query = db
    .selectFrom('visit_types')
    .select(['id', 'clinic_id', 'name', 'kind', 'minutes', 'buffer_minutes', 'capacity'])
    .where('org_id', '=', orgId);
  if (clinicIds !== null) query = query.where('clinic_id', 'in', clinicIds);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        clinicId: r.clinic_id,
        name: r.name,
        // Written only through visitTypeInput.
        kind: r.kind as VisitKind,
        minutes: r.minutes,
        bufferMinutes: r.buffer_minutes,
        capacity: r.capacity,
      },
    ]),
  );
}

export async function listVisitTypes({
  db,
  actor,
  clinicId,
}: {
  db: Db;
  actor: Actor;
  clinicId: string;
}): Promise<{ visitTypes: VisitType[] }> {
  assertClinicAccess(actor, clinicId);
  return { visitTypes: [...(await loadVisitTypes(db, actor.orgId, [clinicId])).values()] };
}

export async function createVisitType({
  db,
  actor,
  clinicId,
  input,
}: {
  db: Db;
  actor: Actor;
  clinicId: string;
  input: VisitTypeInput;
}): Promise<VisitType> {
  assertClinicAccess(actor, clinicId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('visit_types')
      .values({
        org_id: actor.orgId,
        clinic_id: clinicId,
        name: input.name,
        kind: input.kind,
        minutes: input.minutes,
        buffer_minutes: input.bufferMinutes,
        capacity: input.capacity,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'visit_type.create',
      entity: 'visit_type',
      entityId: row.id,
      clinicId,
    });
    return { id: row.id, clinicId, ...input };
  });
}
