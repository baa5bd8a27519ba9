// A patient's screenings, newest first, with score, severity, flags and the triage each produced.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useScreenings } from '../../api/hooks';
import type { ScreeningListItem } from '@server/services/screenings/list-screenings';
import { dispositionLabel, flagLabel, formatDateTime, severityLabel } from '../../lib/format';
import { INSTRUMENT_DEFS } from '../../lib/instruments';
import { DataTable } from '../DataTable';
import { QueryState } from '../QueryState';
import type { PatientSectionProps } from './types';

const col = createColumnHelper<ScreeningListItem>();

export function ScreeningHistory({ patient, timeZone }: PatientSectionProps) {
  const query = useScreenings(patient.id);
  const columns = useMemo(
    () => [
      col.accessor('administeredAt', {
        header: 'Given',
        cell: (c) => formatDateTime(c.getValue(), timeZone),
      }),
      col.accessor((s) => INSTRUMENT_DEFS[s.instrument]?.name ?? s.instrument, {
        id: 'instrument',
        header: 'Questionnaire',
      }),
      col.accessor('total', {
        header: 'Score',
        cell: (c) => (c.getValue() === null ? '—' : <Text fw={700}>{c.getValue()}</Text>),
      }),
      col.accessor('severity', { header: 'Severity', cell: (c) => severityLabel(c.getValue()) }),
      col.accessor('positive', {
        header: 'Result',
        cell: (c) => {
          const s = c.row.original;
          return (
            <Stack gap={4}>
              <Text>{s.positive ? 'Positive' : 'Negative'}</Text>
              {s.flags.length > 0 && (
                <Group gap={4}>
                  {s.flags.map((f) => (
                    <Badge
                      key={f}
                      color="red.9"
                      variant="outline"
                      leftSection={
                        f.startsWith('suicidal') ? <IconAlertTriangle size={12} aria-hidden /> : undefined
                      }
                    >
                      {flagLabel(f)}
                    </Badge>
                  ))}
                </Group>
              )}
            </Stack>
          );
        },
      }),
      col.accessor((s) => s.triage?.disposition ?? 'none', {
        id: 'triage',
        header: 'Next step',
        cell: (c) => {
          const t = c.row.original.triage;
          if (!t) return <Text c="dimmed">None</Text>;
          return (
            <Stack gap={0}>
              <Text>{dispositionLabel(t.disposition)}</Text>
              <Text size="sm" c="dimmed">
                {t.status === 'done'
                  ? 'Done'
                  : `Open${t.dueBy ? ` · due ${formatDateTime(t.dueBy, timeZone)}` : ''}`}
              </Text>
            </Stack>
          );
        },
      }),
      col.accessor((s) => s.answers.map((a) => (a === null ? '–' : a)).join(' '), {
        id: 'answers',
        header: 'Answers',
        enableSorting: false,
        cell: (c) => (
          <Text size="sm" ff="monospace">
            {c.getValue()}
          </Text>
        ),
      }),
    ],
    [timeZone],
  );
  return (
    <QueryState query={query} loadingLabel="Loading screenings…">
      {(data) => (
        <DataTable
          data={data.screenings}
          columns={columns}
          caption={`Screenings of ${patient.givenName} ${patient.familyName}, newest first`}
          getRowId={(s) => s.id}
          pageSize={25}
          empty="No screenings yet."
          testId="screening-history"
        />
      )}
    </QueryState>
  );
}
