import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import type { CommitmentLine, ExportRequestState, SyncGroup } from './types';

// TanStack Query hooks over the typed client: the screens' only way to the service.

export const keys = {
  me: ['me'] as const,
  signInOptions: ['sign-in-options'] as const,
  importables: (type: string, state?: string, cursor?: string) =>
    ['importables', type, state, cursor] as const,
  projects: (state?: string, q?: string, cursor?: string) => ['projects', state, q, cursor] as const,
  companies: (state?: string, q?: string, cursor?: string) => ['companies', state, q, cursor] as const,
  commitments: (state?: string, cursor?: string) => ['commitments', state, cursor] as const,
  commitment: (id: string) => ['commitment', id] as const,
  queue: (state?: string, type?: string, cursor?: string) =>
    ['export-requests', state, type, cursor] as const,
  request: (id: string) => ['export-request', id] as const,
  preview: (type: string, id: string, key: string) => ['export-preview', type, id, key] as const,
  connection: ['connection'] as const,
  schedule: ['sync-schedule'] as const,
  syncRuns: (group?: string, cursor?: string) => ['sync-runs', group, cursor] as const,
  syncRun: (id: string) => ['sync-run', id] as const,
};

const cursorOf = (cursor: string | undefined) => (cursor ? { cursor } : {});

// ── session ──────────────────────────────────────────────────────────────────

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

// ── items (the ERP Integrations tool's tabs) ───────────────────────────────────

export function useImportables(type: string, state: string | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: keys.importables(type, state, cursor),
    queryFn: () =>
      call(
        api.GET('/api/v1/importables', {
          params: {
            query: { type: type as never, ...(state ? { state: state as never } : {}), ...cursorOf(cursor) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useProjects(state: string | undefined, q: string | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: keys.projects(state, q, cursor),
    queryFn: () =>
      call(
        api.GET('/api/v1/projects', {
          params: {
            query: { ...(state ? { state: state as never } : {}), ...(q ? { q } : {}), ...cursorOf(cursor) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCompanies(state: string | undefined, q: string | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: keys.companies(state, q, cursor),
    queryFn: () =>
      call(
        api.GET('/api/v1/companies', {
          params: {
            query: { ...(state ? { state: state as never } : {}), ...(q ? { q } : {}), ...cursorOf(cursor) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCommitments(state: string | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: keys.commitments(state, cursor),
    queryFn: () =>
      call(
        api.GET('/api/v1/commitments', {
          params: { query: { ...(state ? { state: state as never } : {}), ...cursorOf(cursor) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCommitment(id: string | undefined) {
  return useQuery({
    queryKey: keys.commitment(id ?? ''),
    queryFn: () => call(api.GET('/api/v1/commitments/{id}', { params: { path: { id: id as string } } })),
    enabled: Boolean(id),
  });
}

export interface CommitmentInput {
  projectId: string;
  companyId: string;
  kind: 'subcontract' | 'purchase_order';
  number: string;
  title: string;
  status: string;
  contractDate: string | null;
  lines: CommitmentLine[];
}

export function useSaveCommitment(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CommitmentInput) => {
      const lines = input.lines.map((l) => ({
        costCode: l.costCode,
        costType: l.costType,
        amountCents: l.amountCents,
        ...(l.description ? { description: l.description } : {}),
      }));
      if (id) {
        const { projectId: _p, ...rest } = input;
        return call(
          api.PATCH('/api/v1/commitments/{id}', {
            params: { path: { id } },
            body: { ...rest, lines } as never,
          }),
        );
      }
      return call(api.POST('/api/v1/commitments', { body: { ...input, lines } as never }));
    },
    onSuccess: (c) => {
      qc.setQueryData(keys.commitment(c.id), c);
      return qc.invalidateQueries({ queryKey: ['commitments'] });
    },
  });
}

/** sendToErp: the item waits as Ready to Export (APP-1). */
export function useSendToErp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (item: { type: string; id: string }) =>
      call(api.POST('/api/v1/exports/send', { body: item as never })),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export interface ImportActionInput {
  id: string;
  action: ImportAction;
  body?: Record<string, unknown>;
}

/**
 * An import action on a staged Spectrum record (importJob, importVendor, linkVendor, …). `onDone` runs even when the
 * row that started it has left the list meanwhile (an imported record leaves "Ready to Import").
 */
export function useImportAction(onDone?: (input: ImportActionInput) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: ImportActionInput) =>
      call(api.POST(IMPORT_PATHS[action], { params: { path: { id } }, body: (body ?? {}) as never })),
    onSuccess: (_data, input) => {
      onDone?.(input);
      return qc.invalidateQueries();
    },
  });
}

export const IMPORT_PATHS = {
  importJob: '/api/v1/importables/{id}/import-job',
  importVendor: '/api/v1/importables/{id}/import-vendor',
  linkVendor: '/api/v1/importables/{id}/link-vendor',
  importBudget: '/api/v1/importables/{id}/import-budget',
  reimportBudget: '/api/v1/importables/{id}/reimport-budget',
  importPrimeContract: '/api/v1/importables/{id}/import-prime-contract',
  reimportPrimeContract: '/api/v1/importables/{id}/reimport-prime-contract',
} as const;
export type ImportAction = keyof typeof IMPORT_PATHS;

// ── approval queue ──────────────────────────────────────────────────────────

export function useExportRequests(
  state: string | undefined,
  type: string | undefined,
  cursor: string | undefined,
) {
  return useQuery({
    queryKey: keys.queue(state, type, cursor),
    queryFn: () =>
      call(
        api.GET('/api/v1/export-requests', {
          params: {
            query: {
              ...(state ? { state: state as ExportRequestState } : {}),
              ...(type ? { type: type as never } : {}),
              ...cursorOf(cursor),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useExportRequest(id: string) {
  return useQuery({
    queryKey: keys.request(id),
    queryFn: () => call(api.GET('/api/v1/export-requests/{id}', { params: { path: { id } } })),
  });
}

/**
 * VER-1: the exact Spectrum writes an export of the item would make with `key` (blank: the pre-filled key), each
 * against what Spectrum holds now. Reads Spectrum, so it is asked once per key and kept briefly.
 */
export function useExportPreview(
  item: { type: string; itemId: string },
  key: { field: 'spectrumId' | 'changeRequestId'; value: string },
) {
  const value = key.value.trim();
  return useQuery({
    queryKey: keys.preview(item.type, item.itemId, value),
    queryFn: () =>
      call(
        api.POST('/api/v1/exports/preview', {
          body: {
            type: item.type as never,
            id: item.itemId,
            ...(value ? { [key.field]: value } : {}),
          },
        }),
      ),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/** VER-4: read a synced export back from Spectrum now; the request's page shows the result. */
export function useVerifyExport(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/export-requests/{id}/verify', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.request(id) }),
  });
}

export type Decision =
  | { action: 'accept'; id: string; note?: string; spectrumId?: string; changeRequestId?: string }
  | { action: 'reject'; id: string; reason: string }
  | { action: 'retry'; id: string }
  | { action: 'retrieve'; id: string };

/** Accept, reject, retry or retrieve one export request. */
export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: Decision) => {
      const path = { params: { path: { id: d.id } } };
      switch (d.action) {
        case 'accept': {
          const { action: _a, id: _i, ...body } = d;
          return call(api.POST('/api/v1/export-requests/{id}/accept', { ...path, body }));
        }
        case 'reject':
          return call(
            api.POST('/api/v1/export-requests/{id}/reject', { ...path, body: { reason: d.reason } }),
          );
        case 'retry':
          return call(api.POST('/api/v1/export-requests/{id}/retry', path));
        case 'retrieve':
          return call(api.POST('/api/v1/export-requests/{id}/retrieve', path));
      }
    },
    onSettled: () => qc.invalidateQueries(),
  });
}

export type BulkDecision =
  | { action: 'accept'; ids: string[]; note?: string }
  | { action: 'reject'; ids: string[]; reason: string };

/**
 * Accept or reject many export requests in one call (APP-9, API-7): the answer holds each request's own outcome
 * (accepted, rejected, refused with every reason, not found); a refusal of one never stops the others.
 */
export function useBulkDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: BulkDecision) =>
      d.action === 'accept'
        ? call(
            api.POST('/api/v1/export-requests/accept', {
              body: { ids: d.ids, ...(d.note ? { note: d.note } : {}) },
            }),
          )
        : call(api.POST('/api/v1/export-requests/reject', { body: { ids: d.ids, reason: d.reason } })),
    onSettled: () => qc.invalidateQueries(),
  });
}

/** The URL of an export request's live view (server-sent events). */
export const exportEventsUrl = (id: string) => `/api/v1/export-requests/${encodeURIComponent(id)}/events`;

// ── admin ────────────────────────────────────────────────────────────────────

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

export function useSyncSchedule() {
  return useQuery({
    queryKey: keys.schedule,
    queryFn: () => call(api.GET('/api/v1/sync/schedule')),
  });
}

export function useSyncRuns(group: string | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: keys.syncRuns(group, cursor),
    queryFn: () =>
      call(
        api.GET('/api/v1/sync/runs', {
          params: { query: { ...(group ? { group: group as SyncGroup } : {}), ...cursorOf(cursor) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useStartSync() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (group: SyncGroup) => call(api.POST('/api/v1/sync/runs', { body: { group } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ['sync-runs'] }),
  });
}

export interface ProjectCostCode {
  id: string;
  code: string;
  description: string | null;
  costTypes: { costType: string; syncedWithSpectrum: boolean }[];
}

export function useProjectCostCodes(projectId: string | undefined) {
  return useQuery({
    queryKey: ['cost-codes', projectId],
    queryFn: () =>
      call(
        api.GET('/api/v1/cost-codes', { params: { query: { projectId: projectId as string, limit: 500 } } }),
      ),
    enabled: Boolean(projectId),
    staleTime: 60_000,
  });
}
