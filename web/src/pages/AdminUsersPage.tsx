// Admin: staff with their roles and clinics; adding a staff member.
import {
  Badge,
  Button,
  Card,
  Checkbox,
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
import { CREDENTIALS, type Credential } from '@server/domain/billing/vocabulary';
import { STAFF_ROLES } from '@server/domain/registry/roles';
import type { Role } from '@server/services/actor';
import type { ClinicView } from '@server/services/clinics/clinic-view';
import type { UserView } from '@server/services/users/create-user';
import { DataTable } from '../components/DataTable';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';
import { QueryState } from '../components/QueryState';
import { ROLE_LABELS, roleLabel } from '../lib/format';
import { fieldErrors } from '../lib/issues';

const col = createColumnHelper<UserView>();
const MIN_PASSWORD = 12;

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
            description={`At least ${MIN_PASSWORD} characters`}
            value={form.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={errors.get('password')}
            autoComplete="new-password"
          />
          <NativeSelect
            label="Credential"
            value={form.credential}
            onChange={(e) => set('credential')(e.currentTarget.value)}
            data={[
              { value: '', label: 'None' },
              ...CREDENTIALS.map((c) => ({ value: c, label: c.toUpperCase() })),
            ]}
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
        <Checkbox.Group
          label="Roles"
          required
          value={roles}
          onChange={(v) => setRoles(v as Role[])}
          error={errors.get('roles')}
        >
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mt="xs">
            {STAFF_ROLES.map((r) => (
              <Checkbox key={r} value={r} label={ROLE_LABELS[r]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox.Group
          label="Clinics"
          description="Staff other than admins need at least one"
          value={clinicIds}
          onChange={setClinicIds}
          error={errors.get('clinicIds')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            {clinics.map((c) => (
              <Checkbox key={c.id} value={c.id} label={c.name} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
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

export default function AdminUsersPage() {
  const clinics = useClinics();
  const [role, setRole] = useState<Role | ''>('');
  const users = useUsers(role ? { role } : {});
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
    ],
    [clinicName],
  );
  return (
    <Stack gap="lg">
      <Title order={1}>Users and roles</Title>
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
    </Stack>
  );
}
