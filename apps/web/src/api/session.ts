import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { keys } from './keys';

// Hooks of the session: who is signed in, the sign-in options, signing in and out.

export function useCurrentUser() {
  return useQuery({
    queryKey: keys.me,
    queryFn: () => call(api.GET('/api/v1/me')),
    retry: false,
    staleTime: 60_000,
  });
}

export function useSignInOptions() {
  return useQuery({
    queryKey: keys.signInOptions,
    queryFn: () => call(api.GET('/api/v1/session/options')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string } | { demoUser: string }) =>
      call(api.POST('/api/v1/session', { body })),
    onSuccess: () => qc.resetQueries(),
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/session')),
    onSuccess: () => qc.clear(),
  });
}
