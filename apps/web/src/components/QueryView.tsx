import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert';

/** Loading, error and empty states for a query, then `children` with its data. */
export function QueryView<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <p aria-live="polite">Loading {what}…</p>;
  if (query.isError) return <ProblemAlert error={query.error} heading={`Could not load ${what}`} />;
  if (isEmpty?.(query.data)) return <p className="muted">{empty ?? `No ${what}.`}</p>;
  return <>{children(query.data)}</>;
}
