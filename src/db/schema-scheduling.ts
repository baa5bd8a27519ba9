// Table types of scheduling (visit types, templates, closures, appointments, handoffs), kept apart from schema.ts.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface VisitTypesTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  name: string;
  kind: string;
  minutes: number;
  buffer_minutes: number;
  capacity: number;
  created_at: CreatedAt;
}

export interface ClinicianTemplatesTable {
  org_id: string;
  clinician_id: string;
  /** A TemplateInput (src/domain/scheduling/template.ts), validated before it is stored. */
  template: Json<unknown>;
  updated_at: Timestamp;
  updated_by: string;
}

export interface ScheduleClosuresTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  clinician_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface AppointmentsTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  clinician_id: string;
  patient_id: string;
  visit_type_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: Generated<string>;
  from_protected_slot: Generated<boolean>;
  worklist_item_id: string | null;
  booking_reason: string | null;
  booked_at: Timestamp;
  booked_by: string;
  checked_in_at: Timestamp | null;
  checked_in_by: string | null;
  started_at: Timestamp | null;
  started_by: string | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  cancelled_by_party: 'patient' | 'clinic' | null;
  late_cancel: Generated<boolean>;
  no_show_at: Timestamp | null;
  no_show_by: string | null;
  contact_id: string | null;
  sequence: Generated<number>;
  updated_at: Generated<Date>;
}

export interface HandoffsTable {
  org_id: string;
  id: Generated<string>;
  clinic_id: string;
  patient_id: string;
  reason: string;
  status: Generated<'requested' | 'accepted'>;
  requested_at: Timestamp;
  requested_by: string;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  appointment_id: string | null;
}

export interface SchedulingTables {
  handoffs: HandoffsTable;
  visit_types: VisitTypesTable;
  clinician_templates: ClinicianTemplatesTable;
  schedule_closures: ScheduleClosuresTable;
  appointments: AppointmentsTable;
}
