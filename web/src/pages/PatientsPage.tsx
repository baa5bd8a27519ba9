// Patients of the current clinic: search by name, MRN or birth date, page through the list, register one.
import { Anchor, Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePatients } from '../api/hooks';
import type { PatientView } from '@server/services/patients/patient-input';
import { DataTable } from '../components/DataTable';
import { PatientForm } from '../components/PatientForm';
import { LoadError, Loading } from '../components/QueryState';
import { ageFrom, formatDay, PAYER_LABELS, SEX_LABELS, sortName } from '../lib/format';
import { useSession } from '../session/SessionProvider';

/** The server pages with limit/offset; one extra row tells whether there is a next page. */
const PAGE = 50;
const col = createColumnHelper<PatientView>();

export default function PatientsPage() {
  const { clinic, can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(text.trim(), 300);
  const page = Math.max(0, Number(params.get('page') ?? '0') || 0);
  const [registering, setRegistering] = useState(false);

  const query = usePatients(
    { clinicId: clinic?.id ?? '', ...(q ? { q } : {}), limit: PAGE + 1, offset: page * PAGE },
    clinic !== null,
  );
  const rows = query.data?.patients ?? [];
  const hasNext = rows.length > PAGE;
  const shown = useMemo(() => rows.slice(0, PAGE), [rows]);

  const columns = useMemo(
    () => [
      col.accessor((p) => sortName(p), {
        id: 'name',
        header: 'Name',
        cell: (c) => (
          <Anchor component={Link} to={`/patients/${c.row.original.id}`} fw={600}>
            {c.getValue()}
          </Anchor>
        ),
      }),
      col.accessor('mrn', { header: 'MRN' }),
      col.accessor('birthDate', {
        header: 'Born',
        cell: (c) => `${formatDay(c.getValue())} (${ageFrom(c.getValue()) ?? '?'})`,
      }),
      col.accessor('sex', { header: 'Sex', cell: (c) => SEX_LABELS[c.getValue()] ?? c.getValue() }),
      col.accessor((p) => (p.coverage ? (PAYER_LABELS[p.coverage.payer] ?? p.coverage.payer) : '—'), {
        id: 'coverage',
        header: 'Coverage',
      }),
    ],
    [],
  );

  const setQuery = (value: string) => {
    setText(value);
    const next = new URLSearchParams(params);
    if (value.trim()) next.set('q', value.trim());
    else next.delete('q');
    next.delete('page');
    setParams(next, { replace: true });
  };
  const goToPage = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 0) next.set('page', String(n));
    else next.delete('page');
    setParams(next);
  };

  if (!clinic) return <Loading />;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="end">
        <div>
          <Title order={1}>Patients</Title>
          <Text c="dimmed">{clinic.name}</Text>
        </div>
        {can('POST /api/patients') && (
          <Button
            leftSection={<IconUserPlus size={18} aria-hidden />}
            onClick={() => setRegistering(true)}
            mih={44}
          >
            Register patient
          </Button>
        )}
      </Group>
      <TextInput
        label="Search"
        description="Name in any order or part of it, MRN, or birth date (MM/DD/YYYY)"
        leftSection={<IconSearch size={18} aria-hidden />}
        value={text}
        onChange={(e) => setQuery(e.currentTarget.value)}
        maw={420}
        size="md"
      />
      {query.error ? (
        <LoadError error={query.error} retry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Loading label="Loading patients…" />
      ) : (
        <>
          <DataTable
            data={shown}
            columns={columns}
            caption={`Patients of ${clinic.name}${q ? ` matching “${q}”` : ''}`}
            pageSize={PAGE}
            sortable={false}
            getRowId={(p) => p.id}
            empty={q ? `No patient matches “${q}”.` : 'No patients registered yet.'}
            testId="patients-table"
          />
          {(page > 0 || hasNext) && (
            <Group justify="space-between">
              <Text size="sm" aria-live="polite">
                Page {page + 1}
              </Text>
              <Group gap="xs">
                <Button variant="default" disabled={page === 0} onClick={() => goToPage(page - 1)}>
                  Previous page
                </Button>
                <Button variant="default" disabled={!hasNext} onClick={() => goToPage(page + 1)}>
                  Next page
                </Button>
              </Group>
            </Group>
          )}
        </>
      )}
      <Modal
        opened={registering}
        onClose={() => setRegistering(false)}
        title={<Text fw={700}>Register a patient</Text>}
        size="xl"
      >
        <PatientForm
          clinic={clinic}
          onCancel={() => setRegistering(false)}
          onCreated={(p) => {
            setRegistering(false);
            void navigate(`/patients/${p.id}`);
          }}
        />
      </Modal>
    </Stack>
  );
}
