// Picks the owner of an open worklist item among the clinic's clinical staff; saves on change.
import { NativeSelect } from '@mantine/core';
import type { UserView } from '@server/services/users/create-user';
import type { WorklistItem } from '@server/services/triage/worklist';
import { useAssignWorklistItem } from '../../api/hooks';
import { sortName } from '../../lib/format';
import { fieldErrors } from '../../lib/issues';

export function OwnerSelect({ item, owners }: { item: WorklistItem; owners: UserView[] }) {
  const assign = useAssignWorklistItem();
  const errors = fieldErrors(assign.error);
  const known = item.owner === null || owners.some((o) => o.id === item.owner?.id);
  return (
    <NativeSelect
      aria-label={`Owner for ${sortName(item.patient)}`}
      value={item.owner?.id ?? ''}
      disabled={assign.isPending}
      error={errors.get('ownerId') ?? (assign.error ? assign.error.message : undefined)}
      onChange={(e) => assign.mutate({ itemId: item.id, ownerId: e.currentTarget.value || null })}
      data={[
        { value: '', label: 'Unassigned' },
        // An owner who since left the clinic stays shown until someone else takes the item.
        ...(known || !item.owner ? [] : [{ value: item.owner.id, label: item.owner.name }]),
        ...owners.map((o) => ({ value: o.id, label: o.name })),
      ]}
      miw={160}
    />
  );
}
