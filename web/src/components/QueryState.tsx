// Loading and error states for a read, so pages only render the happy path.
import { Alert, Button, Center, Group, Loader } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { errorMessage } from '../lib/issues';
import { NotAllowed } from './NotAllowed';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <span>{label}</span>
      </Group>
    </Center>
  );
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  if (isApiError(error) && error.status === 403) return <NotAllowed detail={error.message} />;
  return (
    <Alert color="red" variant="light" title="Could not load this" icon={<IconAlertCircle aria-hidden />}>
      {errorMessage(error)}
      {retry && (
        <Group mt="sm">
          <Button size="xs" variant="default" onClick={retry}>
            Try again
          </Button>
        </Group>
      )}
    </Alert>
  );
}

/** Renders `children(data)` once loaded; the loader or the error otherwise. */
export function QueryState<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  return <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />;
}
