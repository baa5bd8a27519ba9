// A clinic as every edge shows it: name, time zone and the billing identity its claims carry.
import { z } from 'zod';
import {
  einSchema,
  npiSchema,
  postalAddressSchema,
  type PostalAddress,
} from '../../domain/billing/identifiers.js';
import { addressColumns, addressFromRow, addressViewSchema, type AddressRow } from '../postal-address.js';

export interface ClinicView {
  id: string;
  name: string;
  timezone: string;
  /** Group NPI of the clinic (2010AA when it bills as an organization). */
  billingNpi: string | null;
  /** EIN, nine digits (837P 2010AA REF*EI). */
  taxId: string | null;
  /** Service address (837P 2010AA N3/N4). */
  address: PostalAddress | null;
  /** CoCM/BHI episodes may open without an F-code diagnosis (billing.md §1); off by default. */
  allowNonBehavioralDiagnosis: boolean;
}

/** The billing identity fields, each optional; null clears a field. */
export const clinicBillingInput = {
  billingNpi: npiSchema.nullable().optional(),
  taxId: einSchema.nullable().optional(),
  address: postalAddressSchema.nullable().optional(),
};

export const clinicColumns = [
  'id',
  'name',
  'timezone',
  'billing_npi',
  'tax_id',
  'allow_non_behavioral_diagnosis',
  ...addressColumns,
] as const;

export function toClinicView(
  row: {
    id: string;
    name: string;
    timezone: string;
    billing_npi: string | null;
    tax_id: string | null;
    allow_non_behavioral_diagnosis: boolean;
  } & AddressRow,
): ClinicView {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    billingNpi: row.billing_npi,
    taxId: row.tax_id,
    address: addressFromRow(row),
    allowNonBehavioralDiagnosis: row.allow_non_behavioral_diagnosis,
  };
}

/** The reply schema (OpenAPI). */
export const clinicViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  billingNpi: z.string().nullable(),
  taxId: z.string().nullable(),
  address: addressViewSchema,
  allowNonBehavioralDiagnosis: z.boolean(),
});
