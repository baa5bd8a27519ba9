// Entry point: styles, theme, API client, data cache, session and the router.
import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient, isApiError } from './api/client';
import { ApiContext } from './api/hooks';
import { App } from './App';
import { SessionProvider } from './session/SessionProvider';
import { cssVariablesResolver, theme } from './theme';

const api = new ApiClient();
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Every read of patient data is audited; refetch on purpose, not on every window focus.
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again.
      retry: (failures, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <ApiContext value={api}>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <App />
          </SessionProvider>
        </QueryClientProvider>
      </ApiContext>
    </MantineProvider>
  </StrictMode>,
);
