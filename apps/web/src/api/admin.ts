import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { components } from './schema';

// Hooks of the admin screens: users and permissions, general settings, vendor types, schedule, audit, report.

type S = components['schemas'];
export type PermissionsRow = S['PermissionsTableRow'];
export type GeneralSettings = S['GeneralSettings'];
export type SyncFrequency = S['SyncScheduleEntry']['frequency'];

export function usePermissionsTable() {
  return useQuery({ queryKey: ['permissions'], queryFn: () => call(api.GET('/api/v1/permissions')) });
}

export function useUpdatePermission() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: { id: string; level?: S['PermissionLevel']; canPushToAccounting?: boolean }) => {
      const { id, ...body } = p;
      return call(api.PATCH('/api/v1/users/{id}/permission', { params: { path: { id } }, body }));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['permissions'] }),
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      name: string;
      email: string;
      level: S['PermissionLevel'];
      canPushToAccounting: boolean;
    }) => call(api.POST('/api/v1/users', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['permissions'] }),
  });
}

export function useGeneralSettings() {
  return useQuery({
    queryKey: ['general-settings'],
    queryFn: () => call(api.GET('/api/v1/settings/general')),
  });
}

export function useSaveGeneralSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Omit<GeneralSettings, 'templateJob'>>) =>
      call(api.PATCH('/api/v1/settings/general', { body })),
    onSuccess: (data) => qc.setQueryData(['general-settings'], data),
  });
}

export function useVendorTypeFilter() {
  return useQuery({
    queryKey: ['vendor-type-filter'],
    queryFn: () => call(api.GET('/api/v1/settings/vendor-type-filter')),
  });
}

export function useSaveVendorTypeFilter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (types: string[]) =>
      call(api.PUT('/api/v1/settings/vendor-type-filter', { body: { types } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['vendor-type-filter'] }),
  });
}

export function useSaveSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Record<S['SyncGroup'], SyncFrequency>>) =>
      call(api.PATCH('/api/v1/sync/schedule', { body })),
    onSuccess: (data) => qc.setQueryData(['sync-schedule'], data),
  });
}

export function useAuditEvents(filter: { action?: string; itemType?: string; cursor?: string }) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () =>
      call(
        api.GET('/api/v1/audit-events', {
          params: {
            query: {
              ...(filter.action ? { action: filter.action } : {}),
              ...(filter.itemType ? { itemType: filter.itemType } : {}),
              ...(filter.cursor ? { cursor: filter.cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAccountantReport() {
  return useQuery({
    queryKey: ['accountant-report'],
    // the JSON form of the report (the CSV form is a download link)
    queryFn: async () =>
      (await call(api.GET('/api/v1/reports/accountant', { params: { query: {} } }))) as S['AccountantReport'],
  });
}

/** The report as CSV: a plain same-origin link, sent with the session cookie. */
export const ACCOUNTANT_REPORT_CSV = '/api/v1/reports/accountant?format=csv';
