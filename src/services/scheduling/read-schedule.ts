// GET /api/schedule: every BH clinician's slots of a clinic-local day with their state, and the day's appointments.
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { dayOf } from '../../domain/calendar/index.js';
import { dayBounds } from '../../domain/scheduling/slots.js';
import { assertClinicAccess, type Actor } from '../actor.js';
import { recordAudit } from '../audit/audit-event.js';
import { isoDate, uuid } from '../schemas.js';
import { appointmentColumns, toAppointmentView, type AppointmentView } from './appointment-view.js';
import { clinicTimeZone, loadClinicDay } from './clinic-day.js';

export const scheduleQuery = z.object({
  clinicId: uuid,
  date: isoDate.optional().describe('Clinic-local day; default today in the clinic’s zone'),
});

export interface ScheduleView {
  clinicId: string;
  date: string;
  timeZone: string;
  visitTypes: {
    id: string;
    name: string;
    kind: string;
    minutes: number;
    bufferMinutes: number;
    capacity: number;
  }[];
  clinicians: {
    id: string;
    name: string;
    slots: {
      start: string;
      end: string;
      visitTypeId: string;
      kind: string;
      state: string;
      protected: boolean;
      releaseAt: string | null;
      capacity: number;
      taken: number;
    }[];
    appointments: (AppointmentView & {
      patient: { id: string; mrn: string; givenName: string; familyName: string };
    })[];
  }[];
}

export async function readSchedule({
  db,
  actor,
  query,
  now,
}: {
  db: Db;
  actor: Actor;
  query: z.output<typeof scheduleQuery>;
  now: Date;
}): Promise<ScheduleView> {
  assertClinicAccess(actor, query.clinicId);
  return db.transaction().execute(async (trx) => {
    const date = query.date ?? dayOf(now, await clinicTimeZone(trx, actor.orgId, query.clinicId));
    const day = await loadClinicDay(trx, { orgId: actor.orgId, clinicId: query.clinicId, date, now });
    const bounds = dayBounds(date, day.timeZone);
    const appointments = await trx
      .selectFrom('appointments as a')
      .innerJoin('patients as p', (j) =>
        j.onRef('p.org_id', '=', 'a.org_id').onRef('p.id', '=', 'a.patient_id'),
      )
      .select(appointmentColumns.map((c) => `a.${c}` as const))
      .select(['p.mrn', 'p.given_name', 'p.family_name'])
      .where('a.org_id', '=', actor.orgId)
      .where('a.clinic_id', '=', query.clinicId)
      .where('a.starts_at', '>=', bounds.start)
      .where('a.starts_at', '<', bounds.end)
      .orderBy('a.starts_at')
      .execute();
    await recordAudit(trx, actor, {
      action: 'schedule.read',
      entity: 'schedule',
      clinicId: query.clinicId,
      details: {
        patientIds: [...new Set(appointments.map((a) => a.patient_id))],
        count: appointments.length,
      },
    });
    return {
      clinicId: query.clinicId,
      date,
      timeZone: day.timeZone,
      visitTypes: [...day.visitTypes.values()].map(({ clinicId: _c, ...t }) => t),
      clinicians: day.clinicians.map((c) => ({
        id: c.clinicianId,
        name: c.name,
        slots: c.slots.map((s) => ({
          start: s.start.toISOString(),
          end: s.end.toISOString(),
          visitTypeId: s.visitTypeId,
          kind: s.kind,
          state: s.state,
          protected: s.protected,
          releaseAt: s.releaseAt?.toISOString() ?? null,
          capacity: s.capacity,
          taken: s.taken,
        })),
        appointments: appointments
          .filter((a) => a.clinician_id === c.clinicianId)
          .map((a) => ({
            ...toAppointmentView(a),
            patient: { id: a.patient_id, mrn: a.mrn, givenName: a.given_name, familyName: a.family_name },
          })),
      })),
    };
  });
}
