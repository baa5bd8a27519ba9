// Shapes a stored service and its day's coding for the API.
import type { CodedDay, ServiceKind } from '../../domain/billing/encounter/index.js';
import type { BhServiceRow } from './day-coding.js';
import type { BhServiceView } from './service-input.js';

export function toServiceView(row: BhServiceRow, day: CodedDay): BhServiceView {
  return {
    id: row.id,
    patientId: row.patient_id,
    clinicId: row.clinic_id,
    serviceDate: row.service_date,
    clinicianId: row.clinician_id,
    credential: row.credential,
    kind: row.kind as ServiceKind,
    minutes: row.minutes,
    primaryDiagnosis: row.primary_diagnosis,
    interactiveComplexity: row.interactive_complexity,
    groupSize: row.group_size,
    billedSeparately: row.billed_separately,
    contactId: row.contact_id,
    lines: day.lines.filter((l) => l.serviceId === row.id),
    notBilled: day.skips.filter((s) => s.serviceId === row.id).map((s) => s.reason),
  };
}
