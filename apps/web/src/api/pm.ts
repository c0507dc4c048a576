import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LineInput } from '../components/SovLinesEditor';
import { api, call } from './client';
import type { Budget, CommitmentChangeOrder, ReconciliationReport } from './types';

// The PM side's editors beyond the commitment itself: change orders, budget lines, budget changes.

export const pmKeys = {
  changeOrder: (id: string) => ['commitment-change-order', id] as const,
  budget: (projectId: string) => ['budget', projectId] as const,
  budgetChanges: (projectId: string) => ['budget-changes', projectId] as const,
};

const body = (l: LineInput) => ({
  costCode: l.costCode,
  costType: l.costType,
  amountCents: l.amountCents,
  ...(l.description ? { description: l.description } : {}),
});

// ── commitment change orders ─────────────────────────────────────────────────

export function useChangeOrder(id: string) {
  return useQuery({
    queryKey: pmKeys.changeOrder(id),
    queryFn: () => call(api.GET('/api/v1/commitment-change-orders/{id}', { params: { path: { id } } })),
  });
}

export interface ChangeOrderInput {
  number: string;
  title: string;
  description: string | null;
  status: CommitmentChangeOrder['status'];
  date: string | null;
  lines: LineInput[];
}

/** Creates a change order on `commitmentId`, or changes the change order `id`. */
export function useSaveChangeOrder(commitmentId: string, id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangeOrderInput) => {
      const { description, ...rest } = input;
      const payload = { ...rest, ...(description ? { description } : {}), lines: input.lines.map(body) };
      return id
        ? call(
            api.PATCH('/api/v1/commitment-change-orders/{id}', {
              params: { path: { id } },
              body: payload as never,
            }),
          )
        : call(
            api.POST('/api/v1/commitments/{id}/change-orders', {
              params: { path: { id: commitmentId } },
              body: payload as never,
            }),
          );
    },
    onSuccess: (co) => {
      qc.setQueryData(pmKeys.changeOrder(co.id), co);
      return qc.invalidateQueries({ queryKey: ['commitment', commitmentId] });
    },
  });
}

// ── budgets ───────────────────────────────────────────────────────────────────

export function useBudget(projectId: string) {
  return useQuery({
    queryKey: pmKeys.budget(projectId),
    queryFn: () => call(api.GET('/api/v1/projects/{projectId}/budget', { params: { path: { projectId } } })),
  });
}

export type BudgetEdit =
  | { action: 'lock' }
  | { action: 'unlock' }
  | { action: 'addLine'; line: LineInput }
  | { action: 'updateLine'; lineId: string; amountCents: number; description: string | null };

/** Lock, unlock, add a line or change a line; every answer is the whole budget, which replaces the shown one. */
export function useEditBudget(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (edit: BudgetEdit): Promise<Budget> => {
      const path = { params: { path: { projectId } } };
      switch (edit.action) {
        case 'lock':
          return call(api.POST('/api/v1/projects/{projectId}/budget/lock', path));
        case 'unlock':
          return call(api.POST('/api/v1/projects/{projectId}/budget/unlock', path));
        case 'addLine':
          return call(
            api.POST('/api/v1/projects/{projectId}/budget/lines', {
              ...path,
              body: body(edit.line) as never,
            }),
          );
        case 'updateLine':
          return call(
            api.PATCH('/api/v1/projects/{projectId}/budget/lines/{lineId}', {
              params: { path: { projectId, lineId: edit.lineId } },
              body: { amountCents: edit.amountCents, description: edit.description } as never,
            }),
          );
      }
    },
    onSuccess: (budget) => qc.setQueryData(pmKeys.budget(projectId), budget),
  });
}

export function useBudgetChanges(projectId: string) {
  return useQuery({
    queryKey: pmKeys.budgetChanges(projectId),
    queryFn: () =>
      call(
        api.GET('/api/v1/projects/{projectId}/budget-changes', {
          params: { path: { projectId }, query: { limit: 200 } },
        }),
      ),
  });
}

export interface BudgetChangeInput {
  number: string;
  title: string;
  date: string | null;
  lines: LineInput[];
}

export function useCreateBudgetChange(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BudgetChangeInput) =>
      call(
        api.POST('/api/v1/projects/{projectId}/budget-changes', {
          params: { path: { projectId } },
          body: { ...input, lines: input.lines.map(body) } as never,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: pmKeys.budgetChanges(projectId) }),
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: ['project', id],
    queryFn: () => call(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })),
  });
}

/** REC-1: one linked project beside its Spectrum job (read from Spectrum on every call). */
export function useReconciliation(projectId: string | undefined) {
  return useQuery({
    queryKey: ['reconciliation', projectId],
    // the JSON form of the report (the CSV form is a download link)
    queryFn: async () =>
      (await call(
        api.GET('/api/v1/reconciliation', { params: { query: { projectId: projectId as string } } }),
      )) as ReconciliationReport,
    enabled: Boolean(projectId),
    staleTime: 0,
  });
}

export const reconciliationCsvUrl = (projectId: string) =>
  `/api/v1/reconciliation?projectId=${encodeURIComponent(projectId)}&format=csv`;
