// A US postal address as the patient and clinic forms enter it (the 837P needs both), with the API's
// errors at `address.*` shown next to their inputs.
import { Group, TextInput } from '@mantine/core';
import type { PostalAddress } from '@server/domain/billing/identifiers';
import type { FieldErrors } from '../lib/issues';

export interface AddressForm {
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
}

/** The issue paths these inputs claim. */
export const ADDRESS_FIELDS = [
  'address.line1',
  'address.line2',
  'address.city',
  'address.state',
  'address.postalCode',
] as const;

export function addressForm(address?: PostalAddress | null): AddressForm {
  return {
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    city: address?.city ?? '',
    state: address?.state ?? '',
    postalCode: address?.postalCode ?? '',
  };
}

/** The address to send: null when every input is empty, else all of it for the server to check. */
export function addressInput(form: AddressForm): PostalAddress | null {
  const blank = (v: string) => v.trim() === '';
  if (Object.values(form).every(blank)) return null;
  return {
    line1: form.line1.trim(),
    line2: blank(form.line2) ? null : form.line2.trim(),
    city: form.city.trim(),
    state: form.state.trim(),
    postalCode: form.postalCode.trim(),
  };
}

export function AddressFields({
  value,
  onChange,
  errors,
  autofill,
  description,
}: {
  value: AddressForm;
  onChange: (address: AddressForm) => void;
  errors: FieldErrors;
  /** Offer the browser's saved addresses: right for the clinic's own address, wrong for a patient's. */
  autofill: boolean;
  /** Shown under the first line, e.g. why the address is asked for. */
  description?: string;
}) {
  const input = (key: keyof AddressForm, label: string, token: string, extra: object = {}) => (
    <TextInput
      label={label}
      autoComplete={autofill ? token : 'off'}
      value={value[key]}
      onChange={(e) => onChange({ ...value, [key]: e.currentTarget.value })}
      error={errors.get(`address.${key}`)}
      {...extra}
    />
  );
  return (
    <>
      {input('line1', 'Address line 1', 'address-line1', description ? { description } : {})}
      {input('line2', 'Address line 2', 'address-line2')}
      {input('city', 'City', 'address-level2')}
      <Group grow align="start">
        {input('state', 'State', 'address-level1', { maxLength: 2, description: 'USPS code, e.g. NY' })}
        {input('postalCode', 'ZIP code', 'postal-code', { description: 'ZIP+4 where known' })}
      </Group>
    </>
  );
}
