import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { cursorOf, keys } from './keys';
import type { ExportRequestState } from './types';

// Hooks of exports: sending an item to the ERP, the approval queue, previews, decisions and verification.

/** sendToErp: the item waits as Ready to Export (APP-1). */
export function useSendToErp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (item: { type: string; id: string }) =>
      call(api.POST('/api/v1/exports/send', { body: item as never })),
    onSuccess: () => qc.invalidateQueries(),
  });
}

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

/** VER-5: the re-verification runs, newest first; followed every 2 s while one runs. */
export function useVerificationRuns() {
  return useQuery({
    queryKey: ['verification-runs'],
    queryFn: () => call(api.GET('/api/v1/verification-runs', { params: { query: { limit: 5 } } })),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.state === 'running') ? 2_000 : false),
  });
}

/** VER-5: read every synced export back from Spectrum now (one run at a time across instances). */
export function useStartVerificationRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/verification-runs')),
    onSettled: () => qc.invalidateQueries({ queryKey: ['verification-runs'] }),
  });
}
