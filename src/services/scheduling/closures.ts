// Holidays, clinic closures and a clinician's absences: slots they cover show as blocked.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { dayBounds } from '../../domain/scheduling/slots.js';
import { AppError } from '../../errors.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { isoDate, isoInstant, trimmed, uuid } from '../schemas.js';

/** Whole clinic-local days (`date`, optionally `throughDate`) or an exact span (`start`–`end`). */
export const closureInput = z
  .object({
    clinicianId: uuid.optional().describe('Absent: the whole clinic closes'),
    date: isoDate.optional(),
    throughDate: isoDate.optional(),
    start: isoInstant.optional(),
    end: isoInstant.optional(),
    reason: trimmed(120),
  })
  .superRefine((v, ctx) => {
    const byDay = v.date !== undefined;
    const bySpan = v.start !== undefined && v.end !== undefined;
    if (byDay === bySpan) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: 'give either date (and throughDate) or start and end',
      });
    }
    if (bySpan && v.end! <= v.start!)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    if (byDay && v.throughDate !== undefined && v.throughDate < v.date!) {
      ctx.addIssue({ code: 'custom', path: ['throughDate'], message: 'must not be before date' });
    }
  });

export async function createClosure({
  db,
  actor,
  clinicId,
  input,
}: {
  db: Db;
  actor: Actor;
  clinicId: string;
  input: z.output<typeof closureInput>;
}): Promise<{ id: string; start: string; end: string }> {
  assertClinicAccess(actor, clinicId);
  return db.transaction().execute(async (trx) => {
    const clinic = await trx
      .selectFrom('clinics')
      .select('timezone')
      .where('org_id', '=', actor.orgId)
      .where('id', '=', clinicId)
      .executeTakeFirst();
    if (!clinic) throw AppError.notFound('Clinic');
    if (input.clinicianId !== undefined) {
      const member = await trx
        .selectFrom('user_clinics')
        .select('user_id')
        .where('org_id', '=', actor.orgId)
        .where('user_id', '=', input.clinicianId)
        .where('clinic_id', '=', clinicId)
        .executeTakeFirst();
      if (!member) throw AppError.notFound('Clinician', 'clinicianId');
    }
    const start = input.date ? dayBounds(input.date, clinic.timezone).start : input.start!;
    const end = input.date ? dayBounds(input.throughDate ?? input.date, clinic.timezone).end : input.end!;
    const row = await trx
      .insertInto('schedule_closures')
      .values({
        org_id: actor.orgId,
        clinic_id: clinicId,
        clinician_id: input.clinicianId ?? null,
        starts_at: start,
        ends_at: end,
        reason: input.reason,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'closure.create',
      entity: 'schedule_closure',
      entityId: row.id,
      clinicId,
    });
    return { id: row.id, start: start.toISOString(), end: end.toISOString() };
  });
}
