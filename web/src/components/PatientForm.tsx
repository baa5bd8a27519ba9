// Registers a patient in the current clinic; every API issue lands next to the input it names.
import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useCreatePatient, useUsers } from '../api/hooks';
import { PAYERS, type Payer } from '@server/domain/billing/vocabulary';
import { SEXES, type Sex } from '@server/domain/instruments/types';
import type { ClinicView } from '@server/services/clinics/clinic-view';
import type { PatientView } from '@server/services/patients/patient-input';
import type { PatientInput } from '../api/types';
import { PAYER_LABELS, SEX_LABELS } from '../lib/format';
import { fieldErrors } from '../lib/issues';
import { useSession } from '../session/SessionProvider';
import { FormAlert } from './FormAlert';

const FIELDS = [
  'clinicId',
  'mrn',
  'givenName',
  'familyName',
  'birthDate',
  'sex',
  'pcpId',
  'coverage',
  'address.line1',
  'address.line2',
  'address.city',
  'address.state',
  'address.postalCode',
];

export function PatientForm({
  clinic,
  onCreated,
  onCancel,
}: {
  clinic: ClinicView;
  onCreated: (patient: PatientView) => void;
  onCancel?: () => void;
}) {
  const { can } = useSession();
  const create = useCreatePatient();
  const pcps = useUsers({ role: 'pcp', clinicId: clinic.id }, can('GET /api/users'));
  const [form, setForm] = useState({
    mrn: '',
    givenName: '',
    familyName: '',
    birthDate: '',
    sex: '' as Sex | '',
    pcpId: '',
    payer: '' as Payer | '',
    memberId: '',
    line1: '',
    line2: '',
    city: '',
    state: '',
    postalCode: '',
  });
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const errors = fieldErrors(create.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const blank = (v: string) => v.trim() === '';
    // The address is optional, but any part entered sends all of it for the server to check.
    const hasAddress = [form.line1, form.line2, form.city, form.state, form.postalCode].some(
      (v) => !blank(v),
    );
    const input: PatientInput = {
      clinicId: clinic.id,
      mrn: form.mrn.trim(),
      givenName: form.givenName.trim(),
      familyName: form.familyName.trim(),
      birthDate: form.birthDate,
      sex: (form.sex || 'unknown') as Sex,
      ...(form.pcpId ? { pcpId: form.pcpId } : {}),
      ...(form.payer
        ? {
            coverage: {
              payer: form.payer,
              ...(form.memberId.trim() ? { memberId: form.memberId.trim() } : {}),
            },
          }
        : {}),
      ...(hasAddress
        ? {
            address: {
              line1: form.line1.trim(),
              line2: blank(form.line2) ? null : form.line2.trim(),
              city: form.city.trim(),
              state: form.state.trim(),
              postalCode: form.postalCode.trim(),
            },
          }
        : {}),
    };
    create.mutate(input, { onSuccess: onCreated });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Register a patient">
      <Stack>
        <FormAlert
          error={create.error}
          issues={errors.unclaimed(FIELDS)}
          title="The patient was not registered"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Given name"
            required
            value={form.givenName}
            onChange={(e) => set('givenName')(e.currentTarget.value)}
            error={errors.get('givenName')}
          />
          <TextInput
            label="Family name"
            required
            value={form.familyName}
            onChange={(e) => set('familyName')(e.currentTarget.value)}
            error={errors.get('familyName')}
          />
          <TextInput
            label="MRN"
            required
            description={`Unique within ${clinic.name}`}
            value={form.mrn}
            onChange={(e) => set('mrn')(e.currentTarget.value)}
            error={errors.get('mrn')}
          />
          <TextInput
            label="Birth date"
            type="date"
            required
            value={form.birthDate}
            onChange={(e) => set('birthDate')(e.currentTarget.value)}
            error={errors.get('birthDate')}
          />
          <NativeSelect
            label="Sex (for clinical use)"
            required
            value={form.sex}
            onChange={(e) => set('sex')(e.currentTarget.value)}
            data={[
              { value: '', label: 'Choose…' },
              ...SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] ?? s })),
            ]}
            error={errors.get('sex')}
          />
          <NativeSelect
            label="Primary care provider"
            value={form.pcpId}
            onChange={(e) => set('pcpId')(e.currentTarget.value)}
            data={[
              { value: '', label: 'Not set' },
              ...(pcps.data?.users ?? []).map((u) => ({ value: u.id, label: u.name })),
            ]}
            error={errors.get('pcpId')}
          />
          <NativeSelect
            label="Coverage"
            value={form.payer}
            onChange={(e) => set('payer')(e.currentTarget.value)}
            data={[
              { value: '', label: 'Not recorded' },
              ...PAYERS.map((p) => ({ value: p, label: PAYER_LABELS[p] ?? p })),
            ]}
            error={
              errors.get('coverage.payer') ??
              (errors.get('coverage') && !errors.get('coverage.memberId')
                ? errors.get('coverage')
                : undefined)
            }
          />
          <TextInput
            label="Member ID"
            disabled={!form.payer}
            value={form.memberId}
            onChange={(e) => set('memberId')(e.currentTarget.value)}
            error={errors.get('coverage.memberId')}
          />
          <TextInput
            label="Address line 1"
            description="Home address, needed on insurance claims"
            autoComplete="off"
            value={form.line1}
            onChange={(e) => set('line1')(e.currentTarget.value)}
            error={errors.get('address.line1')}
          />
          <TextInput
            label="Address line 2"
            autoComplete="off"
            value={form.line2}
            onChange={(e) => set('line2')(e.currentTarget.value)}
            error={errors.get('address.line2')}
          />
          <TextInput
            label="City"
            autoComplete="off"
            value={form.city}
            onChange={(e) => set('city')(e.currentTarget.value)}
            error={errors.get('address.city')}
          />
          <Group grow align="start">
            <TextInput
              label="State"
              description="USPS code, e.g. NY"
              autoComplete="off"
              maxLength={2}
              value={form.state}
              onChange={(e) => set('state')(e.currentTarget.value)}
              error={errors.get('address.state')}
            />
            <TextInput
              label="ZIP code"
              autoComplete="off"
              value={form.postalCode}
              onChange={(e) => set('postalCode')(e.currentTarget.value)}
              error={errors.get('address.postalCode')}
            />
          </Group>
        </SimpleGrid>
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={create.isPending}>
            Register patient
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
