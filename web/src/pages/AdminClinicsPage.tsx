// Admin: the organization's clinics, and adding one with its time zone.
import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useClinics, useCreateClinic } from '../api/hooks';
import type { Clinic } from '../api/types';
import { DataTable } from '../components/DataTable';
import { FormAlert } from '../components/FormAlert';
import { QueryState } from '../components/QueryState';
import { fieldErrors } from '../lib/issues';

const col = createColumnHelper<Clinic>();

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

export default function AdminClinicsPage() {
  const clinics = useClinics();
  const columns = useMemo(
    () => [col.accessor('name', { header: 'Name' }), col.accessor('timezone', { header: 'Time zone' })],
    [],
  );
  return (
    <Stack gap="lg">
      <Title order={1}>Clinics</Title>
      <QueryState query={clinics}>
        {(data) => (
          <DataTable
            data={data.clinics}
            columns={columns}
            caption="Clinics of the organization"
            getRowId={(c) => c.id}
          />
        )}
      </QueryState>
      <AddClinic />
    </Stack>
  );
}
