// What every section of the patient page receives.
import type { Patient } from '../../api/types';

export interface PatientSectionProps {
  patient: Patient;
  /** The patient's clinic's IANA zone, for dates and times. */
  timeZone: string;
}
