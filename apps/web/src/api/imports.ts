import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { cursorOf, keys } from './keys';

// Hooks of the staged Spectrum records: the Ready to Import lists and the import actions.

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
