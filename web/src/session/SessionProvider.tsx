// The signed-in user, their clinics and the current clinic, and what the server lets their roles do.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Operation } from '../api/capabilities';
import { isApiError } from '../api/client';
import { keys, useApi, useCapabilities, useClinics } from '../api/hooks';
import type { SessionUser } from '@server/services/auth/login';
import type { ClinicView } from '@server/services/clinics/clinic-view';
import type { EndedReason } from './paths';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'error';

export interface Session {
  status: SessionStatus;
  /** Why the session could not be checked (status `error`), e.g. the server is unreachable. */
  error: unknown;
  retry(): void;
  user: SessionUser | null;
  /** Why the last session ended: the server ended it (`expired`), or the user signed out. */
  ended: EndedReason;
  signIn(email: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
  clinics: ClinicView[];
  clinic: ClinicView | null;
  setClinicId(id: string): void;
  /** The server publishes the operation and the user's roles may call it. */
  can(operation: Operation): boolean;
  /** The server publishes the operation at all (for features still being built). */
  has(operation: Operation): boolean;
  capabilitiesReady: boolean;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession needs a <SessionProvider>');
  return session;
}

const clinicStorageKey = (userId: string) => `careloop.clinic.${userId}`;

function readStoredClinic(userId: string): string | null {
  try {
    return window.localStorage.getItem(clinicStorageKey(userId));
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [ended, setEnded] = useState<EndedReason>(null);

  const me = useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await api.auth.me();
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    retry: false,
    staleTime: Infinity,
  });
  const user = me.data ?? null;
  const userRef = useRef<SessionUser | null>(user);
  useEffect(() => {
    userRef.current = user;
  }, [user]);

  /** Drops everything read under the old session, but keeps the (public) API description. */
  const forgetSessionData = useCallback(() => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'openapi' && q.queryKey[0] !== 'me' });
    queryClient.setQueryData(keys.me, null);
  }, [queryClient]);

  useEffect(
    () =>
      api.onUnauthenticated(() => {
        // A 401 while signed in means the server ended the session; one before sign-in means nothing.
        if (userRef.current === null) return;
        userRef.current = null;
        setEnded('expired');
        forgetSessionData();
      }),
    [api, forgetSessionData],
  );

  const capabilities = useCapabilities();
  const clinicsQuery = useClinics(user !== null);
  const clinics = useMemo(() => clinicsQuery.data?.clinics ?? [], [clinicsQuery.data]);

  const [chosenClinicId, setChosenClinicId] = useState<string | null>(null);
  useEffect(() => {
    setChosenClinicId(user ? readStoredClinic(user.id) : null);
  }, [user]);

  const clinic = useMemo(
    () => clinics.find((c) => c.id === chosenClinicId) ?? clinics[0] ?? null,
    [clinics, chosenClinicId],
  );

  const setClinicId = useCallback(
    (id: string) => {
      setChosenClinicId(id);
      if (!user) return;
      try {
        window.localStorage.setItem(clinicStorageKey(user.id), id);
      } catch {
        // Private browsing may refuse storage; the choice then lasts for this page only.
      }
    },
    [user],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const result = await api.auth.login(email, password);
      forgetSessionData();
      queryClient.setQueryData(keys.me, result.user);
      setEnded(null);
      return result.user;
    },
    [api, queryClient, forgetSessionData],
  );

  const signOut = useCallback(async () => {
    try {
      await api.auth.logout();
    } catch (error) {
      // Already signed out on the server: the outcome the user asked for.
      if (!isApiError(error) || error.status !== 401) throw error;
    } finally {
      userRef.current = null;
      setEnded('signed-out');
      forgetSessionData();
    }
  }, [api, forgetSessionData]);

  const caps = capabilities.data;
  const roles = user?.roles;
  const can = useCallback(
    (operation: Operation) => (caps && roles ? caps.allows(operation, roles) : false),
    [caps, roles],
  );
  const has = useCallback((operation: Operation) => caps?.has(operation) ?? false, [caps]);

  const status: SessionStatus = me.isPending
    ? 'loading'
    : user
      ? 'signed-in'
      : me.isError
        ? 'error'
        : 'signed-out';
  const refetchMe = me.refetch;
  const retry = useCallback(() => void refetchMe(), [refetchMe]);

  const value = useMemo<Session>(
    () => ({
      status,
      error: me.error,
      retry,
      user,
      ended,
      signIn,
      signOut,
      clinics,
      clinic,
      setClinicId,
      can,
      has,
      capabilitiesReady: capabilities.isSuccess,
    }),
    [
      status,
      me.error,
      retry,
      user,
      ended,
      signIn,
      signOut,
      clinics,
      clinic,
      setClinicId,
      can,
      has,
      capabilities.isSuccess,
    ],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}
