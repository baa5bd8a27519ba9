// Sign-in: email and password; explains why the user is here (session ended, signed out) and returns
// them to the page they were going to.
import { Alert, Anchor, Button, Container, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconClockExclamation, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';
import { Loading } from '../components/QueryState';
import { fieldErrors } from '../lib/issues';
import { safeNext } from '../session/paths';
import { useSession } from '../session/SessionProvider';

export default function SignInPage() {
  const { status, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (status === 'loading') return <Loading />;
  if (status === 'signed-in' && !busy) return <Navigate to={next} replace />;

  const errors = fieldErrors(error);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      void navigate(next, { replace: true });
    } catch (caught) {
      setError(caught);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const failed = isApiError(error) && error.status === 401;

  return (
    <Container size={440} py={64}>
      <main>
        <Stack gap="lg">
          <div>
            <Title order={1}>Sign in to Careloop</Title>
            <Text c="dimmed">Behavioral health integration for primary care</Text>
          </div>
          {reason === 'expired' && (
            <Alert
              color="yellow"
              variant="light"
              icon={<IconClockExclamation aria-hidden />}
              title="Your session ended"
            >
              For your patients’ privacy you were signed out. Sign in again to continue where you were.
            </Alert>
          )}
          {reason === 'signed-out' && (
            <Alert color="careloop" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
              You have signed out.
            </Alert>
          )}
          <Paper
            withBorder
            p="lg"
            component="form"
            onSubmit={(e) => void onSubmit(e)}
            noValidate
            aria-label="Sign in"
          >
            <Stack>
              {failed ? (
                <Alert color="red" variant="light" role="alert" title="Sign-in failed">
                  {error.message || 'The email or password is not right.'}
                </Alert>
              ) : (
                <FormAlert
                  error={error}
                  issues={errors.unclaimed(['email', 'password'])}
                  title="Sign-in failed"
                />
              )}
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                required
                size="md"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={errors.get('email')}
              />
              <PasswordField
                label="Password"
                autoComplete="current-password"
                required
                size="md"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={errors.get('password')}
              />
              <Button type="submit" size="md" loading={busy}>
                Sign in
              </Button>
            </Stack>
          </Paper>
          <Anchor component={Link} to="/reset-password">
            Have a reset code from your administrator?
          </Anchor>
        </Stack>
      </main>
    </Container>
  );
}
