import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { exportEventsUrl } from './exports';
import { keys } from './keys';
import type { ExportRequest, SyncRun } from './types';

const TERMINAL = new Set(['synced', 'failed', 'rejected', 'retrieved']);

export interface LiveStep {
  seq: number;
  name: string;
  total: number;
}

/**
 * Follows an export request live over server-sent events while it is being exported: each step as Spectrum answers
 * it, and the request whenever it changes (written into the query cache, so every screen showing it updates). The
 * connection closes when the request reaches a final state.
 */
export function useExportStream(
  id: string,
  enabled: boolean,
): { steps: LiveStep[]; request: ExportRequest | null } {
  const qc = useQueryClient();
  const [steps, setSteps] = useState<LiveStep[]>([]);
  const [request, setRequest] = useState<ExportRequest | null>(null);
  useEffect(() => {
    if (!enabled) return;
    setSteps([]);
    const source = new EventSource(exportEventsUrl(id));
    source.addEventListener('step', (e) => {
      const step = JSON.parse((e as MessageEvent<string>).data) as LiveStep;
      setSteps((s) => (s.some((x) => x.seq === step.seq) ? s : [...s, step]));
    });
    source.addEventListener('request', (e) => {
      const r = JSON.parse((e as MessageEvent<string>).data) as ExportRequest;
      setRequest(r);
      qc.setQueryData<ExportRequest>(keys.request(id), (old) => (old ? { ...old, ...r } : old));
      // a synced export is read back from Spectrum right after (VER-4): the stream stays until that is known too
      if (TERMINAL.has(r.state) && (r.state !== 'synced' || r.verification)) {
        source.close();
        void qc.invalidateQueries({ queryKey: ['export-requests'] });
        void qc.invalidateQueries({ queryKey: keys.request(id) });
      }
    });
    return () => source.close();
  }, [id, enabled, qc]);
  return { steps, request };
}

/**
 * Follows a running sync run over server-sent events: its counts as the import goes, then the run as it ended
 * (the service ends the stream then, and the run lists are read again). Returns the latest run seen, or `run`.
 */
export function useSyncRunStream(run: SyncRun): SyncRun {
  const qc = useQueryClient();
  const [latest, setLatest] = useState<SyncRun>(run);
  const running = run.status === 'running';
  useEffect(() => {
    setLatest(run);
  }, [run]);
  useEffect(() => {
    if (!running) return;
    const source = new EventSource(`/api/v1/sync/runs/${encodeURIComponent(run.id)}/events`);
    source.addEventListener('run', (e) => {
      const r = JSON.parse((e as MessageEvent<string>).data) as SyncRun;
      setLatest(r);
      if (r.status !== 'running') {
        source.close();
        void qc.invalidateQueries({ queryKey: ['sync-runs'] });
        void qc.invalidateQueries({ queryKey: ['connection'] });
      }
    });
    return () => source.close();
  }, [run.id, running, qc]);
  return latest;
}
