// The router: the public sign-in page, and every other page inside the signed-in layout and its guard.
import { Container } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { Navigate, Outlet, RouterProvider, createBrowserRouter, useLocation } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { LoadError, Loading } from './components/QueryState';
import { RouteError } from './components/RouteError';
import { RouteGuard } from './components/RouteGuard';
import HomePage from './pages/HomePage';
import NotFoundPage from './pages/NotFoundPage';
import ResetPasswordPage from './pages/ResetPasswordPage';
import SignInPage from './pages/SignInPage';
import { PAGE_ROUTES } from './routes';
import { useSession } from './session/SessionProvider';
import { signInPath } from './session/paths';

function RequireSession() {
  const { status, ended, error, retry } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading label="Starting Careloop…" />;
  if (status === 'error') {
    return (
      <Container size="sm" py="xl">
        <LoadError error={error} retry={retry} />
      </Container>
    );
  }
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={signInPath(ended === 'signed-out' ? { ended } : { next, ended })} replace />;
  }
  return <AppLayout />;
}

function Titled({ title }: { title: string }) {
  useEffect(() => {
    document.title = `${title} · Careloop`;
  }, [title]);
  return <Outlet />;
}

const router = createBrowserRouter([
  {
    element: <Titled title="Sign in" />,
    children: [{ path: '/sign-in', element: <SignInPage /> }],
  },
  {
    element: <Titled title="Set a new password" />,
    children: [{ path: '/reset-password', element: <ResetPasswordPage /> }],
  },
  {
    path: '/',
    element: <RequireSession />,
    children: [
      { index: true, element: <HomePage />, errorElement: <RouteError /> },
      ...PAGE_ROUTES.map((route) => ({
        path: route.path,
        errorElement: <RouteError />,
        element: (
          <RouteGuard route={route}>
            <Suspense fallback={<Loading />}>
              <route.page />
            </Suspense>
          </RouteGuard>
        ),
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
