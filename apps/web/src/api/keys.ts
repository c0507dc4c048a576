// The TanStack Query keys of the hooks over the typed client, in one place (invalidation goes by them).

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

/** The `cursor` query parameter of a list page (none for the first page). */
export const cursorOf = (cursor: string | undefined) => (cursor ? { cursor } : {});
