// Shown in place of a page that failed to render or load (e.g. its code changed after an update).
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : String(error);
  const stale = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(message);
  return (
    <Stack maw={640}>
      <Title order={1}>This page could not be shown</Title>
      <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
        <Text>
          {stale
            ? 'Careloop was updated since this tab was opened. Reload to get the new version.'
            : 'Something went wrong while showing this page. Reloading usually helps; nothing you saved is lost.'}
        </Text>
      </Alert>
      <Group>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Group>
    </Stack>
  );
}
