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
import { AddressFields, ADDRESS_FIELDS, addressForm, addressInput } from './AddressFields';
import { DuplicateWarning, usePossibleDuplicatesFor } from './DuplicateWarning';
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
  ...ADDRESS_FIELDS,
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
  });
  const [address, setAddress] = useState(addressForm());
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const errors = fieldErrors(create.error);
  const duplicates = usePossibleDuplicatesFor(
    {
      clinicId: clinic.id,
      givenName: form.givenName,
      familyName: form.familyName,
      birthDate: form.birthDate,
    },
    can('GET /api/patients/duplicates'),
  );
  const [differentPerson, setDifferentPerson] = useState(false);
  const [unconfirmed, setUnconfirmed] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // A likely duplicate is registered only when the user says, deliberately, it is another person.
    if (duplicates.length > 0 && !differentPerson) {
      setUnconfirmed(true);
      return;
    }
    // The address is optional, but any part entered sends all of it for the server to check.
    const home = addressInput(address);
    const input: PatientInput = {
      clinicId: clinic.id,
      mrn: form.mrn.trim(),
      givenName: form.givenName.trim(),
      familyName: form.familyName.trim(),
      birthDate: form.birthDate,
      // Left blank, the server refuses it at the field: a guessed 'unknown' would change AUDIT-C cutoffs.
      sex: form.sex as Sex,
      ...(form.pcpId ? { pcpId: form.pcpId } : {}),
      ...(form.payer
        ? {
            coverage: {
              payer: form.payer,
              ...(form.memberId.trim() ? { memberId: form.memberId.trim() } : {}),
            },
          }
        : {}),
      ...(home ? { address: home } : {}),
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
          <AddressFields
            value={address}
            onChange={setAddress}
            errors={errors}
            autofill={false}
            description="Home address, needed on insurance claims"
          />
        </SimpleGrid>
        <DuplicateWarning
          candidates={duplicates}
          confirmed={differentPerson}
          onConfirm={(checked) => {
            setDifferentPerson(checked);
            setUnconfirmed(false);
          }}
          error={unconfirmed ? 'Open the existing record, or confirm this is a different person' : undefined}
        />
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
