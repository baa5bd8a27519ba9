// Loads what a clinic-local day of BH schedules is computed from, and computes each slot's state as of `now`.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ACTIVE_STATUSES } from '../../domain/scheduling/appointment-status.js';
import { BH_SCHEDULE_ROLES } from '../../domain/scheduling/roles.js';
import { dayBounds, statedDaySlots, type StatedSlot } from '../../domain/scheduling/slots.js';
import { templateInput } from '../../domain/scheduling/template.js';
import type { VisitType } from '../../domain/scheduling/visit-types.js';
import { AppError } from '../../errors.js';
import { loadVisitTypes } from './visit-types.js';

export interface ClinicianDay {
  clinicianId: string;
  name: string;
  slots: StatedSlot[];
}

export interface ClinicDay {
  clinicId: string;
  timeZone: string;
  date: string;
  visitTypes: Map<string, VisitType>;
  clinicians: ClinicianDay[];
}

export async function clinicTimeZone(db: Kysely<Database>, orgId: string, clinicId: string): Promise<string> {
  const clinic = await db
    .selectFrom('clinics')
    .select('timezone')
    .where('org_id', '=', orgId)
    .where('id', '=', clinicId)
    .executeTakeFirst();
  if (!clinic) throw AppError.notFound('Clinic', 'clinicId');
  return clinic.timezone;
}

/**
 * The day of every BH schedule holder in the clinic (or only `clinicianId`). Occupancy counts the
 * clinician's bookings in every clinic, so one person is never booked twice at once.
 */
export async function loadClinicDay(
  db: Kysely<Database>,
  input: { orgId: string; clinicId: string; date: string; now: Date; clinicianId?: string },
): Promise<ClinicDay> {
  const timeZone = await clinicTimeZone(db, input.orgId, input.clinicId);
  const bounds = dayBounds(input.date, timeZone);
  const visitTypes = await loadVisitTypes(db, input.orgId, [input.clinicId]);
  let holders = db
    .selectFrom('clinician_templates as t')
    .innerJoin('users as u', (j) => j.onRef('u.org_id', '=', 't.org_id').onRef('u.id', '=', 't.clinician_id'))
    .innerJoin('user_clinics as uc', (j) =>
      j.onRef('uc.org_id', '=', 'u.org_id').onRef('uc.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.name', 't.template'])
    .where('t.org_id', '=', input.orgId)
    .where('uc.clinic_id', '=', input.clinicId)
    .where('u.active', '=', true)
    .where(sql<boolean>`u.roles && ${[...BH_SCHEDULE_ROLES]}::text[]`);
  if (input.clinicianId !== undefined) holders = holders.where('u.id', '=', input.clinicianId);
  const rows = await holders.orderBy('u.name').orderBy('u.id').execute();
  const ids = rows.map((r) => r.id);
  const closures =
    ids.length === 0
      ? []
      : await db
          .selectFrom('schedule_closures')
          .select(['clinician_id', 'starts_at', 'ends_at'])
          .where('org_id', '=', input.orgId)
          .where('clinic_id', '=', input.clinicId)
          .where('starts_at', '<', bounds.end)
          .where('ends_at', '>', bounds.start)
          .execute();
  const bookings =
    ids.length === 0
      ? []
      : await db
          .selectFrom('appointments')
          .select(['clinician_id', 'visit_type_id', 'starts_at', 'ends_at'])
          .where('org_id', '=', input.orgId)
          .where('clinician_id', 'in', ids)
          .where('status', 'in', [...ACTIVE_STATUSES])
          .where('starts_at', '<', bounds.end)
          .where('ends_at', '>', bounds.start)
          .execute();
  return {
    clinicId: input.clinicId,
    timeZone,
    date: input.date,
    visitTypes,
    clinicians: rows.map((r) => ({
      clinicianId: r.id,
      name: r.name,
      slots: statedDaySlots({
        clinicianId: r.id,
        template: templateInput.parse(r.template),
        visitTypes,
        day: input.date,
        timeZone,
        closures: closures.map((c) => ({ clinicianId: c.clinician_id, start: c.starts_at, end: c.ends_at })),
        bookings: bookings
          .filter((b) => b.clinician_id === r.id)
          .map((b) => ({ visitTypeId: b.visit_type_id, start: b.starts_at, end: b.ends_at })),
        now: input.now,
      }),
    })),
  };
}
