// The admin's dialogs for one staff member: edit access and details, deactivate or reactivate, reset code.
import {
  Alert,
  Button,
  Code,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { CREDENTIALS, type Credential } from '@server/domain/billing/vocabulary';
import type { Role } from '@server/services/actor';
import type { ClinicView } from '@server/services/clinics/clinic-view';
import type { UserView } from '@server/services/users/create-user';
import { useUserAccount } from '../../api/hooks';
import { fieldErrors } from '../../lib/issues';
import { FormAlert } from '../FormAlert';
import { AccessFields } from './AccessFields';

export type StaffDialog = { kind: 'edit' | 'status' | 'reset'; user: UserView } | null;

export const CREDENTIAL_OPTIONS = [
  { value: '', label: 'None' },
  ...CREDENTIALS.map((c) => ({ value: c, label: c.toUpperCase() })),
];

function EditStaff({ user, clinics, onDone }: { user: UserView; clinics: ClinicView[]; onDone: () => void }) {
  const { update } = useUserAccount();
  const [name, setName] = useState(user.name);
  const [npi, setNpi] = useState(user.npi ?? '');
  const [credential, setCredential] = useState<Credential | ''>(user.credential ?? '');
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [clinicIds, setClinicIds] = useState<string[]>(user.clinicIds);
  const errors = fieldErrors(update.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        userId: user.id,
        input: {
          name: name.trim(),
          roles,
          clinicIds,
          npi: npi.trim() || null,
          credential: credential || null,
        },
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <FormAlert
          error={update.error}
          issues={errors.unclaimed(['name', 'roles', 'clinicIds', 'npi', 'credential'])}
          title="The changes were not saved"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.get('name')}
          />
          <NativeSelect
            label="Credential"
            value={credential}
            onChange={(e) => setCredential(e.currentTarget.value as Credential | '')}
            data={CREDENTIAL_OPTIONS}
            error={errors.get('credential')}
          />
          <TextInput
            label="NPI"
            description="10 digits; needed for billing practitioners"
            inputMode="numeric"
            value={npi}
            onChange={(e) => setNpi(e.currentTarget.value)}
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ChangeStatus({ user, onDone }: { user: UserView; onDone: () => void }) {
  const { deactivate, reactivate } = useUserAccount();
  const action = user.active ? deactivate : reactivate;
  return (
    <Stack>
      <FormAlert error={action.error} title={user.active ? 'Not deactivated' : 'Not reactivated'} />
      <Text>
        {user.active
          ? `${user.name} will be signed out everywhere at once and cannot sign in. Their name stays on everything they recorded.`
          : `${user.name} will be able to sign in again with their password.`}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button
          color={user.active ? 'red' : 'careloop'}
          loading={action.isPending}
          onClick={() => action.mutate(user.id, { onSuccess: onDone })}
        >
          {user.active ? 'Deactivate' : 'Reactivate'}
        </Button>
      </Group>
    </Stack>
  );
}

function ResetCode({ user, onDone }: { user: UserView; onDone: () => void }) {
  const { issueResetCode } = useUserAccount();
  const issued = issueResetCode.data;
  if (issued) {
    return (
      <Stack>
        <Alert color="careloop" variant="light" title="Give this code to them in person" role="status">
          <Text>
            {user.name} signs in with it once at “Have a reset code?” on the sign-in page and chooses a new
            password. It is shown only now and expires {new Date(issued.expiresAt).toLocaleString()}.
          </Text>
          <Code block fz="xl" mt="sm" data-testid="reset-code">
            {issued.code}
          </Code>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <FormAlert error={issueResetCode.error} title="No code was issued" />
      <Text>
        {user.name}’s current password stops working and they are signed out everywhere. They set a new
        password with a one-time code you give them.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button loading={issueResetCode.isPending} onClick={() => issueResetCode.mutate(user.id)}>
          Issue reset code
        </Button>
      </Group>
    </Stack>
  );
}

const TITLES = { edit: 'Edit', status: '', reset: 'Reset the password of' } as const;

export function StaffDialogs({
  dialog,
  clinics,
  onClose,
}: {
  dialog: StaffDialog;
  clinics: ClinicView[];
  onClose: () => void;
}) {
  const title = !dialog
    ? ''
    : dialog.kind === 'status'
      ? `${dialog.user.active ? 'Deactivate' : 'Reactivate'} ${dialog.user.name}`
      : `${TITLES[dialog.kind]} ${dialog.user.name}`;
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={title} size="lg">
      {dialog?.kind === 'edit' && <EditStaff user={dialog.user} clinics={clinics} onDone={onClose} />}
      {dialog?.kind === 'status' && <ChangeStatus user={dialog.user} onDone={onClose} />}
      {dialog?.kind === 'reset' && <ResetCode user={dialog.user} onDone={onClose} />}
    </Modal>
  );
}
