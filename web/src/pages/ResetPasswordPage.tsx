// Public: a user sets a new password with the one-time code an administrator gave them, then is signed in.
import { Alert, Anchor, Button, Container, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useResetPassword } from '../api/hooks';
import { FormAlert } from '../components/FormAlert';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { fieldErrors } from '../lib/issues';
import { useSession } from '../session/SessionProvider';

export default function ResetPasswordPage() {
  const reset = useResetPassword();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [signInError, setSignInError] = useState<unknown>(null);
  const errors = fieldErrors(reset.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== confirm) return;
    reset.mutate(
      { email: email.trim(), code, newPassword: next },
      {
        onSuccess: () => {
          signIn(email.trim(), next).then(
            () => void navigate('/', { replace: true }),
            (error: unknown) => setSignInError(error),
          );
        },
      },
    );
  };
  return (
    <Container size={440} py={64}>
      <main>
        <Stack gap="lg">
          <div>
            <Title order={1}>Set a new password</Title>
            <Text c="dimmed">With the one-time code your administrator gave you</Text>
          </div>
          {signInError !== null && (
            <Alert color="yellow" variant="light" role="status" title="Password set">
              Your new password is saved.{' '}
              <Anchor component={Link} to="/sign-in">
                Sign in
              </Anchor>{' '}
              with it.
            </Alert>
          )}
          <Paper
            withBorder
            p="lg"
            component="form"
            onSubmit={onSubmit}
            noValidate
            aria-label="Set a new password"
          >
            <Stack>
              <FormAlert
                error={reset.error}
                issues={errors.unclaimed(['email', 'code', 'newPassword'])}
                title="The password was not set"
              />
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={errors.get('email')}
              />
              <TextInput
                label="Reset code"
                required
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={errors.get('code')}
              />
              <NewPasswordFields
                value={next}
                confirm={confirm}
                onChange={setNext}
                onConfirm={setConfirm}
                error={errors.get('newPassword')}
              />
              <Button type="submit" loading={reset.isPending} disabled={!next || next !== confirm}>
                Set password and sign in
              </Button>
            </Stack>
          </Paper>
          <Anchor component={Link} to="/sign-in">
            Back to sign-in
          </Anchor>
        </Stack>
      </main>
    </Container>
  );
}
