// What a user sees on a page their roles may not open: a plain statement and a way back.
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { roleLabel } from '../lib/format';
import { useSession } from '../session/SessionProvider';

export function NotAllowed({ page, detail }: { page?: string; detail?: string }) {
  const { user } = useSession();
  const roles = user?.roles.map(roleLabel).join(', ') ?? 'none';
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>Not allowed</Title>
      <Alert
        color="orange"
        variant="light"
        icon={<IconLock aria-hidden />}
        title="Your role cannot open this page"
      >
        <Text>
          {page ? `${page} is` : 'This page is'} not available to your role ({roles}). If your work needs it,
          an administrator of your organization can add a role to your account on the Staff page.
        </Text>
        {detail && (
          <Text size="sm" mt="xs" c="dimmed">
            {detail}
          </Text>
        )}
      </Alert>
      <Anchor component={Link} to="/">
        Go to your start page
      </Anchor>
    </Stack>
  );
}
