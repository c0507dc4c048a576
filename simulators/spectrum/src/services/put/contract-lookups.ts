import type { PutReplyRow } from '../../soap/soap-envelope.writer.js';
import type { Row } from '../../store/table-defs.js';
import * as T from '../../store/table-defs.js';
import type { PutContext } from '../service-types.js';
import { bad, job } from './common.js';

// ---- ARChangeRequest / ARChangeOrder --------------------------------------------------------

export function contractFor(ctx: PutContext, errors: PutReplyRow[]): Row | undefined {
  const jobRow = job(ctx, ctx.str('Job_Number'));
  if (!jobRow) {
    errors.push(bad('Job does not exist', 'Job_Number'));
    return undefined;
  }
  const customer = ctx.store.get(T.customers, {
    Company_Code: ctx.company,
    Customer_Code: ctx.str('Customer_Code'),
  });
  if (!customer) {
    errors.push(bad('Customer does not exist', 'Customer_Code'));
    return undefined;
  }
  const contract = ctx.store.get(T.contracts, {
    Company_Code: ctx.company,
    Job_Number: ctx.str('Job_Number'),
    Customer_Code: ctx.str('Customer_Code'),
  });
  if (!contract) errors.push(bad('No contract exists for this job and customer', 'Customer_Code'));
  return contract;
}

/** The SOV item a change line bills to: group + item on unit-price contracts, item alone otherwise. */
export function billingItem(ctx: PutContext, contract: Row, group: string, item: string): Row | undefined {
  const itemKey = contract.Price_Method_Code === 'U' ? `${group}${item}` : item;
  return ctx.store.get(T.contractItems, {
    Company_Code: ctx.company,
    Job_Number: contract.Job_Number,
    Customer_Code: contract.Customer_Code,
    Billing_Item: itemKey,
  });
}

export function statusRow(ctx: PutContext, status: string): Row | undefined {
  return ctx.store.get(T.changeRequestStatuses, { Company_Code: ctx.company, Status_Code: status });
}
