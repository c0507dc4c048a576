import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { cursorOf, keys } from './keys';
import type { SyncGroup } from './types';

// Hooks of the scheduled sync: the schedule, the runs, starting one.

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
