// Any signed-in user changes their own password; their other sessions end, this one stays.
import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useChangePassword } from '../api/hooks';
import { FormAlert } from '../components/FormAlert';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { PasswordField } from '../components/PasswordField';
import { fieldErrors } from '../lib/issues';

export default function ChangePasswordPage() {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const errors = fieldErrors(change.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== confirm) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
        },
      },
    );
  };
  return (
    <Stack gap="lg" maw={480}>
      <Title order={1}>Change my password</Title>
      {change.isSuccess && (
        <Alert color="careloop" variant="light" role="status" title="Password changed">
          Use the new password from now on. Any other place you were signed in has been signed out.
        </Alert>
      )}
      <Paper
        withBorder
        p="lg"
        component="form"
        onSubmit={onSubmit}
        noValidate
        aria-label="Change my password"
      >
        <Stack>
          <FormAlert
            error={change.error}
            issues={errors.unclaimed(['currentPassword', 'newPassword'])}
            title="The password was not changed"
          />
          <PasswordField
            label="Current password"
            required
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.get('currentPassword')}
          />
          <NewPasswordFields
            value={next}
            confirm={confirm}
            onChange={setNext}
            onConfirm={setConfirm}
            error={errors.get('newPassword')}
          />
          <Text size="sm" c="dimmed">
            Changing it signs you out everywhere else.
          </Text>
          <Button type="submit" loading={change.isPending} disabled={!current || !next || next !== confirm}>
            Change password
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
