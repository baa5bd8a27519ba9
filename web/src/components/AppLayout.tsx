// The signed-in frame: header with clinic switcher and sign-out, the role-filtered menu, and the page.
import {
  Anchor,
  AppShell,
  Box,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../lib/issues';
import { roleLabel } from '../lib/format';
import { NAV_SECTIONS, PAGE_ROUTES, routeAllowed } from '../routes';
import { signInPath } from '../session/paths';
import { useSession } from '../session/SessionProvider';
import { ClinicSwitcher } from './ClinicSwitcher';

function NavMenu({ onNavigate }: { onNavigate: () => void }) {
  const { can } = useSession();
  const location = useLocation();
  const visible = PAGE_ROUTES.filter((r) => r.nav && routeAllowed(r, can));
  return (
    <Stack gap="md">
      {NAV_SECTIONS.map((section) => {
        const items = visible.filter((r) => r.nav?.section === section);
        if (items.length === 0) return null;
        return (
          <Box key={section} component="section" aria-label={section}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={4} aria-hidden>
              {section}
            </Text>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((r) => {
                const nav = r.nav;
                if (!nav) return null;
                const active = location.pathname === r.path || location.pathname.startsWith(`${r.path}/`);
                return (
                  <li key={r.path}>
                    <NavLink
                      component={Link}
                      to={r.path}
                      label={nav.label}
                      leftSection={<nav.icon size={20} aria-hidden />}
                      active={active}
                      variant="filled"
                      aria-current={active ? 'page' : undefined}
                      onClick={onNavigate}
                      style={{ minHeight: 44 }}
                    />
                  </li>
                );
              })}
            </ul>
          </Box>
        );
      })}
    </Stack>
  );
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the lg breakpoint the menu slides in; while it is out of view, keep keyboard focus out of it.
  const wide = useMediaQuery('(min-width: 75em)', true);
  const menuHidden = !wide && !opened;
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = mainRef.current?.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    }
  }, [location.pathname]);

  const onSignOut = async () => {
    setSignOutError(null);
    try {
      await signOut();
      void navigate(signInPath({ ended: 'signed-out' }), { replace: true });
    } catch (error) {
      setSignOutError(errorMessage(error));
    }
  };

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 250, breakpoint: 'lg', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="lg"
              size="md"
              aria-label={opened ? 'Close menu' : 'Open menu'}
              aria-expanded={opened}
              aria-controls="main-menu"
            />
            <Text
              fw={800}
              size="lg"
              component={Link}
              to="/"
              style={{ textDecoration: 'none', color: 'inherit' }}
            >
              Careloop
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <ClinicSwitcher />
            {user && (
              <Box visibleFrom="sm" ta="right">
                <Text size="sm" fw={600} lh={1.2}>
                  {user.name}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  {user.roles.map(roleLabel).join(', ')}
                </Text>
                <Anchor component={Link} to="/account/password" size="xs">
                  Change my password
                </Anchor>
              </Box>
            )}
            <Button
              variant="default"
              leftSection={<IconLogout size={18} aria-hidden />}
              onClick={() => void onSignOut()}
              mih={44}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="sm"
        component="nav"
        id="main-menu"
        aria-label="Main menu"
        inert={menuHidden}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !wide) close();
        }}
      >
        <ScrollArea type="auto">
          <NavMenu onNavigate={close} />
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" ref={mainRef} tabIndex={-1} style={{ outline: 'none' }}>
        {signOutError && (
          <Text c="red.9" role="alert" mb="md">
            Sign-out failed: {signOutError}
          </Text>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
