// The care manager's registry: one row per episode of care with scores, contacts and flags.
// Listed only when the server publishes GET /api/registry; filters map to its query parameters.
import { Anchor, Badge, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useCapabilities, useRegistry } from '../api/hooks';
import type { RegistryRow } from '../api/types';
import { DataTable } from '../components/DataTable';
import { Loading, QueryState } from '../components/QueryState';
import { formatDate, sortName } from '../lib/format';
import { useSession } from '../session/SessionProvider';

const col = createColumnHelper<RegistryRow>();

// Fallbacks; the server's documented parameter enums win.
const STATUSES = ['referred', 'active', 'relapse_prevention', 'discharged'];
const FLAGS = [
  'safety_risk',
  'needs_case_review',
  'not_improving',
  'no_recent_contact',
  'measurement_overdue',
  'no_follow_up_4_weeks',
  'ready_for_relapse_prevention',
  'minutes_at_risk',
  'inactive_6_months',
];
const words = (code: string) => code.replaceAll('_', ' ');

export default function RegistryPage() {
  const { clinic } = useSession();
  const capabilities = useCapabilities();
  const statuses = capabilities.data?.parameterEnum('GET /api/registry', 'status') ?? STATUSES;
  const flags = capabilities.data?.parameterEnum('GET /api/registry', 'flag') ?? FLAGS;
  const [status, setStatus] = useState('');
  const [flag, setFlag] = useState('');
  const [asOf, setAsOf] = useState('');
  const registry = useRegistry(
    clinic
      ? {
          clinicId: clinic.id,
          ...(status ? { status } : {}),
          ...(flag ? { flag } : {}),
          ...(asOf ? { asOf } : {}),
        }
      : null,
  );
  const columns = useMemo(
    () => [
      col.accessor((r) => (r.patient ? sortName(r.patient) : r.patientId), {
        id: 'patient',
        header: 'Patient',
        cell: (c) => (
          <Stack gap={0}>
            <Anchor component={Link} to={`/patients/${c.row.original.patientId}`} fw={600}>
              {c.row.original.patient ? c.getValue() : 'Open chart'}
            </Anchor>
            {c.row.original.patient && (
              <Text size="sm" c="dimmed">
                MRN {c.row.original.patient.mrn}
              </Text>
            )}
          </Stack>
        ),
      }),
      col.accessor('status', { header: 'Status', cell: (c) => words(c.getValue()) }),
      col.accessor('weeksInTreatment', { header: 'Weeks' }),
      col.accessor('baselineScore', { header: 'Baseline' }),
      col.accessor('latestScore', { header: 'Latest' }),
      col.accessor('percentChange', {
        header: 'Change',
        cell: (c) => (c.getValue() === null ? '—' : `${Math.round(c.getValue() ?? 0)}%`),
      }),
      col.accessor('lastContactAt', {
        header: 'Last contact',
        cell: (c) => formatDate(c.getValue(), clinic?.timezone),
      }),
      col.accessor('minutesThisMonth', { header: 'Minutes this month' }),
      col.accessor((r) => r.flags.map((f) => f.code).join(' '), {
        id: 'flags',
        header: 'Flags',
        enableSorting: false,
        cell: (c) => (
          <Group gap={4}>
            {c.row.original.flags.map((f) => (
              <Badge
                key={f.code}
                variant="outline"
                color={f.code === 'safety_risk' ? 'red.9' : 'gray'}
                title={f.reason}
              >
                {words(f.code)}
              </Badge>
            ))}
          </Group>
        ),
      }),
    ],
    [clinic?.timezone],
  );
  if (!clinic) return <Loading />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Registry</Title>
        <Text c="dimmed">{clinic.name}</Text>
      </div>
      <Group align="end">
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: 'Default (open episodes)' },
            ...statuses.map((s) => ({ value: s, label: words(s) })),
          ]}
        />
        <NativeSelect
          label="Flag"
          value={flag}
          onChange={(e) => setFlag(e.currentTarget.value)}
          data={[{ value: '', label: 'Any' }, ...flags.map((f) => ({ value: f, label: words(f) }))]}
        />
        <TextInput label="As of" type="date" value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} />
      </Group>
      <QueryState query={registry} loadingLabel="Loading the registry…">
        {(data) => (
          <DataTable
            data={data.rows}
            columns={columns}
            caption={`Registry of ${clinic.name}`}
            getRowId={(r) => r.episodeId}
            empty="No episodes match."
            testId="registry-table"
          />
        )}
      </QueryState>
    </Stack>
  );
}
