import { stripPhaseDashes } from '@bridge/rules';
import type { ChangeOrderFields, CommitmentFields, SovLineRecord } from './commitments.repository.js';

/** The API's commitment and commitment change order inputs, and their schedule of values as stored. */

export interface SovLineInput {
  costCode: string;
  costType: string;
  description?: string | null | undefined;
  amountCents: number;
  taxCode?: string | null | undefined;
}

export type CommitmentCreateInput = Omit<CommitmentFields, 'description' | 'status' | 'contractDate'> & {
  description?: string | null | undefined;
  status?: CommitmentFields['status'] | undefined;
  contractDate?: string | null | undefined;
  lines: SovLineInput[];
};

export type CommitmentUpdateInput = {
  [K in keyof Omit<CommitmentFields, 'projectId'>]?: CommitmentFields[K] | undefined;
} & { lines?: SovLineInput[] | undefined };

export type ChangeOrderCreateInput = Pick<ChangeOrderFields, 'number' | 'title'> & {
  description?: string | null | undefined;
  status?: ChangeOrderFields['status'] | undefined;
  date?: string | null | undefined;
  lines: SovLineInput[];
};

export type ChangeOrderUpdateInput = { [K in keyof ChangeOrderFields]?: ChangeOrderFields[K] | undefined } & {
  lines?: SovLineInput[] | undefined;
};

export const sov = (lines: readonly SovLineInput[], withTax: boolean): SovLineRecord[] =>
  lines.map((l) => ({
    costCode: stripPhaseDashes(l.costCode.trim()).toUpperCase(),
    costType: l.costType.trim().toUpperCase(),
    description: l.description ?? null,
    amountCents: l.amountCents,
    ...(withTax ? { taxCode: l.taxCode ?? null } : {}),
  }));

export const sameLines = (a: readonly SovLineRecord[], b: readonly SovLineRecord[]) =>
  JSON.stringify(a.map((l) => ({ ...l, taxCode: l.taxCode ?? null }))) ===
  JSON.stringify(b.map((l) => ({ ...l, taxCode: l.taxCode ?? null })));
