// The worklist's filters: only mine, only overdue, one kind of next step.
import { Checkbox, Group, NativeSelect } from '@mantine/core';
import { WORKLIST_KINDS, type WorklistKind } from '@server/domain/worklist/lifecycle';
import type { WorklistFilter } from '../../api/client';
import { dispositionLabel } from '../../lib/format';

export function WorklistFilters({
  filter,
  onChange,
}: {
  filter: WorklistFilter;
  onChange: (next: Omit<WorklistFilter, 'status'>) => void;
}) {
  const { status: _status, ...rest } = filter;
  return (
    <Group gap="lg" align="end">
      <Checkbox
        label="Only mine"
        checked={filter.mine ?? false}
        onChange={(e) => onChange({ ...rest, mine: e.currentTarget.checked })}
      />
      {filter.status === 'open' && (
        <Checkbox
          label="Only overdue"
          checked={filter.overdue ?? false}
          onChange={(e) => onChange({ ...rest, overdue: e.currentTarget.checked })}
        />
      )}
      <NativeSelect
        label="Next step"
        value={filter.disposition ?? ''}
        onChange={(e) =>
          onChange({ ...rest, disposition: (e.currentTarget.value || undefined) as WorklistKind | undefined })
        }
        data={[
          { value: '', label: 'All' },
          ...WORKLIST_KINDS.map((k) => ({ value: k, label: dispositionLabel(k) })),
        ]}
      />
    </Group>
  );
}
