import { useQuery } from '@tanstack/react-query';
import { api, call } from './client';

// Hooks of the Mail page: what the demo's mail catcher received (GEN-7).

export function useCaughtMail() {
  return useQuery({
    queryKey: ['mail'],
    queryFn: () => call(api.GET('/api/v1/mail/messages')),
  });
}

export function useCaughtMessage(id: string | undefined) {
  return useQuery({
    queryKey: ['mail', id],
    queryFn: () => call(api.GET('/api/v1/mail/messages/{id}', { params: { path: { id: id as string } } })),
    enabled: id !== undefined,
  });
}
