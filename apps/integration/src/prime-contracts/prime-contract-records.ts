import type {
  ChangeOrderStatus,
  PrimeContract,
  PrimeContractChangeOrder,
  PrimeContractChangeOrderLine,
} from '@bridge/rules';
import { activeSpectrumKey } from '../links/link-state.js';
import type { LinkView } from '../links/links.repository.js';

/** Prime contracts and their change orders as the repository hands them out, and as `@bridge/rules` sees them. */

export interface PrimeContractLineRecord {
  billingItem: string;
  description: string | null;
  amountCents: number;
}

export interface PccoLineRecord {
  billingItemCode: string;
  description: string | null;
  amountCents: number;
  costCode: string | null;
  costType: string | null;
  costAmountCents: number | null;
}

export interface PccoFields {
  number: string;
  title: string;
  description: string | null;
  status: ChangeOrderStatus;
  unitPrice: boolean;
  approvedDate: string | null;
}

export interface PccoRecord extends PccoFields {
  id: string;
  primeContractId: string;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  lines: PccoLineRecord[];
}

export interface PrimeContractRecord {
  id: string;
  projectId: string;
  jobNumber: string;
  customerCode: string;
  title: string;
  status: string;
  unitPrice: boolean;
  originalContractCents: number;
  lastImportedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lines: PrimeContractLineRecord[];
}

/** What Spectrum sets on an imported contract (PC-1, PC-2). */
export type PrimeContractSpectrumFields = Pick<
  PrimeContractRecord,
  'title' | 'status' | 'unitPrice' | 'originalContractCents' | 'lines'
>;

/** A contract without its timestamps: what the imports audit. */
export type PrimeContractView = Omit<PrimeContractRecord, 'createdAt' | 'updatedAt'>;

export function primeContractView(c: PrimeContractRecord): PrimeContractView {
  return {
    id: c.id,
    projectId: c.projectId,
    jobNumber: c.jobNumber,
    customerCode: c.customerCode,
    title: c.title,
    status: c.status,
    unitPrice: c.unitPrice,
    originalContractCents: c.originalContractCents,
    lastImportedAt: c.lastImportedAt,
    lines: c.lines,
  };
}

/** Storage → the `@bridge/rules` `PrimeContract` (the same mapping the export flows use). */
export function primeContractToDomain(
  c: PrimeContractRecord,
  link: LinkView | null | undefined,
): PrimeContract {
  return {
    id: c.id,
    projectId: c.projectId,
    jobNumber: c.jobNumber,
    customerCode: c.customerCode,
    title: c.title,
    status: c.status as PrimeContract['status'],
    unitPrice: c.unitPrice,
    syncState: link?.state ?? null,
    lastImportedAt: c.lastImportedAt?.toISOString() ?? null,
  };
}

/** Storage → the `@bridge/rules` `PrimeContractChangeOrder`. */
export function pccoToDomain(c: PccoRecord, link: LinkView | null | undefined): PrimeContractChangeOrder {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    description: c.description,
    status: c.status,
    primeContractId: c.primeContractId,
    unitPrice: c.unitPrice,
    lines: c.lines.map(
      (l): PrimeContractChangeOrderLine => ({
        billingItemCode: l.billingItemCode,
        description: l.description,
        amount: l.amountCents,
        costCode: l.costCode,
        costType: l.costType,
        costAmount: l.costAmountCents,
      }),
    ),
    approvedDate: c.approvedDate,
    syncState: link?.state ?? null,
    spectrumKey: activeSpectrumKey(link),
  };
}
