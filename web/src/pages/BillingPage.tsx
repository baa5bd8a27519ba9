// Billing: pick a month; preview its minutes and codes (with what is at risk), close it into claims,
// lock it, reopen it with a reason; the claims with each line's reasons, the skipped episodes with why,
// CSV / X12 837P / FHIR downloads, a financial summary over the months before it, and the charge schedule.
import { BarChart } from '@mantine/charts';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconChevronLeft,
  IconChevronRight,
  IconCircleCheck,
  IconDownload,
  IconLock,
  IconLockOpen,
  IconReceipt,
} from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  useBillingPreview,
  useBillingSummary,
  useDownloadClaims,
  useMonthAction,
  useMonthClaims,
} from '../api/hooks';
import { clinicMonthSchema } from '@server/domain/calendar';
import type { MonthPreview, MonthStatus, PreviewEpisode } from '@server/services/billing/billing-month';
import type { ClaimExportRow } from '@server/services/billing/claims';
import type { BillingExport } from '../api/types';
import { ChargeSchedule } from '../components/ChargeSchedule';
import { DataTable } from '../components/DataTable';
import { FormAlert } from '../components/FormAlert';
import { ProvisionalPackAlert } from '../components/ProvisionalPackAlert';
import { Loading, QueryState } from '../components/QueryState';
import {
  addMonths,
  formatDay,
  formatMoney,
  formatMonth,
  MONTH_STATUS_LABELS,
  PAYER_LABELS,
  roleLabel,
  shortMonth,
  sortName,
  todayIn,
} from '../lib/format';
import { errorMessage, fieldErrors } from '../lib/issues';
import { useSession } from '../session/SessionProvider';

const claimCol = createColumnHelper<ClaimExportRow>();
const previewCol = createColumnHelper<PreviewEpisode>();

const STATUS_STYLE: Record<MonthStatus, { color: string; icon: typeof IconLock }> = {
  open: { color: 'blue', icon: IconReceipt },
  closed: { color: 'careloop', icon: IconCircleCheck },
  locked: { color: 'gray', icon: IconLock },
};

function MonthStatusBadge({ status }: { status: MonthStatus }) {
  const style = STATUS_STYLE[status];
  return (
    <Badge
      size="lg"
      variant="light"
      color={style.color}
      c={`${style.color}.9`}
      leftSection={<style.icon size={14} aria-hidden />}
      data-testid="month-status"
    >
      {MONTH_STATUS_LABELS[status] ?? status}
    </Badge>
  );
}

function Reasons({ reasons }: { reasons: string[] }) {
  return (
    <List size="sm" spacing={2} maw={520}>
      {reasons.map((r) => (
        <List.Item key={r}>{r}</List.Item>
      ))}
    </List>
  );
}

const patientLink = (patientId: string, patient?: { givenName: string; familyName: string; mrn: string }) => (
  <Stack gap={0}>
    <Anchor component={Link} to={`/patients/${patientId}`} fw={600}>
      {patient ? sortName(patient) : 'Open chart'}
    </Anchor>
    {patient && (
      <Text size="sm" c="dimmed">
        MRN {patient.mrn}
      </Text>
    )}
  </Stack>
);

function MonthActions({
  month,
  clinicId,
  preview,
}: {
  month: string;
  clinicId: string;
  preview: MonthPreview;
}) {
  const action = useMonthAction(month, clinicId);
  const [confirmLock, setConfirmLock] = useState(false);
  const [confirmProvisional, setConfirmProvisional] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrors(action.error);
  const kind = action.variables?.kind;
  const { status, monthEnded, warnings } = preview;
  const closedMessage = status === 'closed' ? 'Claims recomputed' : 'Month closed';
  const run = (a: Parameters<typeof action.mutate>[0], message: string, after?: () => void) => {
    setDone(null);
    action.mutate(a, {
      onSuccess: (result) => {
        setDone(
          'claims' in result && typeof result.claims === 'number'
            ? `${message}: ${result.claims} claim ${result.claims === 1 ? 'line' : 'lines'}.`
            : `${message}.`,
        );
        after?.();
      },
    });
  };
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {status !== 'locked' && (
          <Button
            mih={44}
            leftSection={<IconReceipt size={18} aria-hidden />}
            disabled={!monthEnded}
            loading={action.isPending && kind === 'close'}
            onClick={() =>
              // A month priced under another year's pack is closed only once the user has said so.
              warnings.length > 0 ? setConfirmProvisional(true) : run({ kind: 'close' }, closedMessage)
            }
          >
            {status === 'closed' ? 'Recompute claims' : 'Close month'}
          </Button>
        )}
        {status === 'closed' && (
          <Button
            mih={44}
            variant="default"
            leftSection={<IconLock size={18} aria-hidden />}
            onClick={() => setConfirmLock(true)}
          >
            Lock month
          </Button>
        )}
        {status === 'locked' && (
          <Button
            mih={44}
            variant="default"
            leftSection={<IconLockOpen size={18} aria-hidden />}
            onClick={() => setReopening(true)}
          >
            Reopen month…
          </Button>
        )}
      </Group>
      {!monthEnded && (
        <Text size="sm" c="dimmed">
          {formatMonth(month)} has not ended in the clinic’s time zone, so it can be previewed but not closed
          yet.
        </Text>
      )}
      {done && (
        <Text size="sm" role="status" c="careloop.9" fw={600}>
          <IconCircleCheck size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {done}
        </Text>
      )}
      {!reopening && <FormAlert error={action.error} issues={errors.all} title="Not done" />}
      <Modal
        opened={confirmProvisional}
        onClose={() => setConfirmProvisional(false)}
        title={<Text fw={700}>Close {formatMonth(month)} with provisional rules?</Text>}
      >
        <Stack>
          <ProvisionalPackAlert warnings={warnings} />
          <Text>
            The claims will be priced with these rules. Close anyway, or load the year’s rule pack first and
            close then.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmProvisional(false)}>
              Cancel
            </Button>
            <Button
              leftSection={<IconReceipt size={18} aria-hidden />}
              loading={action.isPending && kind === 'close'}
              onClick={() =>
                run({ kind: 'close', confirmProvisional: true }, closedMessage, () =>
                  setConfirmProvisional(false),
                )
              }
            >
              Close with provisional rules
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={confirmLock}
        onClose={() => setConfirmLock(false)}
        title={<Text fw={700}>Lock {formatMonth(month)}?</Text>}
      >
        <Stack>
          <Text>
            Locking freezes the month: contacts and corrections dated in it are refused until someone reopens
            it with a reason.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmLock(false)}>
              Cancel
            </Button>
            <Button
              leftSection={<IconLock size={18} aria-hidden />}
              loading={action.isPending && kind === 'lock'}
              onClick={() => run({ kind: 'lock' }, 'Month locked', () => setConfirmLock(false))}
            >
              Lock month
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={reopening}
        onClose={() => {
          setReopening(false);
          action.reset();
        }}
        title={<Text fw={700}>Reopen {formatMonth(month)}</Text>}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run({ kind: 'reopen', reason: reason.trim() }, 'Month reopened', () => {
              setReopening(false);
              setReason('');
            });
          }}
        >
          <Stack>
            <FormAlert error={action.error} issues={errors.unclaimed(['reason'])} title="Not reopened" />
            <Textarea
              label="Reason"
              description="Recorded in the audit log, e.g. “late contact from the 28th to add”"
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.get('reason')}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReopening(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={action.isPending && kind === 'reopen'}>
                Reopen month
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

function Downloads({ month, clinicId }: { month: string; clinicId: string }) {
  const download = useDownloadClaims(month, clinicId);
  const formats: { format: BillingExport; label: string }[] = [
    { format: 'csv', label: 'CSV' },
    { format: '837p', label: 'X12 837P' },
    { format: 'fhir', label: 'FHIR R4 bundle' },
  ];
  return (
    <Stack gap={4}>
      <Group gap="xs">
        {formats.map((f) => (
          <Button
            key={f.format}
            variant="default"
            mih={44}
            leftSection={<IconDownload size={18} aria-hidden />}
            loading={download.isPending && download.variables === f.format}
            onClick={() => download.mutate(f.format)}
          >
            Download {f.label}
          </Button>
        ))}
      </Group>
      {download.error && (
        <div role="alert">
          <Text size="sm" c="red.9">
            Download failed: {errorMessage(download.error)}
          </Text>
          {/* What the 837P still needs (clinic address and tax ID, NPIs, patient addresses), one per line. */}
          {fieldErrors(download.error).all.length > 0 && (
            <List size="sm" c="red.9">
              {fieldErrors(download.error).all.map((issue) => (
                <List.Item key={issue.field}>{issue.reason}</List.Item>
              ))}
            </List>
          )}
        </div>
      )}
      {download.data && (
        <Text size="sm" c="dimmed" role="status">
          Downloaded {download.data}.
        </Text>
      )}
    </Stack>
  );
}

function ClaimsPanel({
  month,
  clinicId,
  preview,
}: {
  month: string;
  clinicId: string;
  preview: MonthPreview;
}) {
  const claims = useMonthClaims(month, clinicId, preview.status !== 'open');
  const names = new Map(preview.episodes.map((e) => [e.episodeId, e]));
  const columns = useMemo(
    () => [
      claimCol.accessor((c) => (c.patient ? sortName(c.patient) : c.patientId), {
        id: 'patient',
        header: 'Patient',
        cell: (c) => patientLink(c.row.original.patientId, c.row.original.patient),
      }),
      claimCol.accessor('code', {
        header: 'Code',
        cell: (c) => (
          <Text fw={700} ff="monospace">
            {c.getValue()}
          </Text>
        ),
      }),
      claimCol.accessor('units', { header: 'Units' }),
      claimCol.accessor((c) => c.chargeCents ?? -1, {
        id: 'charge',
        header: 'Charge',
        cell: (c) =>
          c.row.original.chargeCents === null ? (
            <Text size="sm" c="red.9" maw={220}>
              Not set: {c.row.original.chargeNote}
            </Text>
          ) : (
            formatMoney(c.row.original.chargeCents / 100)
          ),
      }),
      claimCol.accessor('minutes', { header: 'Minutes' }),
      claimCol.accessor('serviceDate', {
        header: 'Service date',
        cell: (c) => <Text style={{ whiteSpace: 'nowrap' }}>{formatDay(c.getValue())}</Text>,
      }),
      claimCol.accessor((c) => c.diagnoses.join(', '), { id: 'dx', header: 'Diagnoses' }),
      claimCol.accessor((c) => c.billingPractitioner?.name ?? '', {
        id: 'practitioner',
        header: 'Billing practitioner',
      }),
      claimCol.accessor((c) => c.reasons.join('; '), {
        id: 'why',
        header: 'Why',
        enableSorting: false,
        cell: (c) => <Reasons reasons={c.row.original.reasons} />,
      }),
    ],
    [],
  );
  if (preview.status === 'open') {
    return (
      <Text c="dimmed" py="sm">
        {formatMonth(month)} is open: close it to produce its claims and downloads. The Preview tab shows what
        closing would bill.
      </Text>
    );
  }
  return (
    <QueryState query={claims} loadingLabel="Loading claims…">
      {(data) => (
        <Stack gap="md">
          <Downloads month={month} clinicId={clinicId} />
          <DataTable
            data={data.claims}
            columns={columns}
            caption={`Claims for ${formatMonth(month)}`}
            getRowId={(c) => c.id ?? `${c.episodeId}-${c.code}`}
            empty="No claims for this month."
            testId="claims-table"
          />
          <div>
            <Title order={3} size="h4" mb="xs">
              Not billed this month ({data.skipped?.length ?? 0})
            </Title>
            {(data.skipped?.length ?? 0) === 0 ? (
              <Text c="dimmed">Every episode with minutes this month produced a claim.</Text>
            ) : (
              <Stack
                gap="xs"
                component="ul"
                style={{ listStyle: 'none', margin: 0, padding: 0 }}
                data-testid="skipped"
              >
                {data.skipped?.map((s) => {
                  const e = names.get(s.episodeId);
                  return (
                    <Card key={s.episodeId} withBorder padding="sm" component="li">
                      {patientLink(s.patientId ?? e?.patientId ?? '', e?.patient)}
                      <Text size="sm" mt={4}>
                        {s.reason}
                      </Text>
                    </Card>
                  );
                })}
              </Stack>
            )}
          </div>
        </Stack>
      )}
    </QueryState>
  );
}

function PreviewPanel({ preview }: { preview: MonthPreview }) {
  const columns = useMemo(
    () => [
      previewCol.accessor((e) => sortName(e.patient), {
        id: 'patient',
        header: 'Patient',
        cell: (c) => patientLink(c.row.original.patientId, c.row.original.patient),
      }),
      previewCol.accessor((e) => e.patient.payer ?? '', {
        id: 'payer',
        header: 'Payer',
        cell: (c) => PAYER_LABELS[c.getValue()] ?? (c.getValue() || '—'),
      }),
      previewCol.accessor('countedMinutes', {
        header: 'Counted minutes',
        cell: (c) => (
          <Stack gap={0}>
            <Text fw={600}>{c.getValue()} min</Text>
            <Text size="sm" c="dimmed">
              {Object.entries(c.row.original.minutesByRole)
                .map(([role, m]) => `${roleLabel(role)} ${m}`)
                .join(', ')}
            </Text>
          </Stack>
        ),
      }),
      previewCol.accessor((e) => e.lines.map((l) => l.code).join(' '), {
        id: 'codes',
        header: 'Codes',
        cell: (c) => {
          const e = c.row.original;
          if (e.lines.length === 0) {
            return (
              <Text size="sm" maw={420}>
                <strong>Not billable:</strong> {e.skipped?.reason ?? '—'}
              </Text>
            );
          }
          return (
            <Stack gap={4}>
              {e.lines.map((l) => (
                <div key={l.code}>
                  <Text fw={700} ff="monospace">
                    {l.code} ×{l.units}
                  </Text>
                  <Reasons reasons={l.reasons.slice(0, 1)} />
                </div>
              ))}
              {e.warnings.map((w) => (
                <Text key={w} size="sm" c="var(--careloop-warning-text)">
                  <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {w}
                </Text>
              ))}
            </Stack>
          );
        },
      }),
      previewCol.accessor((e) => e.nextThreshold?.minutesNeeded ?? Infinity, {
        id: 'next',
        header: 'Next code at',
        cell: (c) => {
          const n = c.row.original.nextThreshold;
          return n ? `${n.minutesNeeded} more min → ${n.code}${n.units > 1 ? ` ×${n.units}` : ''}` : '—';
        },
      }),
    ],
    [],
  );
  return (
    <DataTable
      data={preview.episodes}
      columns={columns}
      caption={`Minutes and codes per episode, ${formatMonth(preview.month)}`}
      getRowId={(e) => e.episodeId}
      empty="No episode has minutes in this month."
      testId="preview-table"
    />
  );
}

function MinutesAtRisk({ preview }: { preview: MonthPreview }) {
  if (preview.minutesAtRisk.length === 0) {
    return (
      <Text c="dimmed">
        No episode is close to its next code{preview.monthEnded ? ' (the month has ended)' : ''}.
      </Text>
    );
  }
  const sorted = [...preview.minutesAtRisk].sort((a, b) => a.next.minutesNeeded - b.next.minutesNeeded);
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing="sm" data-testid="minutes-at-risk">
        <caption className="visually-hidden-caption">Episodes close to their next billing code</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Patient</Table.Th>
            <Table.Th scope="col">Counted so far</Table.Th>
            <Table.Th scope="col">Needed</Table.Th>
            <Table.Th scope="col">For</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((r) => (
            <Table.Tr key={r.episodeId}>
              <Table.Td>{patientLink(r.patientId, r.patient)}</Table.Td>
              <Table.Td>{r.countedMinutes} min</Table.Td>
              <Table.Td>
                <Text fw={700}>{r.next.minutesNeeded} more min</Text>
              </Table.Td>
              <Table.Td>
                {r.next.code}
                {r.next.units > 1 ? ` ×${r.next.units}` : ''} (at {r.next.atMinutes} min)
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A figure that may be unknown: "unknown", never $0 (payment amounts the packs lack). */
const moneyOrUnknown = (value: number | null) => (value === null ? 'unknown' : formatMoney(value));

function FinancialSummary({ clinicId, month }: { clinicId: string; month: string }) {
  const from = addMonths(month, -5);
  const summary = useBillingSummary(clinicId, from, month);
  return (
    <QueryState query={summary} loadingLabel="Loading the financial summary…">
      {(data) => {
        const chart = data.months.map((m) => ({
          month: shortMonth(m.month),
          // An unknown revenue draws no bar rather than a bar at 0.
          'Expected revenue': m.expectedRevenue,
          'Staff cost': m.staffCost,
        }));
        const unknown = data.totals.paymentUnknown;
        return (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Card withBorder padding="sm">
                <Text size="sm" c="dimmed">
                  Expected revenue, {formatMonth(from)} – {formatMonth(month)}
                </Text>
                <Text fw={800} size="xl" data-testid="expected-revenue">
                  {moneyOrUnknown(data.totals.expectedRevenue)}
                </Text>
              </Card>
              <Card withBorder padding="sm">
                <Text size="sm" c="dimmed">
                  Staff cost
                </Text>
                <Text fw={800} size="xl">
                  {formatMoney(data.totals.staffCost)}
                </Text>
              </Card>
              <Card withBorder padding="sm">
                <Text size="sm" c="dimmed">
                  Net
                </Text>
                <Text fw={800} size="xl" c={(data.totals.net ?? 0) < 0 ? 'red.9' : undefined}>
                  {moneyOrUnknown(data.totals.net)}
                </Text>
              </Card>
            </SimpleGrid>
            {unknown.length > 0 && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
                Payment unknown for {unknown.join(', ')}: the payer’s rule pack has no amount for{' '}
                {unknown.length === 1 ? 'this code' : 'these codes'}, so expected revenue and net are unknown
                where {unknown.length === 1 ? 'it is' : 'they are'} billed.
              </Alert>
            )}
            {data.staff.length === 0 && (
              <Text size="sm" c="dimmed">
                No staff costs are entered for this clinic, so staff cost shows as $0.
              </Text>
            )}
            <figure style={{ margin: 0 }} aria-label="Expected revenue and staff cost per month">
              <BarChart
                h={240}
                data={chart}
                dataKey="month"
                series={[
                  { name: 'Expected revenue', color: 'careloop.8' },
                  { name: 'Staff cost', color: 'gray.6' },
                ]}
                valueFormatter={(v) => formatMoney(v)}
                withLegend
                gridAxis="y"
                accessibilityLayer={false}
              />
            </figure>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" data-testid="financial-summary">
                <caption className="visually-hidden-caption">Codes, revenue and cost per month</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Month</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Codes (units)</Table.Th>
                    <Table.Th scope="col">Expected revenue</Table.Th>
                    <Table.Th scope="col">Payment unknown</Table.Th>
                    <Table.Th scope="col">Staff cost</Table.Th>
                    <Table.Th scope="col">Net</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.months.map((m) => (
                    <Table.Tr key={m.month}>
                      <Table.Td>{formatMonth(m.month)}</Table.Td>
                      <Table.Td>{MONTH_STATUS_LABELS[m.status] ?? m.status}</Table.Td>
                      <Table.Td>
                        {Object.entries(m.codes)
                          .map(([code, units]) => `${code} ×${units}`)
                          .join(', ') || '—'}
                      </Table.Td>
                      <Table.Td>{moneyOrUnknown(m.expectedRevenue)}</Table.Td>
                      <Table.Td>{m.paymentUnknown.join(', ') || '—'}</Table.Td>
                      <Table.Td>{formatMoney(m.staffCost)}</Table.Td>
                      <Table.Td>{moneyOrUnknown(m.net)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        );
      }}
    </QueryState>
  );
}

export default function BillingPage() {
  const { clinic } = useSession();
  const thisMonth = todayIn(clinic?.timezone).slice(0, 7);
  const [month, setMonth] = useState(() => addMonths(todayIn(clinic?.timezone).slice(0, 7), -1));
  const [tab, setTab] = useState<string | null>(null);
  const preview = useBillingPreview(month, clinic?.id ?? null);
  if (!clinic) return <Loading />;
  const valid = clinicMonthSchema.safeParse(month).success;
  const status = preview.data?.status;
  const activeTab = tab ?? (status && status !== 'open' ? 'claims' : 'preview');
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Billing</Title>
        <Text c="dimmed">{clinic.name}</Text>
      </div>
      <Card withBorder padding="md">
        <Group justify="space-between" align="flex-start" gap="lg">
          <Group align="end" gap="xs">
            <ActionIcon
              variant="default"
              size={44}
              aria-label="Previous month"
              onClick={() => setMonth((m) => addMonths(m, -1))}
              disabled={!valid}
            >
              <IconChevronLeft size={20} aria-hidden />
            </ActionIcon>
            <TextInput
              label="Month"
              type="month"
              value={month}
              max={thisMonth}
              onChange={(e) => {
                setTab(null);
                setMonth(e.currentTarget.value);
              }}
              w={190}
            />
            <ActionIcon
              variant="default"
              size={44}
              aria-label="Next month"
              onClick={() => setMonth((m) => addMonths(m, 1))}
              disabled={!valid || month >= thisMonth}
            >
              <IconChevronRight size={20} aria-hidden />
            </ActionIcon>
            {status && <MonthStatusBadge status={status} />}
          </Group>
          {preview.data && <MonthActions month={month} clinicId={clinic.id} preview={preview.data} />}
        </Group>
        {preview.data && (
          <Group gap="lg" mt="md">
            <Text size="sm">
              <strong>{formatMonth(month)}</strong>
              {preview.data.monthEnded ? ' (ended)' : ' (in progress)'}
            </Text>
            <Text size="sm">
              Codes:{' '}
              <strong>
                {Object.entries(preview.data.totals)
                  .map(([code, units]) => `${code} ×${units}`)
                  .join(', ') || 'none'}
              </strong>
            </Text>
            <Text size="sm">
              Episodes with minutes: <strong>{preview.data.episodes.length}</strong>
            </Text>
            <Text size="sm">
              Not billable:{' '}
              <strong>{preview.data.episodes.filter((e) => e.lines.length === 0).length}</strong>
            </Text>
            <Text size="sm">
              Minutes at risk: <strong>{preview.data.minutesAtRisk.length}</strong>
            </Text>
          </Group>
        )}
        {preview.data && preview.data.warnings.length > 0 && (
          <Stack mt="md">
            <ProvisionalPackAlert warnings={preview.data.warnings} />
          </Stack>
        )}
      </Card>
      {valid && (
        <QueryState query={preview} loadingLabel="Loading the month…">
          {(data) => (
            <Tabs value={activeTab} onChange={setTab} keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="claims" mih={44}>
                  Claims
                </Tabs.Tab>
                <Tabs.Tab value="preview" mih={44}>
                  Preview
                </Tabs.Tab>
                <Tabs.Tab value="risk" mih={44}>
                  Minutes at risk ({data.minutesAtRisk.length})
                </Tabs.Tab>
                <Tabs.Tab value="summary" mih={44}>
                  Financial summary
                </Tabs.Tab>
                <Tabs.Tab value="charges" mih={44}>
                  Charge schedule
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="claims" pt="md">
                <ClaimsPanel month={month} clinicId={clinic.id} preview={data} />
              </Tabs.Panel>
              <Tabs.Panel value="preview" pt="md">
                <PreviewPanel preview={data} />
              </Tabs.Panel>
              <Tabs.Panel value="risk" pt="md">
                <MinutesAtRisk preview={data} />
              </Tabs.Panel>
              <Tabs.Panel value="summary" pt="md">
                <FinancialSummary clinicId={clinic.id} month={month} />
              </Tabs.Panel>
              <Tabs.Panel value="charges" pt="md">
                <ChargeSchedule />
              </Tabs.Panel>
            </Tabs>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
