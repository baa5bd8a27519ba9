// Staff of a clinic by id and by role, for names in the chart and the pickers on care forms.
import { useMemo } from 'react';
import { useUsers } from './hooks';
import type { Role } from '@server/services/actor';
import type { UserView } from '@server/services/users/create-user';

export interface StaffDirectory {
  ready: boolean;
  name(id: string | null | undefined): string;
  withRole(role: Role): UserView[];
  byId: Map<string, UserView>;
}

export function useStaff(clinicId: string | null | undefined): StaffDirectory {
  // Deactivated staff too: their names stay on what they recorded, though pickers no longer offer them.
  const query = useUsers(clinicId ? { clinicId, status: 'all' } : { status: 'all' }, Boolean(clinicId));
  return useMemo(() => {
    const users = query.data?.users ?? [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return {
      ready: query.isSuccess,
      byId,
      name: (id) => (id ? (byId.get(id)?.name ?? 'Unknown staff member') : '—'),
      withRole: (role) =>
        users.filter((u) => u.active && u.roles.includes(role)).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }, [query.data, query.isSuccess]);
}
