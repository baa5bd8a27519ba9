// Billing identity for the 837P: a clinic's group NPI, tax id (EIN) and service address; patients' addresses.
import { sql, type Kysely } from 'kysely';

// The use cases validate these (NPI check digit, USPS state, ...); the checks here keep the stored shape
// that the claim exports rely on, whoever writes the row. An address is either complete or absent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE clinics
      ADD COLUMN billing_npi text CHECK (billing_npi ~ '^[0-9]{10}$'),
      ADD COLUMN tax_id text CHECK (tax_id ~ '^[0-9]{9}$'),
      ADD COLUMN address_line1 text,
      ADD COLUMN address_line2 text,
      ADD COLUMN city text,
      ADD COLUMN state text CHECK (state ~ '^[A-Z]{2}$'),
      ADD COLUMN postal_code text CHECK (postal_code ~ '^[0-9]{5}(-[0-9]{4})?$'),
      ADD CONSTRAINT clinics_address_complete
        CHECK (num_nulls(address_line1, city, state, postal_code) IN (0, 4)
          AND (address_line2 IS NULL OR address_line1 IS NOT NULL));

    ALTER TABLE patients
      ADD COLUMN address_line1 text,
      ADD COLUMN address_line2 text,
      ADD COLUMN city text,
      ADD COLUMN state text CHECK (state ~ '^[A-Z]{2}$'),
      ADD COLUMN postal_code text CHECK (postal_code ~ '^[0-9]{5}(-[0-9]{4})?$'),
      ADD CONSTRAINT patients_address_complete
        CHECK (num_nulls(address_line1, city, state, postal_code) IN (0, 4)
          AND (address_line2 IS NULL OR address_line1 IS NOT NULL));
  `.execute(db);
}
