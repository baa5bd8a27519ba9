// The clinic's triage worklist: open next steps by due time, overdue first, with owners and filters; mark one
// done with a note; the Done tab says who closed each, when and why.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { WORKLIST_LIMIT, useCompleteWorklistItem, useWorklist } from '../api/hooks';
import type { WorklistFilter } from '../api/client';
import { useStaff } from '../api/staff';
import type { WorklistItem, WorklistStatus } from '@server/services/triage/worklist';
import {
  CLOSED_BY_HAND_BY,
  CLOSED_ONLY_BY,
  OWNER_ROLES,
  WORKLIST_KINDS,
  type WorklistKind,
} from '@server/domain/worklist/lifecycle';
import type { UserView } from '@server/services/users/create-user';
import { OwnerSelect } from '../components/worklist/OwnerSelect';
import { WorklistFilters } from '../components/worklist/WorklistFilters';
import { DataTable } from '../components/DataTable';
import { DueLabel } from '../components/DueLabel';
import { FormAlert } from '../components/FormAlert';
import { Loading, QueryState } from '../components/QueryState';
import { dispositionLabel, formatDateTime, sortName } from '../lib/format';
import { fieldErrors } from '../lib/issues';
import { INSTRUMENT_DEFS } from '../lib/instruments';
import { useSession } from '../session/SessionProvider';
import { plainReason } from '../lib/plain-words';

const col = createColumnHelper<WorklistItem>();

/** The current time, ticking every `ms`, so waiting items turn overdue on screen without re-reading. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/** The server's `overdue` is as of the read; the clock keeps it true while the page stays open. */
const withOverdue = (items: WorklistItem[], now: number): WorklistItem[] =>
  items.map((i) =>
    i.status === 'open' && !i.overdue && i.dueBy !== null && Date.parse(i.dueBy) < now
      ? { ...i, overdue: true }
      : i,
  );

/** Overdue first, then by due time (items without one last), then oldest first. */
export function byUrgency(a: WorklistItem, b: WorklistItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueBy !== b.dueBy) {
    if (a.dueBy === null) return 1;
    if (b.dueBy === null) return -1;
    return a.dueBy < b.dueBy ? -1 : 1;
  }
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

function CompleteDialog({
  item,
  onClose,
}: {
  item: WorklistItem | null;
  onClose: (done?: WorklistItem) => void;
}) {
  const [note, setNote] = useState('');
  const complete = useCompleteWorklistItem();
  const errors = fieldErrors(complete.error);
  const close = (done?: WorklistItem) => {
    setNote('');
    complete.reset();
    onClose(done);
  };
  return (
    <Modal
      opened={item !== null}
      onClose={() => close()}
      title={<Text fw={700}>Mark done{item ? `: ${sortName(item.patient)}` : ''}</Text>}
      size="lg"
    >
      {item && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            complete.mutate({ itemId: item.id, note: note.trim() }, { onSuccess: () => close(item) });
          }}
        >
          <Stack>
            <Text>
              {dispositionLabel(item.disposition)} —{' '}
              {INSTRUMENT_DEFS[item.screening.instrument]?.name ?? item.screening.instrument}
              {item.screening.total !== null ? ` score ${item.screening.total}` : ''}
            </Text>
            <FormAlert error={complete.error} issues={errors.unclaimed(['note'])} title="Not marked done" />
            <Textarea
              label="Note"
              withAsterisk
              description="What was done, e.g. “Safety plan completed with Dr. Lee”"
              autosize
              minRows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={errors.get('note')}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => close()}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={complete.isPending}
                leftSection={<IconCircleCheck size={18} aria-hidden />}
              >
                Mark done
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Who may close a kind by hand, in words, for the rows the reader may not close. */
const closers = (kind: WorklistKind): string =>
  CLOSED_ONLY_BY[kind] ?? CLOSED_BY_HAND_BY[kind].map((r) => r.replace('_', ' ')).join(', ');

function WorklistTable({
  items,
  status,
  timeZone,
  owners,
  onComplete,
}: {
  items: WorklistItem[];
  status: WorklistStatus;
  timeZone: string;
  owners: UserView[];
  onComplete: (item: WorklistItem) => void;
}) {
  const sorted = useMemo(
    () =>
      status === 'open'
        ? [...items].sort(byUrgency)
        : [...items].sort((a, b) => ((a.completedAt ?? '') < (b.completedAt ?? '') ? 1 : -1)),
    [items, status],
  );
  const columns = useMemo(
    () => [
      col.accessor((r) => r.dueBy ?? '', {
        id: 'due',
        header: 'Due',
        enableSorting: false,
        cell: (c) => (
          <DueLabel dueBy={c.row.original.dueBy} overdue={c.row.original.overdue} timeZone={timeZone} />
        ),
      }),
      col.accessor((r) => sortName(r.patient), {
        id: 'patient',
        header: 'Patient',
        enableSorting: false,
        cell: (c) => (
          <Stack gap={0}>
            <Anchor component={Link} to={`/patients/${c.row.original.patient.id}`} fw={600}>
              {c.getValue()}
            </Anchor>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              MRN {c.row.original.patient.mrn}
            </Text>
          </Stack>
        ),
      }),
      col.accessor('disposition', {
        header: 'Next step',
        enableSorting: false,
        cell: (c) => {
          const safety = c.getValue() === 'safety_protocol';
          return (
            <Stack gap={2} maw={340}>
              <Group gap={6} wrap="nowrap">
                {safety && <IconAlertTriangle size={18} color="var(--mantine-color-red-9)" aria-hidden />}
                <Text fw={safety ? 800 : 600} c={safety ? 'red.9' : undefined}>
                  {dispositionLabel(c.getValue())}
                </Text>
              </Group>
              {c.row.original.reasons[0] && (
                <Text size="sm" c="dimmed">
                  {plainReason(c.row.original.reasons[0])}
                </Text>
              )}
            </Stack>
          );
        },
      }),
      col.accessor((r) => r.screening, {
        id: 'screening',
        header: 'Screening',
        enableSorting: false,
        cell: (c) => {
          const s = c.getValue();
          return (
            <Stack gap={0}>
              <Text style={{ whiteSpace: 'nowrap' }}>
                {INSTRUMENT_DEFS[s.instrument]?.name ?? s.instrument}
                {s.total !== null ? ` · score ${s.total}` : ''}
              </Text>
              <Text size="sm" c="dimmed">
                {formatDateTime(s.administeredAt, timeZone)}
              </Text>
            </Stack>
          );
        },
      }),
      ...(status === 'open'
        ? [
            col.display({
              id: 'owner',
              header: 'Owner',
              cell: (c) => <OwnerSelect item={c.row.original} owners={owners} />,
            }),
            col.display({
              id: 'action',
              header: 'Action',
              cell: (c) =>
                c.row.original.closableByYou ? (
                  <Button
                    size="sm"
                    variant="light"
                    mih={44}
                    onClick={() => onComplete(c.row.original)}
                    aria-label={`Mark done: ${dispositionLabel(c.row.original.disposition)} for ${sortName(c.row.original.patient)}`}
                  >
                    Mark done
                  </Button>
                ) : (
                  <Text size="sm" c="dimmed" maw={180}>
                    Closed by: {closers(c.row.original.disposition)}
                  </Text>
                ),
            }),
          ]
        : [
            col.accessor((r) => r.completedAt ?? '', {
              id: 'completed',
              header: 'Done',
              enableSorting: false,
              cell: (c) => {
                const r = c.row.original;
                return (
                  <Stack gap={0} maw={340}>
                    <Text style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.completedAt, timeZone)}</Text>
                    <Text size="sm">by {r.completedBy?.name ?? '—'}</Text>
                    <Text size="sm" c="dimmed">
                      {r.resolution?.label}
                      {r.resolution?.note ? `: ${r.resolution.note}` : ''}
                    </Text>
                  </Stack>
                );
              },
            }),
          ]),
    ],
    [status, timeZone, owners, onComplete],
  );
  return (
    <DataTable
      data={sorted}
      columns={columns}
      caption={status === 'open' ? 'Open worklist items, overdue first' : 'Completed worklist items'}
      getRowId={(r) => r.id}
      rowClassName={(r) => (r.overdue ? 'overdue-row' : undefined)}
      empty={
        status === 'open'
          ? 'Nothing is waiting. New screenings that need a next step appear here.'
          : 'No completed items yet.'
      }
      testId={`worklist-${status}`}
    />
  );
}

export default function WorklistPage() {
  const { clinic } = useSession();
  const [params, setParams] = useSearchParams();
  const status: WorklistStatus = params.get('status') === 'done' ? 'done' : 'open';
  const kind = params.get('type');
  const filter: WorklistFilter = {
    status,
    mine: params.get('mine') === '1',
    overdue: status === 'open' && params.get('overdue') === '1',
    ...(WORKLIST_KINDS.includes(kind as WorklistKind) ? { disposition: kind as WorklistKind } : {}),
  };
  const query = useWorklist(clinic?.id ?? null, filter);
  const staff = useStaff(clinic?.id);
  const owners = useMemo(
    () => [...new Map(OWNER_ROLES.flatMap((r) => staff.withRole(r)).map((u) => [u.id, u])).values()],
    [staff],
  );
  /** Filters live in the address, so a filtered list can be bookmarked and shared. */
  const setFilter = (next: Omit<WorklistFilter, 'status'>, tab: WorklistStatus = status) =>
    setParams(
      {
        ...(tab === 'done' ? { status: 'done' } : {}),
        ...(next.mine ? { mine: '1' } : {}),
        ...(next.overdue && tab === 'open' ? { overdue: '1' } : {}),
        ...(next.disposition ? { type: next.disposition } : {}),
      },
      { replace: true },
    );
  const [completing, setCompleting] = useState<WorklistItem | null>(null);
  const [justDone, setJustDone] = useState<WorklistItem | null>(null);
  const now = useNow(30_000);

  if (!clinic) return <Loading />;
  const items = withOverdue(query.data?.items ?? [], now);
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="end">
        <div>
          <Title order={1}>Worklist</Title>
          <Text c="dimmed">{clinic.name}</Text>
        </div>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={() => void query.refetch()}
            loading={query.isFetching}
            mih={44}
          >
            Refresh
          </Button>
          {status === 'open' && query.data && (
            <Group gap="xs">
              <Badge size="lg" variant="light" color="gray">
                {items.length} open
              </Badge>
              {overdue > 0 && (
                <Badge size="lg" variant="filled" color="red.9">
                  {overdue} overdue
                </Badge>
              )}
            </Group>
          )}
        </Group>
      </Group>
      {justDone && (
        <Alert
          color="careloop"
          variant="light"
          role="status"
          icon={<IconCircleCheck aria-hidden />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setJustDone(null)}
        >
          Marked done: {dispositionLabel(justDone.disposition)} for {sortName(justDone.patient)}.
        </Alert>
      )}
      <Tabs
        value={status}
        onChange={(v) => {
          setJustDone(null);
          setFilter(filter, v === 'done' ? 'done' : 'open');
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="open" mih={44}>
            Open
          </Tabs.Tab>
          <Tabs.Tab value="done" mih={44}>
            Done
          </Tabs.Tab>
        </Tabs.List>
        <WorklistFilters filter={filter} onChange={(next) => setFilter(next)} />
        {(['open', 'done'] as const).map((tab) => (
          <Tabs.Panel key={tab} value={tab} pt="md">
            <QueryState query={query} loadingLabel="Loading the worklist…">
              {(data) => (
                <>
                  <WorklistTable
                    items={withOverdue(data.items, now)}
                    status={tab}
                    timeZone={clinic.timezone}
                    owners={owners}
                    onComplete={setCompleting}
                  />
                  {data.items.length >= WORKLIST_LIMIT && (
                    <Text size="sm" c="dimmed" mt="xs">
                      Showing the first {WORKLIST_LIMIT} items.
                    </Text>
                  )}
                </>
              )}
            </QueryState>
          </Tabs.Panel>
        ))}
      </Tabs>
      <CompleteDialog
        item={completing}
        onClose={(done) => {
          setCompleting(null);
          if (done) setJustDone(done);
        }}
      />
    </Stack>
  );
}
