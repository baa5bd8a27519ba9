// The IANA zone every time on a page is shown and entered in: the record's clinic, else the chosen clinic.
import { useSession } from './SessionProvider';

export function useClinicTimeZone(clinicId?: string | null): string {
  const { clinics, clinic } = useSession();
  return clinics.find((c) => c.id === clinicId)?.timezone ?? clinic?.timezone ?? 'UTC';
}
