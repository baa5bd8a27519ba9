// Billing: a month's claims for the current clinic. Listed only when the server publishes month claims.
import { Anchor, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMonthClaims } from '../api/hooks';
import type { Claim } from '../api/types';
import { DataTable } from '../components/DataTable';
import { Loading, QueryState } from '../components/QueryState';
import { formatDate, sortName } from '../lib/format';
import { useSession } from '../session/SessionProvider';

const col = createColumnHelper<Claim>();

function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export default function BillingPage() {
  const { clinic } = useSession();
  const [month, setMonth] = useState(lastMonth);
  const claims = useMonthClaims(month, clinic?.id ?? null);
  const columns = useMemo(
    () => [
      col.accessor((c) => (c.patient ? sortName(c.patient) : c.patientId), {
        id: 'patient',
        header: 'Patient',
        cell: (c) => (
          <Anchor component={Link} to={`/patients/${c.row.original.patientId}`}>
            {c.row.original.patient ? c.getValue() : 'Open chart'}
          </Anchor>
        ),
      }),
      col.accessor('code', { header: 'Code' }),
      col.accessor('units', { header: 'Units' }),
      col.accessor('minutes', { header: 'Minutes' }),
      col.accessor('serviceDate', { header: 'Service date', cell: (c) => formatDate(c.getValue()) }),
      col.accessor((c) => c.diagnoses.join(', '), { id: 'dx', header: 'Diagnoses' }),
      col.accessor((c) => c.reasons.join('; '), {
        id: 'why',
        header: 'Why',
        enableSorting: false,
        cell: (c) => <Text size="sm">{c.getValue()}</Text>,
      }),
    ],
    [],
  );
  if (!clinic) return <Loading />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Billing</Title>
        <Text c="dimmed">{clinic.name}</Text>
      </div>
      <TextInput
        label="Month"
        type="month"
        value={month}
        onChange={(e) => setMonth(e.currentTarget.value)}
        w={200}
      />
      <QueryState query={claims} loadingLabel="Loading claims…">
        {(data) => (
          <Stack>
            {data.status && <Text>Month status: {data.status.replaceAll('_', ' ')}</Text>}
            <DataTable
              data={data.claims}
              columns={columns}
              caption={`Claims for ${month}`}
              empty="No claims for this month."
              testId="claims-table"
            />
            {(data.skipped?.length ?? 0) > 0 && (
              <div>
                <Title order={2} size="h4">
                  Not billable this month
                </Title>
                <List size="sm">
                  {data.skipped?.map((s) => (
                    <List.Item key={s.episodeId}>{s.reason}</List.Item>
                  ))}
                </List>
              </div>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
