import {
  type Commitment,
  type CommitmentSpectrumFacts,
  type Company,
  checkCommitmentChangeOrderDelete,
  checkCommitmentChangeOrderExport,
  sumCents,
} from '@bridge/rules';
import { syncFields } from '../links/item-view.js';
import type { LinkView } from '../links/links.repository.js';
import { type ChangeOrderRecord, changeOrderToDomain } from './commitments.repository.js';

/** The API view of a commitment change order with its API-4 fields (shown alone and inside its commitment). */
export function changeOrderView(
  r: ChangeOrderRecord,
  link: LinkView | null | undefined,
  commitment: Commitment,
  company: Pick<Company, 'name' | 'vendorCode'>,
  codes: ReadonlySet<string>,
  spectrum: CommitmentSpectrumFacts,
) {
  const cco = changeOrderToDomain(r, link);
  const { createdAt, updatedAt, ...fields } = r;
  return {
    ...fields,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    totalCents: sumCents(r.lines.map((l) => l.amountCents)),
    ...syncFields('commitment_change_order', link, {
      sendToErp: checkCommitmentChangeOrderExport(cco, commitment, company, codes, {
        jobNumber: spectrum.jobNumber,
        jobPhases: spectrum.jobPhases ?? null,
        changeRequestContract: spectrum.changeRequestContract ?? null,
      }),
      deleteCommitmentChangeOrder: checkCommitmentChangeOrderDelete(cco),
    }),
  };
}
