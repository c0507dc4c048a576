import type { ExportRequest } from '../../api/types';

export const TYPE_LABELS: Record<string, string> = {
  project: 'Project',
  job: 'Job',
  company: 'Company',
  vendor: 'Vendor',
  budget: 'Budget',
  budget_change: 'Budget change',
  forecast: 'Forecast',
  commitment: 'Commitment',
  commitment_change_order: 'Commitment change order',
  prime_contract: 'Prime contract',
  prime_contract_change_order: 'Prime contract change order',
  cost_code: 'Cost code',
};

/** A person-readable name of the item an export request carries ("SC-9 Electrical"). */
export function describeItem(r: ExportRequest): string {
  const item = (r.item ?? {}) as Record<string, unknown>;
  const parts = [item.number, item.title ?? item.name].filter((v) => typeof v === 'string' && v.length > 0);
  return parts.length ? parts.join(' ') : r.itemId;
}

export interface PlannedLine {
  costCode: string;
  costType: string;
  description: string | null;
  amountCents: number;
}

/** The lines the request carries, as the export will write them (amounts in cents). */
export function linesOf(r: ExportRequest): PlannedLine[] {
  const lines = ((r.item ?? {}) as { lines?: Record<string, unknown>[] }).lines ?? [];
  return lines.map((l) => ({
    costCode: String(l.costCode ?? ''),
    costType: String(l.costType ?? ''),
    description: typeof l.description === 'string' ? l.description : null,
    amountCents: Number(l.amount ?? l.amountCents ?? 0),
  }));
}
