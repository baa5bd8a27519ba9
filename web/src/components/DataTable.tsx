// A TanStack Table rendered with Mantine: sortable headers, local paging for long lists, row emphasis.
import { Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import {
  flexRender,
  getCoreRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
import type { ReactNode } from 'react';

export interface DataTableProps<T> {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
  columns: ColumnDef<T, any>[];
  /** Names the table for assistive technology. */
  caption: string;
  showCaption?: boolean;
  /** Rows per page; the table pages locally when there are more. */
  pageSize?: number;
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  getRowId?: (row: T) => string;
  initialSorting?: SortingState;
  /** Off for lists the server pages: sorting one page would mislead. */
  sortable?: boolean;
  testId?: string;
}

export function DataTable<T>({
  data,
  columns,
  caption,
  showCaption = false,
  pageSize = 50,
  empty = 'Nothing to show.',
  rowClassName,
  getRowId,
  initialSorting = [],
  sortable = true,
  testId,
}: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    initialState: { pagination: { pageSize, pageIndex: 0 } },
    autoResetPageIndex: true,
    enableSorting: sortable,
    ...(getRowId ? { getRowId } : {}),
  });
  const pageCount = table.getPageCount();
  const { pageIndex } = table.getState().pagination;

  if (data.length === 0) {
    return (
      <Text c="dimmed" py="md" data-testid={testId}>
        {empty}
      </Text>
    );
  }

  return (
    <div data-testid={testId}>
      <Table.ScrollContainer minWidth={720}>
        <Table striped={false} highlightOnHover verticalSpacing="sm" className="data-table">
          {showCaption ? (
            <Table.Caption>{caption}</Table.Caption>
          ) : (
            <caption>
              <VisuallyHidden>{caption}</VisuallyHidden>
            </caption>
          )}
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const label = header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <Table.Th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {header.column.getCanSort() ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()}>
                          <Group gap={4} wrap="nowrap">
                            {label}
                            {sorted === 'asc' ? (
                              <IconArrowUp size={14} aria-hidden />
                            ) : sorted === 'desc' ? (
                              <IconArrowDown size={14} aria-hidden />
                            ) : (
                              <IconArrowsSort size={14} aria-hidden opacity={0.5} />
                            )}
                          </Group>
                        </button>
                      ) : (
                        label
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id} className={rowClassName?.(row.original)}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pageCount > 1 && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" aria-live="polite">
            Page {pageIndex + 1} of {pageCount} · {data.length} rows
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => table.previousPage()}
              disabled={!table.getCanPreviousPage()}
            >
              Previous page
            </Button>
            <Button variant="default" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
              Next page
            </Button>
          </Group>
        </Group>
      )}
    </div>
  );
}
