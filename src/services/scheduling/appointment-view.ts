// An appointment as the API shows it, and the columns it is read from.
import type { Selectable } from 'kysely';
import type { AppointmentsTable } from '../../db/schema-scheduling.js';
import type { AppointmentStatus } from '../../domain/scheduling/appointment-status.js';

export interface AppointmentView {
  id: string;
  clinicId: string;
  clinicianId: string;
  patientId: string;
  visitTypeId: string;
  start: string;
  end: string;
  status: AppointmentStatus;
  fromProtectedSlot: boolean;
  worklistItemId: string | null;
  bookingReason: string | null;
  lateCancel: boolean;
  contactId: string | null;
  checkedInAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

export const appointmentColumns = [
  'id',
  'clinic_id',
  'clinician_id',
  'patient_id',
  'visit_type_id',
  'starts_at',
  'ends_at',
  'status',
  'from_protected_slot',
  'worklist_item_id',
  'booking_reason',
  'late_cancel',
  'contact_id',
  'checked_in_at',
  'started_at',
  'completed_at',
] as const;

type Row = Pick<Selectable<AppointmentsTable>, (typeof appointmentColumns)[number]>;

export const toAppointmentView = (r: Row): AppointmentView => ({
  id: r.id,
  clinicId: r.clinic_id,
  clinicianId: r.clinician_id,
  patientId: r.patient_id,
  visitTypeId: r.visit_type_id,
  start: r.starts_at.toISOString(),
  end: r.ends_at.toISOString(),
  // The column's CHECK constraint holds it to the domain's statuses.
  status: r.status as AppointmentStatus,
  fromProtectedSlot: r.from_protected_slot,
  worklistItemId: r.worklist_item_id,
  bookingReason: r.booking_reason,
  lateCancel: r.late_cancel,
  contactId: r.contact_id,
  checkedInAt: r.checked_in_at?.toISOString() ?? null,
  startedAt: r.started_at?.toISOString() ?? null,
  completedAt: r.completed_at?.toISOString() ?? null,
});
