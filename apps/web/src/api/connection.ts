import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { keys } from './keys';

// Hooks of the admin's Spectrum connection: settings, the connection test and the doctor.

export function useConnection() {
  return useQuery({
    queryKey: keys.connection,
    queryFn: () => call(api.GET('/api/v1/settings/connection')),
  });
}

export interface ConnectionInput {
  serviceUrl?: string;
  companyCode?: string;
  serviceUser?: string | null;
  authMode?: 'none' | 'basic' | 'oauth';
  servicePassword?: string;
  /** PROD-9: PEM certificates to trust; null removes the bundle. */
  caBundle?: string | null;
  /** PROD-8: the Info-Link connection; the password is write-only. */
  infoLink?: {
    mode?: 'http' | 'sql';
    host?: string | null;
    port?: number | null;
    database?: string | null;
    login?: string | null;
    password?: string;
  };
  /**
   * OPS-11: Spectrum calls at once and per second, across all instances; text that is no number is sent as typed,
   * so that the service refuses it naming the field and the rule.
   */
  maxConcurrentCalls?: number | string;
  callsPerSecond?: number | string;
}

export function useSaveConnection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ConnectionInput) =>
      call(api.PATCH('/api/v1/settings/connection', { body: body as never })),
    onSuccess: (data) => qc.setQueryData(keys.connection, data),
  });
}

export function useTestConnection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/settings/connection/test')),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.connection }),
  });
}

/** PROD-11: the connection doctor (admin only): every check of the configured Spectrum, with remedies. */
export function useDiagnoseConnection() {
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/settings/connection/diagnose')),
  });
}
