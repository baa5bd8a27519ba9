// A postal address between its API shape ({ line1, line2, city, state, postalCode }) and its five columns.
import { z } from 'zod';
import type { PostalAddress, postalAddressSchema } from '../domain/billing/identifiers.js';

/** The reply shape (OpenAPI) of a stored address. */
export const addressViewSchema = z
  .object({
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    state: z.string(),
    postalCode: z.string(),
  })
  .nullable();

export const addressColumns = ['address_line1', 'address_line2', 'city', 'state', 'postal_code'] as const;

export interface AddressRow {
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
}

/** The stored address, or null when none is recorded (the table keeps it all-or-nothing). */
export function addressFromRow(row: AddressRow): PostalAddress | null {
  if (!row.address_line1 || !row.city || !row.state || !row.postal_code) return null;
  return {
    line1: row.address_line1,
    line2: row.address_line2,
    city: row.city,
    state: row.state,
    postalCode: row.postal_code,
  };
}

/** Column values for a validated address; null clears every column. */
export function addressToRow(address: z.output<typeof postalAddressSchema> | null): AddressRow {
  return {
    address_line1: address?.line1 ?? null,
    address_line2: address?.line2 ?? null,
    city: address?.city ?? null,
    state: address?.state ?? null,
    postal_code: address?.postalCode ?? null,
  };
}
