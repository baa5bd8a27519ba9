// The registry: one row per episode of care, most urgent first, with scores, contacts, minutes and flags.
// Filters go to the server (care manager, status, flag, as-of day); sorting and the name search run
// locally over up to 5 000 rows, which scroll in a virtualised table. A care manager starts on their
// own caseload and sees its size against capacity.
import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconPrinter, IconRefresh, IconSearch } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  REGISTRY_LIMIT,
  useCapabilities,
  useCaseloads,
  useDownloadRegistryCsv,
  useRegistry,
} from '../api/hooks';
import { useStaff } from '../api/staff';
import { EPISODE_STATUSES } from '@server/domain/registry/episode-status';
import { FLAG_CODES } from '@server/domain/registry/flags';
import type { CaseloadView } from '@server/services/registry/caseloads';
import type { RegistryRow } from '@server/services/registry/registry-view';
import { FlagChips } from '../components/FlagChips';
import { ProvisionalPackAlert } from '../components/ProvisionalPackAlert';
import { RegistryPrintTable } from '../components/RegistryPrintTable';
import { Loading, QueryState } from '../components/QueryState';
import { VirtualTable } from '../components/VirtualTable';
import {
  ageFrom,
  episodeStatusLabel,
  formatChange,
  formatDate,
  formatDay,
  PAYER_LABELS,
  programLabel,
  registryFlagLabel,
  sortName,
  todayIn,
} from '../lib/format';
import { useSession } from '../session/SessionProvider';
import { useClinicTimeZone } from '../session/useClinicTimeZone';

interface Row extends RegistryRow {
  /** Position in the server's most-urgent-first order, from 1. */
  rank: number;
}

const col = createColumnHelper<Row>();

/** `open` is every status but discharged (the server's default). */
const STATUSES = ['open', ...EPISODE_STATUSES];

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

function ScoreCell({ row }: { row: Row }) {
  if (row.baselineScore === null && row.latestScore === null) return <Text c="dimmed">No scores</Text>;
  const change = row.percentChange;
  const remission = row.latestScore !== null && row.latestScore < 5;
  const response = change !== null && change >= 50;
  return (
    <Stack gap={0}>
      <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
        {row.baselineScore ?? '—'} → {row.latestScore ?? '—'}
        <Text span size="sm" c="dimmed" fw={400}>
          {' '}
          {row.primaryMeasure}
        </Text>
      </Text>
      <Text
        size="sm"
        c={remission || response ? 'green.9' : change !== null && change < 0 ? 'red.9' : undefined}
      >
        {formatChange(change)}
        {remission ? ' · remission' : response ? ' · response' : ''}
      </Text>
    </Stack>
  );
}

function CaseloadCard({ caseload, mine }: { caseload: CaseloadView; mine: boolean }) {
  const percent = caseload.capacity > 0 ? Math.min(100, (caseload.count / caseload.capacity) * 100) : 0;
  return (
    <Card withBorder padding="md" data-testid="caseload-summary">
      <Group justify="space-between" align="baseline" wrap="nowrap">
        <Text fw={700}>{mine ? 'Your caseload' : `Caseload: ${caseload.name}`}</Text>
        <Text fw={700} size="lg">
          {caseload.count}
          <Text span c="dimmed" fw={400} size="sm">
            {' '}
            of {caseload.capacity}
          </Text>
        </Text>
      </Group>
      <Progress
        value={percent}
        color={caseload.overCapacity ? 'red.8' : 'careloop'}
        mt="xs"
        aria-label={`${caseload.count} active patients of a capacity of ${caseload.capacity}`}
      />
      <Group gap={6} mt="xs" wrap="nowrap" align="flex-start">
        {caseload.overCapacity && (
          <IconAlertTriangle size={16} color="var(--mantine-color-red-9)" aria-hidden />
        )}
        <Text size="sm" c={caseload.overCapacity ? 'red.9' : 'dimmed'}>
          {caseload.overCapacity ? 'Over capacity. ' : ''}
          {caseload.explanation}
        </Text>
      </Group>
    </Card>
  );
}

function CaseloadSummary({
  clinicId,
  careManagerId,
  userId,
}: {
  clinicId: string;
  careManagerId: string;
  userId: string;
}) {
  const { can } = useSession();
  const caseloads = useCaseloads(clinicId, can('GET /api/caseloads'));
  const data = caseloads.data;
  if (!data) return null;
  const chosen = data.caseloads.find((c) => c.careManagerId === careManagerId);
  if (chosen) return <CaseloadCard caseload={chosen} mine={chosen.careManagerId === userId} />;
  const active = data.caseloads.reduce((sum, c) => sum + c.count, 0);
  const over = data.caseloads.filter((c) => c.overCapacity);
  return (
    <Card withBorder padding="md" data-testid="caseload-summary">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <div>
          <Text size="sm" c="dimmed">
            Care managers
          </Text>
          <Text fw={700} size="lg">
            {data.caseloads.length}
          </Text>
        </div>
        <div>
          <Text size="sm" c="dimmed">
            Active and relapse-prevention patients
          </Text>
          <Text fw={700} size="lg">
            {active}
            {data.unassigned > 0 ? ` · ${data.unassigned} without a care manager` : ''}
          </Text>
        </div>
        <div>
          <Text size="sm" c="dimmed">
            Over capacity
          </Text>
          <Text fw={700} size="lg" c={over.length > 0 ? 'red.9' : undefined}>
            {over.length === 0 ? 'None' : over.map((c) => c.name).join(', ')}
          </Text>
        </div>
      </SimpleGrid>
    </Card>
  );
}

export default function RegistryPage() {
  const { clinic, user } = useSession();
  const capabilities = useCapabilities();
  const statuses = capabilities.data?.parameterEnum('GET /api/registry', 'status') ?? STATUSES;
  const flags = capabilities.data?.parameterEnum('GET /api/registry', 'flag') ?? [...FLAG_CODES];
  const staff = useStaff(clinic?.id);
  const careManagers = staff.withRole('care_manager');
  const [params, setParams] = useSearchParams();
  const isCareManager = user?.roles.includes('care_manager') ?? false;
  // A care manager starts on their own caseload; `cm=all` shows everyone's.
  const cmParam = params.get('cm') ?? (isCareManager && user ? user.id : 'all');
  const careManagerId = cmParam === 'all' ? '' : cmParam;
  const status = params.get('status') ?? 'open';
  const flag = params.get('flag') ?? '';
  const asOf = params.get('asOf') ?? '';
  const search = params.get('q') ?? '';

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (value === '' && key !== 'cm') next.delete(key);
    setParams(next, { replace: true });
  };

  // The server's filters: the table reads them, and the CSV export carries the same view.
  const filters = clinic
    ? {
        clinicId: clinic.id,
        ...(careManagerId ? { careManagerId } : {}),
        ...(status ? { status } : {}),
        ...(flag ? { flag } : {}),
        ...(asOf ? { asOf } : {}),
      }
    : null;
  const registry = useRegistry(filters);
  const exportCsv = useDownloadRegistryCsv();

  const rows = useMemo<Row[]>(() => {
    const all = (registry.data?.rows ?? []).map((r, i) => ({ ...r, rank: i + 1 }));
    const needle = search.trim().toLowerCase();
    if (!needle) return all;
    return all.filter(
      (r) =>
        r.patient.mrn.toLowerCase().includes(needle) ||
        `${r.patient.givenName} ${r.patient.familyName}`.toLowerCase().includes(needle) ||
        `${r.patient.familyName}, ${r.patient.givenName}`.toLowerCase().includes(needle),
    );
  }, [registry.data, search]);

  const timeZone = useClinicTimeZone();
  const columns = useMemo(
    () => [
      col.accessor('rank', {
        header: () => (
          <>
            <span aria-hidden>#</span>
            <VisuallyHidden>Priority</VisuallyHidden>
          </>
        ),
        cell: (c) => (
          <Text fw={600} c="dimmed">
            {c.getValue()}
          </Text>
        ),
      }),
      col.accessor((r) => sortName(r.patient), {
        id: 'patient',
        header: 'Patient',
        cell: (c) => {
          const p = c.row.original.patient;
          const age = p.birthDate ? ageFrom(p.birthDate) : null;
          return (
            <Stack gap={0}>
              <Anchor component={Link} to={`/patients/${c.row.original.patientId}`} fw={600}>
                {c.getValue()}
              </Anchor>
              <Text size="sm" c="dimmed">
                MRN {p.mrn}
                {age !== null ? ` · ${age} y` : ''}
                {p.payer ? ` · ${PAYER_LABELS[p.payer] ?? p.payer}` : ''}
              </Text>
            </Stack>
          );
        },
      }),
      col.accessor('status', {
        header: 'Status',
        cell: (c) => (
          <Stack gap={0}>
            <Text>{episodeStatusLabel(c.getValue())}</Text>
            <Text size="sm" c="dimmed">
              {c.row.original.program === 'cocm' ? 'CoCM' : programLabel(c.row.original.program)}
            </Text>
          </Stack>
        ),
      }),
      col.accessor('weeksInTreatment', {
        header: 'Weeks',
        sortUndefined: 'last',
        cell: (c) => c.getValue() ?? '—',
      }),
      col.accessor('latestScore', {
        id: 'score',
        header: 'Baseline → latest',
        sortUndefined: 'last',
        cell: (c) => <ScoreCell row={c.row.original} />,
      }),
      col.accessor((r) => r.lastContactAt ?? '', {
        id: 'lastContact',
        header: 'Last contact',
        cell: (c) => {
          const at = c.row.original.lastContactAt;
          if (!at) return <Text c="dimmed">None yet</Text>;
          const days = daysBetween(at.slice(0, 10), c.row.original.asOf);
          return (
            <Stack gap={0}>
              <Text style={{ whiteSpace: 'nowrap' }}>{formatDate(at, timeZone)}</Text>
              <Text size="sm" c="dimmed">
                {days <= 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`}
              </Text>
            </Stack>
          );
        },
      }),
      col.accessor('minutesThisMonth', {
        header: 'Minutes (month)',
        cell: (c) => {
          const next = c.row.original.nextBillingThreshold;
          return (
            <Stack gap={0}>
              <Text fw={600}>{c.getValue()} min</Text>
              {next && (
                <Text size="sm" c="dimmed">
                  {next.minutesNeeded} more for {next.code}
                </Text>
              )}
            </Stack>
          );
        },
      }),
      col.accessor((r) => r.flags.length, {
        id: 'flags',
        header: 'Flags',
        sortDescFirst: true,
        cell: (c) => <FlagChips flags={c.row.original.flags} empty={<Text c="dimmed">None</Text>} />,
      }),
    ],
    [timeZone],
  );

  if (!clinic || !user) return <Loading />;
  const total = registry.data?.total ?? 0;
  const loaded = registry.data?.rows.length ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="end">
        <div>
          <Title order={1}>Registry</Title>
          <Text c="dimmed">{clinic.name}</Text>
        </div>
        <Group gap="xs" className="no-print">
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => filters && exportCsv.mutate(filters)}
            loading={exportCsv.isPending}
            mih={44}
          >
            Export CSV
          </Button>
          <Button
            variant="default"
            leftSection={<IconPrinter size={16} aria-hidden />}
            onClick={() => window.print()}
            mih={44}
          >
            Print
          </Button>
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={() => void registry.refetch()}
            loading={registry.isFetching}
            mih={44}
          >
            Refresh
          </Button>
        </Group>
      </Group>
      {exportCsv.error && (
        <Text c="red.8" role="alert" className="no-print">
          The export failed: {exportCsv.error.message}
        </Text>
      )}
      <div className="no-print">
        <CaseloadSummary clinicId={clinic.id} careManagerId={careManagerId} userId={user.id} />
      </div>
      <Group align="end" gap="sm" className="no-print">
        <NativeSelect
          label="Care manager"
          value={cmParam}
          onChange={(e) => setParam('cm', e.currentTarget.value)}
          data={[
            { value: 'all', label: 'All care managers' },
            ...careManagers.map((u) => ({
              value: u.id,
              label: u.id === user.id ? `${u.name} (you)` : u.name,
            })),
            ...(careManagerId && !careManagers.some((u) => u.id === careManagerId)
              ? [{ value: careManagerId, label: staff.ready ? 'Unknown care manager' : 'Loading…' }]
              : []),
          ]}
        />
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => setParam('status', e.currentTarget.value)}
          data={statuses.map((s) => ({ value: s, label: episodeStatusLabel(s) }))}
        />
        <NativeSelect
          label="Flag"
          value={flag}
          onChange={(e) => setParam('flag', e.currentTarget.value)}
          data={[
            { value: '', label: 'Any' },
            ...flags.map((f) => ({ value: f, label: registryFlagLabel(f) })),
          ]}
        />
        <TextInput
          label="As of"
          type="date"
          value={asOf}
          max={todayIn(clinic.timezone)}
          onChange={(e) => setParam('asOf', e.currentTarget.value)}
        />
        <TextInput
          label="Find in list"
          placeholder="Name or MRN"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setParam('q', e.currentTarget.value)}
          miw={220}
        />
      </Group>
      <QueryState query={registry} loadingLabel="Loading the registry…">
        {() => (
          <Stack gap="xs">
            <ProvisionalPackAlert warnings={registry.data?.warnings} />
            <Text size="sm" aria-live="polite" data-testid="registry-count">
              {rows.length === loaded
                ? `${loaded} ${loaded === 1 ? 'episode' : 'episodes'}`
                : `${rows.length} of ${loaded} episodes match “${search}”`}
              {total > loaded ? ` · showing the first ${REGISTRY_LIMIT} of ${total}, most urgent first` : ''}
              {asOf ? ` · as of ${formatDay(asOf)}` : ''}
              {' · most urgent first; select a column heading to sort'}
            </Text>
            <RegistryPrintTable rows={rows} caption={`Registry of ${clinic.name}`} timeZone={timeZone} />
            <div className="no-print">
              <VirtualTable
                data={rows}
                columns={columns}
                caption={`Registry of ${clinic.name}`}
                getRowId={(r) => r.episodeId}
                height="max(24rem, calc(100vh - 25rem))"
                estimateRowHeight={68}
                empty="No episodes match these filters."
                testId="registry-table"
                rowClassName={(r) =>
                  r.flags.some((f) => f.code === 'safety_risk') ? 'registry-urgent-row' : undefined
                }
                widths={{
                  rank: '3.75rem',
                  patient: '13.5rem',
                  status: '8.5rem',
                  weeksInTreatment: '5rem',
                  score: '8.5rem',
                  lastContact: '9.5rem',
                  minutesThisMonth: '8.5rem',
                }}
              />
            </div>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
