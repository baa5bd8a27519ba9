// `/`: sends each user to the start page for their roles.
import { Stack, Text, Title } from '@mantine/core';
import { Navigate } from 'react-router';
import { Loading } from '../components/QueryState';
import { homePath } from '../routes';
import { useSession } from '../session/SessionProvider';

export default function HomePage() {
  const { user, can, capabilitiesReady } = useSession();
  if (!capabilitiesReady || !user) return <Loading />;
  const home = homePath(user.roles, can);
  if (home) return <Navigate to={home} replace />;
  return (
    <Stack maw={640}>
      <Title order={1}>Welcome, {user.name}</Title>
      <Text>No pages are available to your role yet. Ask an administrator to check your roles.</Text>
    </Stack>
  );
}
