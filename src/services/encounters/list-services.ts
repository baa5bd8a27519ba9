// Reads documented services of a clinic month with their coded lines: what billing sees beside the monthly codes.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { packsFor } from '../billing/rule-packs.js';
import { clinicMonthSchema, lastDayOfMonth } from '../../domain/calendar/index.js';
import { uuid } from '../schemas.js';
import { codeRows, dayKey } from './day-coding.js';
import type { BhServiceView } from './service-input.js';
import { toServiceView } from './service-view.js';

export const servicesQuery = z.object({ clinicId: uuid, month: clinicMonthSchema });

export async function listBhServices({
  db,
  actor,
  query,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof servicesQuery>;
}): Promise<{ services: BhServiceView[] }> {
  assertClinicAccess(actor, query.clinicId);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('bh_services as s')
      .innerJoin('patients as p', (j) =>
        j.onRef('p.org_id', '=', 's.org_id').onRef('p.id', '=', 's.patient_id'),
      )
      .selectAll('s')
      .select('p.payer')
      .where('s.org_id', '=', actor.orgId)
      .where('s.clinic_id', '=', query.clinicId)
      .where('s.service_date', '>=', `${query.month}-01`)
      .where('s.service_date', '<=', lastDayOfMonth(query.month))
      .orderBy('s.service_date')
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute();
    const coded = codeRows(rows, await packsFor(trx, actor.orgId));
    const services = rows.map((row) =>
      toServiceView(row, coded.get(dayKey(row.patient_id, row.service_date))!),
    );
    await recordAudit(trx, actor, {
      action: 'bh_service.list',
      entity: 'clinic',
      entityId: query.clinicId,
      clinicId: query.clinicId,
      details: { serviceIds: services.map((s) => s.id) },
    });
    return { services };
  });
}
