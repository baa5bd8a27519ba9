// Admin: the audit trail, newest first, filtered by action, staff member or patient, paged by cursor.
import {
  Anchor,
  Button,
  Card,
  Code,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useAudit, useCapabilities, useClinics, useUsers } from '../api/hooks';
import type { AuditEventView } from '@server/services/audit/list-audit';
import type { AuditQuery } from '../api/types';
import { DataTable } from '../components/DataTable';
import { FormAlert } from '../components/FormAlert';
import { Loading } from '../components/QueryState';
import { formatDateTime } from '../lib/format';
import { fieldErrors } from '../lib/issues';
import { useClinicTimeZone } from '../session/useClinicTimeZone';

const col = createColumnHelper<AuditEventView>();

/** `count: 51 · patientIds: 51 ids`: details hold ids and counts only; long id lists are summarised. */
function summarizeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => {
      if (Array.isArray(value)) return `${key}: ${value.length} id${value.length === 1 ? '' : 's'}`;
      if (typeof value === 'string' && value.length > 12) return `${key}: ${value.slice(0, 8)}…`;
      return `${key}: ${String(value)}`;
    })
    .join(' · ');
}
const PAGE_SIZES = ['50', '100', '200', '500'];

interface Filters {
  action: string;
  actorId: string;
  patientId: string;
  limit: number;
}

const EMPTY: Filters = { action: '', actorId: '', patientId: '', limit: 100 };

export default function AdminAuditPage() {
  const [form, setForm] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  /** `before` cursors of the pages visited; the last one is the page shown. */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const query: AuditQuery = {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.patientId ? { patientId: filters.patientId } : {}),
    ...(before !== undefined ? { before } : {}),
    limit: filters.limit,
  };
  const audit = useAudit(query);
  const users = useUsers();
  const clinics = useClinics();
  // Each event in its own clinic's zone; organization-wide events in the chosen clinic's.
  const timeZone = useClinicTimeZone();
  const errors = fieldErrors(audit.error);

  // The server documents the audit vocabulary as the `action` parameter's enum.
  const capabilities = useCapabilities();
  const actionOptions = capabilities.data?.parameterEnum('GET /api/audit', 'action') ?? [];

  const userName = useMemo(() => {
    const names = new Map((users.data?.users ?? []).map((u) => [u.id, u.name]));
    return (id: string | null) => (id ? (names.get(id) ?? id.slice(0, 8)) : 'system');
  }, [users.data]);
  const clinicZone = useMemo(() => {
    const zones = new Map((clinics.data?.clinics ?? []).map((c) => [c.id, c.timezone]));
    return (id: string | null) => (id ? zones.get(id) : undefined) ?? timeZone;
  }, [clinics.data, timeZone]);
  const clinicName = useMemo(() => {
    const names = new Map((clinics.data?.clinics ?? []).map((c) => [c.id, c.name]));
    return (id: string | null) => (id ? (names.get(id) ?? id.slice(0, 8)) : '—');
  }, [clinics.data]);

  const columns = useMemo(
    () => [
      col.accessor('at', {
        header: 'When',
        cell: (c) => formatDateTime(c.getValue(), clinicZone(c.row.original.clinicId)),
      }),
      col.accessor((e) => userName(e.actorId), { id: 'actor', header: 'Who' }),
      col.accessor('action', { header: 'Action', cell: (c) => <Code>{c.getValue()}</Code> }),
      col.accessor((e) => e.entity + (e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''), {
        id: 'entity',
        header: 'Record',
      }),
      col.accessor('patientId', {
        header: 'Patient',
        cell: (c) => {
          const id = c.getValue();
          return id ? (
            <Anchor component={Link} to={`/patients/${id}`} ff="monospace" size="sm">
              {id.slice(0, 8)}
            </Anchor>
          ) : (
            '—'
          );
        },
      }),
      col.accessor((e) => clinicName(e.clinicId), { id: 'clinic', header: 'Clinic' }),
      col.accessor((e) => summarizeDetails(e.details), {
        id: 'details',
        header: 'Details',
        enableSorting: false,
        cell: (c) => (
          <Text
            size="xs"
            ff="monospace"
            maw={320}
            style={{ overflowWrap: 'anywhere' }}
            title={JSON.stringify(c.row.original.details)}
          >
            {c.getValue()}
          </Text>
        ),
      }),
    ],
    [userName, clinicName, clinicZone],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...form, patientId: form.patientId.trim() });
    setCursors([undefined]);
  };

  const events = audit.data?.events ?? [];
  const next = audit.data?.nextBefore ?? null;

  return (
    <Stack gap="md">
      <Title order={1}>Audit log</Title>
      <Card withBorder component="form" onSubmit={apply} aria-label="Filter the audit log">
        <Group align="end" wrap="wrap">
          <NativeSelect
            label="Action"
            value={form.action}
            onChange={(e) => setForm((f) => ({ ...f, action: e.currentTarget.value }))}
            data={[{ value: '', label: 'Any action' }, ...actionOptions.map((a) => ({ value: a, label: a }))]}
            error={errors.get('action')}
          />
          <NativeSelect
            label="Staff member"
            value={form.actorId}
            onChange={(e) => setForm((f) => ({ ...f, actorId: e.currentTarget.value }))}
            data={[
              { value: '', label: 'Anyone' },
              ...(users.data?.users ?? [])
                .slice()
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((u) => ({ value: u.id, label: u.name })),
            ]}
            error={errors.get('actorId')}
          />
          <TextInput
            label="Patient ID"
            placeholder="Patient record ID"
            value={form.patientId}
            onChange={(e) => setForm((f) => ({ ...f, patientId: e.currentTarget.value }))}
            error={errors.get('patientId')}
            w={320}
          />
          <NativeSelect
            label="Per page"
            value={String(form.limit)}
            onChange={(e) => setForm((f) => ({ ...f, limit: Number(e.currentTarget.value) }))}
            data={PAGE_SIZES}
            error={errors.get('limit')}
          />
          <Button type="submit">Apply filters</Button>
          <Button
            variant="default"
            onClick={() => {
              setForm(EMPTY);
              setFilters(EMPTY);
              setCursors([undefined]);
            }}
          >
            Clear
          </Button>
        </Group>
      </Card>
      <FormAlert
        error={audit.error}
        issues={errors.unclaimed(['action', 'actorId', 'patientId', 'limit'])}
        title="The audit log could not be read"
      />
      {audit.isPending ? (
        <Loading label="Loading audit events…" />
      ) : (
        <>
          <DataTable
            data={events}
            columns={columns}
            caption="Audit events, newest first"
            pageSize={filters.limit}
            getRowId={(e) => String(e.id)}
            empty="No audit events match."
            testId="audit-table"
          />
          <Group justify="space-between">
            <Text size="sm" aria-live="polite">
              Page {cursors.length}
              {audit.isFetching ? ' · loading…' : ''}
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                disabled={cursors.length < 2}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Newer
              </Button>
              <Button
                variant="default"
                disabled={next === null}
                onClick={() => setCursors((c) => [...c, next ?? undefined])}
              >
                Older
              </Button>
            </Group>
          </Group>
        </>
      )}
    </Stack>
  );
}
