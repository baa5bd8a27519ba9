// What every section of the patient page receives.
import type { PatientView } from '@server/services/patients/patient-input';

export interface PatientSectionProps {
  patient: PatientView;
  /** The patient's clinic's IANA zone, for dates and times. */
  timeZone: string;
}
