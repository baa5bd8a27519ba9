// Opens a page only when the server offers what it needs and the user's roles may use it.
import { Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { routeAllowed, routeExists, type PageRoute } from '../routes';
import { useSession } from '../session/SessionProvider';
import { NotAllowed } from './NotAllowed';
import { Loading } from './QueryState';

export function RouteGuard({ route, children }: { route: PageRoute; children: ReactNode }) {
  const { capabilitiesReady, can, has } = useSession();
  const allowed = capabilitiesReady && routeAllowed(route, can);
  const exists = capabilitiesReady && routeExists(route, has);

  useEffect(() => {
    document.title = `${allowed ? route.title : exists ? 'Not allowed' : 'Not available'} · Careloop`;
  }, [allowed, exists, route.title]);

  if (!capabilitiesReady) return <Loading />;
  if (!exists) {
    return (
      <Stack maw={640}>
        <Title order={1}>Not available yet</Title>
        <Text>{route.title} is not available on this Careloop server yet.</Text>
      </Stack>
    );
  }
  if (!allowed) return <NotAllowed page={route.title} />;
  return <>{children}</>;
}
