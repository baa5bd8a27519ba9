// The patient record as every edge accepts it (HTTP body, CSV import row).
import { z } from 'zod';
import { postalAddressSchema, type PostalAddress } from '../../domain/billing/identifiers.js';
import { PAYERS, type Payer } from '../../domain/billing/vocabulary.js';
import { SEXES, type Sex } from '../../domain/instruments/types.js';
import { addressColumns, addressFromRow, type AddressRow } from '../postal-address.js';
import { isoDate, trimmed, uuid } from '../schemas.js';

// Defined once in the domain (the web app takes them from there too).
export { PAYERS, SEXES };

export const patientInput = z.object({
  clinicId: uuid,
  mrn: trimmed(64).regex(/^[A-Za-z0-9._-]+$/, 'may contain only letters, digits, dot, dash and underscore'),
  givenName: trimmed(100),
  familyName: trimmed(100),
  /** Not in the future of the clinic's day: insertPatient checks it in the clinic's time zone. */
  birthDate: isoDate,
  // Required, never defaulted: the AUDIT-C cutoff depends on it (instruments.md §5).
  sex: z.enum(SEXES, { error: `choose one of ${SEXES.join(', ')}: the AUDIT-C cutoff depends on it` }),
  pcpId: uuid.optional(),
  coverage: z.object({ payer: z.enum(PAYERS), memberId: trimmed(64).optional() }).optional(),
  /** Home address; the 837P needs it for the subscriber (2010BA N3/N4). */
  address: postalAddressSchema.optional(),
});
export type PatientInput = z.output<typeof patientInput>;

export interface PatientView {
  id: string;
  clinicId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: Sex;
  pcpId: string | null;
  coverage: { payer: Payer; memberId: string | null } | null;
  address: PostalAddress | null;
}

export const patientColumns = [
  'id',
  'clinic_id',
  'mrn',
  'given_name',
  'family_name',
  'birth_date',
  'sex',
  'pcp_id',
  'payer',
  'member_id',
  ...addressColumns,
] as const;

export function toPatientView(
  row: {
    id: string;
    clinic_id: string;
    mrn: string;
    given_name: string;
    family_name: string;
    birth_date: string;
    sex: string;
    pcp_id: string | null;
    payer: string | null;
    member_id: string | null;
  } & AddressRow,
): PatientView {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    mrn: row.mrn,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    // Written only through patientInput, so the stored text is one of the enum's values.
    sex: row.sex as Sex,
    pcpId: row.pcp_id,
    coverage: row.payer ? { payer: row.payer as Payer, memberId: row.member_id } : null,
    address: addressFromRow(row),
  };
}
