// Admin: the organization's clinics, adding one with its time zone, and editing a clinic's billing identity.
import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useClinics, useCreateClinic, useUpdateClinic } from '../api/hooks';
import type { ClinicView } from '@server/services/clinics/clinic-view';
import type { ClinicPatch } from '../api/types';
import { AddressFields, ADDRESS_FIELDS, addressForm, addressInput } from '../components/AddressFields';
import { DataTable } from '../components/DataTable';
import { FormAlert } from '../components/FormAlert';
import { QueryState } from '../components/QueryState';
import { fieldErrors } from '../lib/issues';

const col = createColumnHelper<ClinicView>();

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Phoenix',
      'America/Los_Angeles',
    ];
  }
}

function AddClinic() {
  const create = useCreateClinic();
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState<string | null>('America/New_York');
  const [added, setAdded] = useState<string | null>(null);
  const zones = useMemo(timeZones, []);
  const errors = fieldErrors(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    create.mutate(
      { name: name.trim(), timezone: timezone ?? '' },
      {
        onSuccess: (clinic) => {
          setAdded(clinic.name);
          setName('');
        },
      },
    );
  };
  return (
    <Card withBorder component="form" onSubmit={onSubmit} noValidate aria-labelledby="add-clinic-title">
      <Stack>
        <Title order={2} size="h4" id="add-clinic-title">
          Add a clinic
        </Title>
        <FormAlert
          error={create.error}
          issues={errors.unclaimed(['name', 'timezone'])}
          title="The clinic was not added"
        />
        {added && (
          <Text role="status" c="careloop.9" fw={600}>
            Added {added}.
          </Text>
        )}
        <Group align="start" grow>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.get('name')}
          />
          <Select
            label="Time zone"
            required
            searchable
            data={zones}
            value={timezone}
            onChange={setTimezone}
            error={errors.get('timezone')}
            description="Billing months and “same day” follow this zone"
          />
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending} leftSection={<IconPlus size={18} aria-hidden />}>
            Add clinic
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** What the 837P still needs from a clinic (its billing provider loop, 2010AA). */
function missingIdentity(clinic: ClinicView): string[] {
  return [
    ...(clinic.billingNpi ? [] : ['group NPI']),
    ...(clinic.taxId ? [] : ['tax ID']),
    ...(clinic.address ? [] : ['address']),
  ];
}

const EDIT_FIELDS = ['name', 'timezone', 'billingNpi', 'taxId', ...ADDRESS_FIELDS] as const;

const FIELD_LABELS: Record<string, string> = {
  address: 'Address',
};

function EditClinic({ clinic, onClose }: { clinic: ClinicView; onClose: () => void }) {
  const update = useUpdateClinic();
  const zones = useMemo(timeZones, []);
  const [form, setForm] = useState({
    name: clinic.name,
    timezone: clinic.timezone as string | null,
    billingNpi: clinic.billingNpi ?? '',
    taxId: clinic.taxId ?? '',
  });
  const [address, setAddress] = useState(addressForm(clinic.address));
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof form) => (value: string | null) => setForm((f) => ({ ...f, [key]: value }));
  const errors = fieldErrors(update.error);
  const titleId = `edit-clinic-${clinic.id}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const blank = (v: string) => v.trim() === '';
    // Every address input empty clears the address; anything else is sent for the server to check.
    const input: ClinicPatch = {
      name: form.name.trim(),
      timezone: form.timezone ?? '',
      billingNpi: blank(form.billingNpi) ? null : form.billingNpi.trim(),
      taxId: blank(form.taxId) ? null : form.taxId.trim(),
      address: addressInput(address),
    };
    update.mutate({ clinicId: clinic.id, input }, { onSuccess: () => setSaved(true) });
  };

  return (
    <Card withBorder component="form" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <Stack>
        <Title order={2} size="h4" id={titleId}>
          Edit {clinic.name}
        </Title>
        <Text size="sm" c="dimmed">
          The X12 837P export names the clinic as billing provider: it needs the tax ID and the address, and
          refuses to build a file without them.
        </Text>
        <FormAlert
          error={update.error}
          issues={errors.unclaimed(EDIT_FIELDS)}
          title="The clinic was not saved"
          labelFor={(field) => FIELD_LABELS[field] ?? field}
        />
        {saved && (
          <Text role="status" c="careloop.9" fw={600}>
            Saved {form.name.trim()}.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={errors.get('name')}
          />
          <Select
            label="Time zone"
            required
            searchable
            data={zones}
            value={form.timezone}
            onChange={set('timezone')}
            error={errors.get('timezone')}
            description="Fixed once the clinic has logged contacts"
          />
          <TextInput
            label="Group NPI"
            inputMode="numeric"
            autoComplete="off"
            value={form.billingNpi}
            onChange={(e) => set('billingNpi')(e.currentTarget.value)}
            error={errors.get('billingNpi')}
            description="10 digits; the last is a check digit"
          />
          <TextInput
            label="Tax ID (EIN)"
            autoComplete="off"
            value={form.taxId}
            onChange={(e) => set('taxId')(e.currentTarget.value)}
            error={errors.get('taxId')}
            description="9 digits, e.g. 12-3456789"
          />
          <AddressFields value={address} onChange={setAddress} errors={errors} autofill />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button
            type="submit"
            loading={update.isPending}
            leftSection={<IconDeviceFloppy size={18} aria-hidden />}
          >
            Save clinic
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export default function AdminClinicsPage() {
  const clinics = useClinics();
  const [editing, setEditing] = useState<string | null>(null);
  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: 'Name',
        cell: (c) => <span id={`clinic-name-${c.row.original.id}`}>{c.getValue()}</span>,
      }),
      col.accessor('timezone', { header: 'Time zone' }),
      col.accessor((c) => missingIdentity(c).join(', '), {
        id: 'billing',
        header: 'Billing identity (837P)',
        cell: (c) => {
          const missing = missingIdentity(c.row.original);
          return missing.length === 0 ? 'Complete' : `Missing ${missing.join(', ')}`;
        },
      }),
      col.display({
        id: 'edit',
        header: 'Edit',
        cell: (c) => (
          <Button
            size="sm"
            variant="light"
            mih={44}
            aria-describedby={`clinic-name-${c.row.original.id}`}
            aria-expanded={editing === c.row.original.id}
            onClick={() => setEditing(c.row.original.id)}
          >
            Edit
          </Button>
        ),
      }),
    ],
    [editing],
  );
  return (
    <Stack gap="lg">
      <Title order={1}>Clinics</Title>
      <QueryState query={clinics}>
        {(data) => {
          const clinic = data.clinics.find((c) => c.id === editing);
          return (
            <>
              <DataTable
                data={data.clinics}
                columns={columns}
                caption="Clinics of the organization"
                getRowId={(c) => c.id}
              />
              {clinic && <EditClinic key={clinic.id} clinic={clinic} onClose={() => setEditing(null)} />}
            </>
          );
        }}
      </QueryState>
      <AddClinic />
    </Stack>
  );
}
