// The registry as a plain table for paper: every row of the view (the screen table is virtualised and
// would print only the rows in view), shown only when printing.
import { Table } from '@mantine/core';
import type { RegistryRow } from '@server/services/registry/registry-view';
import {
  episodeStatusLabel,
  formatChange,
  formatDate,
  formatDateTime,
  registryFlagLabel,
  sortName,
} from '../lib/format';

export function RegistryPrintTable({
  rows,
  caption,
  timeZone,
}: {
  rows: RegistryRow[];
  caption: string;
  timeZone: string;
}) {
  return (
    <Table className="print-only" withTableBorder withColumnBorders fz="xs">
      <caption>{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Patient</Table.Th>
          <Table.Th>MRN</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Enrolled</Table.Th>
          <Table.Th>Weeks</Table.Th>
          <Table.Th>Baseline → latest</Table.Th>
          <Table.Th>Change</Table.Th>
          <Table.Th>Last contact</Table.Th>
          <Table.Th>Contacts</Table.Th>
          <Table.Th>Minutes this month</Table.Th>
          <Table.Th>Last case review</Table.Th>
          <Table.Th>Flags</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r, i) => (
          <Table.Tr key={r.episodeId}>
            <Table.Td>{i + 1}</Table.Td>
            <Table.Td>{sortName(r.patient)}</Table.Td>
            <Table.Td>{r.patient.mrn}</Table.Td>
            <Table.Td>{episodeStatusLabel(r.status)}</Table.Td>
            <Table.Td>{formatDate(r.enrolledAt, timeZone)}</Table.Td>
            <Table.Td>{r.weeksInTreatment ?? '—'}</Table.Td>
            <Table.Td>
              {r.baselineScore ?? '—'} → {r.latestScore ?? '—'}
            </Table.Td>
            <Table.Td>{formatChange(r.percentChange)}</Table.Td>
            <Table.Td>{formatDateTime(r.lastContactAt, timeZone)}</Table.Td>
            <Table.Td>{r.contactCount}</Table.Td>
            <Table.Td>{r.minutesThisMonth}</Table.Td>
            <Table.Td>{formatDate(r.lastCaseReviewAt, timeZone)}</Table.Td>
            <Table.Td>
              {r.flags.map((f) => `${registryFlagLabel(f.code)}: ${f.reason}`).join('; ') || '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
