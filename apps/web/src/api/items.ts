import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from './client';
import { cursorOf, keys } from './keys';
import type { CommitmentLine } from './types';

// Hooks of the PM records the ERP Integrations tool lists and edits: projects, companies, commitments, cost codes.

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
