// Admin: staff with their roles, clinics and status; adding, editing, deactivating and password resets.
import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useClinics, useCreateUser, useUsers } from '../api/hooks';
import type { Credential } from '@server/domain/billing/vocabulary';
import { STAFF_ROLES } from '@server/domain/registry/roles';
import type { Role } from '@server/services/actor';
import type { ClinicView } from '@server/services/clinics/clinic-view';
import type { UserView } from '@server/services/users/create-user';
import type { UserStatusFilter } from '@server/services/users/list-users';
import { DataTable } from '../components/DataTable';
import { AccessFields } from '../components/staff/AccessFields';
import { CREDENTIAL_OPTIONS, StaffDialogs, type StaffDialog } from '../components/staff/StaffDialogs';
import { useSession } from '../session/SessionProvider';
import { FormAlert } from '../components/FormAlert';
import { NEW_PASSWORD_HINT } from '../components/NewPasswordFields';
import { PasswordField } from '../components/PasswordField';
import { QueryState } from '../components/QueryState';
import { ROLE_LABELS, roleLabel } from '../lib/format';
import { fieldErrors } from '../lib/issues';

const col = createColumnHelper<UserView>();

function AddUser({ clinics }: { clinics: ClinicView[] }) {
  const create = useCreateUser();
  const empty = { email: '', name: '', password: '', npi: '', credential: '' as Credential | '' };
  const [form, setForm] = useState(empty);
  const [roles, setRoles] = useState<Role[]>([]);
  const [clinicIds, setClinicIds] = useState<string[]>([]);
  const [added, setAdded] = useState<string | null>(null);
  const errors = fieldErrors(create.error);
  const set = (key: keyof typeof empty) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    create.mutate(
      {
        email: form.email.trim(),
        name: form.name.trim(),
        password: form.password,
        roles,
        clinicIds,
        ...(form.npi.trim() ? { npi: form.npi.trim() } : {}),
        ...(form.credential ? { credential: form.credential } : {}),
      },
      {
        onSuccess: (user) => {
          setAdded(`${user.name} (${user.email})`);
          setForm(empty);
          setRoles([]);
          setClinicIds([]);
        },
      },
    );
  };

  return (
    <Card withBorder component="form" onSubmit={onSubmit} noValidate aria-labelledby="add-user-title">
      <Stack>
        <Title order={2} size="h4" id="add-user-title">
          Add a staff member
        </Title>
        <FormAlert
          error={create.error}
          issues={errors.unclaimed(['email', 'name', 'password', 'roles', 'clinicIds', 'npi', 'credential'])}
          title="The staff member was not added"
        />
        {added && (
          <Text role="status" c="careloop.9" fw={600}>
            Added {added}. Give them their password in person.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={errors.get('name')}
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={form.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={errors.get('email')}
            autoComplete="off"
          />
          <PasswordField
            label="Initial password"
            required
            description={NEW_PASSWORD_HINT}
            value={form.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={errors.get('password')}
            autoComplete="new-password"
          />
          <NativeSelect
            label="Credential"
            value={form.credential}
            onChange={(e) => set('credential')(e.currentTarget.value)}
            data={CREDENTIAL_OPTIONS}
            error={errors.get('credential')}
          />
          <TextInput
            label="NPI"
            description="10 digits; needed for billing practitioners"
            inputMode="numeric"
            value={form.npi}
            onChange={(e) => set('npi')(e.currentTarget.value)}
            error={errors.get('npi')}
          />
        </SimpleGrid>
        <AccessFields
          roles={roles}
          onRoles={setRoles}
          clinicIds={clinicIds}
          onClinicIds={setClinicIds}
          clinics={clinics}
          errors={errors}
        />
        <Group>
          <Button
            type="submit"
            loading={create.isPending}
            leftSection={<IconUserPlus size={18} aria-hidden />}
          >
            Add staff member
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const STATUS_OPTIONS: { value: UserStatusFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Deactivated' },
  { value: 'all', label: 'All' },
];

export default function AdminUsersPage() {
  const clinics = useClinics();
  const { user: me } = useSession();
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<UserStatusFilter>('active');
  const [dialog, setDialog] = useState<StaffDialog>(null);
  const users = useUsers(role ? { role, status } : { status });
  const clinicName = useMemo(() => {
    const names = new Map((clinics.data?.clinics ?? []).map((c) => [c.id, c.name]));
    return (id: string) => names.get(id) ?? id;
  }, [clinics.data]);
  const columns = useMemo(
    () => [
      col.accessor('name', { header: 'Name' }),
      col.accessor('email', { header: 'Email' }),
      col.accessor((u) => u.roles.map(roleLabel).join(', '), {
        id: 'roles',
        header: 'Roles',
        cell: (c) => (
          <Group gap={4}>
            {c.row.original.roles.map((r) => (
              <Badge key={r} variant="light" color={r === 'admin' ? 'grape' : 'gray'}>
                {roleLabel(r)}
              </Badge>
            ))}
          </Group>
        ),
      }),
      col.accessor((u) => u.clinicIds.map(clinicName).join(', '), { id: 'clinics', header: 'Clinics' }),
      col.accessor((u) => u.credential?.toUpperCase() ?? '—', { id: 'credential', header: 'Credential' }),
      col.accessor((u) => u.npi ?? '—', { id: 'npi', header: 'NPI' }),
      col.accessor((u) => (u.active ? 'Active' : 'Deactivated'), {
        id: 'status',
        header: 'Status',
        cell: (c) => (
          <Badge variant="light" color={c.row.original.active ? 'careloop' : 'gray'}>
            {c.getValue()}
          </Badge>
        ),
      }),
      col.display({
        id: 'actions',
        header: 'Actions',
        cell: (c) => {
          const u = c.row.original;
          const self = u.id === me?.id;
          return (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-sm"
                variant="default"
                aria-label={`Edit ${u.name}`}
                onClick={() => setDialog({ kind: 'edit', user: u })}
              >
                Edit
              </Button>
              {!self && (
                <Button
                  size="compact-sm"
                  variant="default"
                  aria-label={`${u.active ? 'Deactivate' : 'Reactivate'} ${u.name}`}
                  onClick={() => setDialog({ kind: 'status', user: u })}
                >
                  {u.active ? 'Deactivate' : 'Reactivate'}
                </Button>
              )}
              {!self && u.active && (
                <Button
                  size="compact-sm"
                  variant="default"
                  aria-label={`Reset password of ${u.name}`}
                  onClick={() => setDialog({ kind: 'reset', user: u })}
                >
                  Reset password
                </Button>
              )}
            </Group>
          );
        },
      }),
    ],
    [clinicName, me?.id],
  );
  return (
    <Stack gap="lg">
      <Title order={1}>Staff</Title>
      <Group align="flex-end">
        <NativeSelect
          label="Show role"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as Role | '')}
          data={[
            { value: '', label: 'All roles' },
            ...STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
          ]}
          maw={280}
        />
        <NativeSelect
          label="Show status"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as UserStatusFilter)}
          data={STATUS_OPTIONS}
          maw={200}
        />
      </Group>
      <QueryState query={users} loadingLabel="Loading staff…">
        {(data) => (
          <DataTable
            data={data.users}
            columns={columns}
            caption="Staff of the organization"
            getRowId={(u) => u.id}
            initialSorting={[{ id: 'name', desc: false }]}
            testId="users-table"
          />
        )}
      </QueryState>
      <AddUser clinics={clinics.data?.clinics ?? []} />
      <StaffDialogs dialog={dialog} clinics={clinics.data?.clinics ?? []} onClose={() => setDialog(null)} />
    </Stack>
  );
}
