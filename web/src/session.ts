import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError, setCsrfToken } from './services/client';
import { authApi, type Me, type Session } from './services/auth';
import { accessOf, type Access } from './access';

export const sessionKey = ['session'] as const;

async function loadSession(): Promise<Me | null> {
  try {
    const session = await authApi.session();
    setCsrfToken(session.csrfToken);
    return session.account;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: loadSession, staleTime: Infinity });
}

/**
 * Drops everything cached except the session itself. The session entry is only ever overwritten:
 * removing it would leave mounted pages reading an empty session before the route guard sees it.
 */
function forgetData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}

/** A fresh sign-in: nothing cached for an earlier session (perhaps another account) may show. */
export function storeSession(queryClient: QueryClient, session: Session): void {
  setCsrfToken(session.csrfToken);
  forgetData(queryClient);
  queryClient.setQueryData<Me | null>(sessionKey, session.account);
}

export function clearSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.setQueryData<Me | null>(sessionKey, null);
  forgetData(queryClient);
}

/** The signed-in account; only used below the route guard, which renders nothing until it exists. */
export function useMe(): Me {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useMe outside a signed-in route');
  return data;
}

export function useAccess(): Access {
  const { permissions } = useMe();
  return useMemo(() => accessOf(permissions), [permissions]);
}
