// The console's only HTTP code: the simulator's control API under /__sim (same origin), with TanStack Query hooks.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export const BASE = '/__sim';

export interface ProblemField {
  field: string;
  rule: string;
  message: string;
}

/** A refused call: the problem body's detail and its errors, each naming a field. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: ProblemField[],
  ) {
    super(message);
  }
}

export async function sim<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const value = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const p = (value ?? {}) as { detail?: string; errors?: ProblemField[] };
    throw new ProblemError(res.status, p.detail ?? `${method} ${path}: ${res.status}`, p.errors ?? []);
  }
  return value as T;
}

export type Json = Record<string, unknown>;

export interface ColumnInfo {
  name: string;
  type: 'text' | 'dec' | 'int' | 'date';
  max?: number;
  scale?: number;
  values?: string[];
}

export interface EditorField {
  name: string;
  max: number;
  kind: string;
  values?: string[];
  format?: string;
  required?: boolean;
  column: string | null;
  key: boolean;
}

export interface TableInfo {
  collection: string;
  label: string;
  key: string[];
  columns: ColumnInfo[];
  count: number;
  infolink: string | null;
  editor: {
    addService: string | null;
    changeService: string | null;
    addFields: EditorField[];
    changeFields: EditorField[];
  };
}

export interface TablePage {
  collection: string;
  rows: Json[];
  total: number;
  totalIsExact: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

export interface RelatedGroup {
  collection: string;
  label: string;
  relation: 'child' | 'parent';
  where: Json;
  total: number;
  rows: Json[];
}

export interface RecordView {
  collection: string;
  row: Json;
  form: Record<string, string>;
  related: RelatedGroup[];
}

export interface StateSummary {
  scenario: string;
  generation: number;
  counts: Record<string, number>;
}

export interface Fault {
  id: number;
  service: string;
  kind: string;
  ms?: number;
  when?: string;
  times?: number;
  skip?: number;
  rate?: number;
  seed?: number;
  afterWrites?: number;
  message?: string;
  fired: number;
}

export interface FaultPreset {
  name: string;
  label: string;
  description: string;
}

export interface LogEntry {
  id: number;
  time: string;
  method: string;
  path: string;
  service: string;
  status: number;
  durationMs: number;
  outcome: 'ok' | 'refused' | 'error' | 'fault';
  identity: string;
  rows?: number;
  touched?: { collection: string; op: string; key: Json }[];
  touchedCount?: number;
  refused?: string;
  fault?: string;
}

export interface LogDetail extends LogEntry {
  request: { headers: Record<string, string>; body: string; bytes: number; truncated: boolean };
  response: { contentType: string; body: string; bytes: number; truncated: boolean };
}

export interface Settings {
  enhancedAuth: boolean;
  guidTimeoutHours: number | null;
  clockOffsetMs: number;
  now: string;
  logSize: number;
  logBodyBytes: number;
}

export const keyParams = (key: Json): string =>
  new URLSearchParams(Object.entries(key).map(([k, v]) => [k, String(v ?? '')])).toString();

export function useTables() {
  return useQuery({
    queryKey: ['tables'],
    queryFn: () => sim<TableInfo[]>('GET', '/tables'),
    staleTime: 60_000,
  });
}

export function useTablePage(collection: string, q: string, cursor: { after?: string; before?: string }) {
  const params = new URLSearchParams({ limit: '50' });
  if (q) params.set('q', q);
  if (cursor.after) params.set('after', cursor.after);
  if (cursor.before) params.set('before', cursor.before);
  return useQuery({
    queryKey: ['page', collection, q, cursor.after ?? '', cursor.before ?? ''],
    queryFn: () => sim<TablePage>('GET', `/tables/${collection}?${params}`),
    placeholderData: keepPreviousData,
    enabled: collection !== '',
  });
}

export function useRecord(collection: string, key: Json | null) {
  return useQuery({
    queryKey: ['record', collection, key],
    queryFn: () => sim<RecordView>('GET', `/tables/${collection}/record?${keyParams(key ?? {})}`),
    enabled: key !== null,
    retry: false,
  });
}

export function useStateSummary() {
  return useQuery({
    queryKey: ['state'],
    queryFn: () => sim<StateSummary>('GET', '/state'),
    refetchInterval: 5000,
  });
}

export function useScenarios() {
  return useQuery({
    queryKey: ['scenarios'],
    queryFn: () =>
      sim<{ current: string; start: string; available: { name: string; description: string }[] }>(
        'GET',
        '/scenarios',
      ),
  });
}

export function useFaults() {
  return useQuery({
    queryKey: ['faults'],
    queryFn: () => sim<Fault[]>('GET', '/faults'),
    refetchInterval: 2000,
  });
}

export function useFaultOptions() {
  return useQuery({
    queryKey: ['fault-options'],
    queryFn: () => sim<{ services: string[]; kinds: string[] }>('GET', '/faults/options'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useFaultPresets() {
  return useQuery({
    queryKey: ['fault-presets'],
    queryFn: () => sim<FaultPreset[]>('GET', '/fault-presets'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function logQuery(filter: { service: string; outcome: string }): string {
  const p = new URLSearchParams();
  if (filter.service) p.set('service', filter.service);
  if (filter.outcome) p.set('outcome', filter.outcome);
  return p.toString();
}

export function useLog(filter: { service: string; outcome: string }, live: boolean) {
  const q = logQuery(filter);
  return useQuery({
    queryKey: ['log', q],
    queryFn: () => sim<LogEntry[]>('GET', `/requests?${q}${q ? '&' : ''}limit=200`),
    refetchInterval: live ? 1000 : false,
  });
}

export function useLogSummary(live: boolean) {
  return useQuery({
    queryKey: ['log-summary'],
    queryFn: () =>
      sim<{
        capacity: number;
        size: number;
        total: number;
        bodyLimit: number;
        services: string[];
        memory: { rss: number; heapUsed: number };
      }>('GET', '/requests/summary'),
    refetchInterval: live ? 2000 : false,
  });
}

export function useLogDetail(id: number | null) {
  return useQuery({
    queryKey: ['log-detail', id],
    queryFn: () => sim<LogDetail>('GET', `/requests/${id}`),
    enabled: id !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => sim<Settings>('GET', '/settings') });
}

/** A control API call that, once done, re-reads everything the console shows (data, faults, log). */
export function useSimMutation<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries(),
  });
}
