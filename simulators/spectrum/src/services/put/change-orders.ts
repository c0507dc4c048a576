import { isoDay } from '../../formats/spectrum-format.js';
import type { PutReplyRow } from '../../soap/soap-envelope.writer.js';
import type { Row } from '../../store/table-defs.js';
import * as T from '../../store/table-defs.js';
import type { PutServiceDef } from '../service-types.js';
import { bad, code, date, extend, int, missing, num, sentColumns, text, upper } from './common.js';
import { billingItem, contractFor, statusRow } from './contract-lookups.js';

// ---- ARChangeOrder ----------------------------------------------------------------------------

export const arChangeOrder: PutServiceDef = {
  kind: 'put',
  name: 'ARChangeOrder',
  fields: [
    upper('Company_Code', 3),
    code('Job_Number', 10, true),
    upper('Customer_Code', 10, true),
    code('Change_Order_Number', 8, true),
    text('Description', 250),
    code('Status_Code', 2),
    date('Change_Order_Date'),
    date('Approved_Date'),
    int('Approved_Days', 4),
    num('Fee_Percent', '3.2'),
    num('Fee_Amount', '-10.2'),
    code('Change_Request_Number', 8),
    code('CO_Billing_Group_Code', 2),
    code('CO_Billing_Item_Code', 10),
    text('Additional_Description', 40),
    num('Unit_Price', '-10.4', 4),
    num('Quantity', '-8.2'),
    num('Revenue', '-10.2'),
  ],
  execute(ctx) {
    const errors: PutReplyRow[] = [];
    const contract = contractFor(ctx, errors);
    if (!contract) return errors;
    const where = {
      Company_Code: ctx.company,
      Job_Number: ctx.str('Job_Number'),
      Customer_Code: ctx.str('Customer_Code'),
    };
    const coNumber = ctx.str('Change_Order_Number');
    const key = { ...where, Change_Order_Number: coNumber };
    if (ctx.has('Status_Code') && !statusRow(ctx, ctx.str('Status_Code'))) {
      errors.push(bad('Invalid change order status', 'Status_Code'));
    }
    let cr: Row | undefined;
    if (ctx.has('Change_Request_Number')) {
      cr = ctx.store.get(T.changeRequests, {
        ...where,
        Change_Request_Number: ctx.str('Change_Request_Number'),
      });
      if (!cr) errors.push(bad('Change request does not exist', 'Change_Request_Number'));
      else if (cr.Change_Order_Number !== '' && cr.Change_Order_Number !== coNumber) {
        errors.push(
          bad(`Change request is already on change order ${cr.Change_Order_Number}`, 'Change_Request_Number'),
        );
      } else {
        // No phase/cost type may appear on two change requests of one change order.
        const seen = new Set<string>();
        for (const other of ctx.store.select(T.changeRequests, { ...where, Change_Order_Number: coNumber })) {
          if (other.Change_Request_Number === cr.Change_Request_Number) continue;
          for (const l of ctx.store.select(T.changeRequestCostLines, {
            ...where,
            Change_Request_Number: other.Change_Request_Number,
          })) {
            seen.add(`${l.Phase_Code}\u0000${l.Cost_Type}`);
          }
        }
        const lines = ctx.store.select(T.changeRequestCostLines, {
          ...where,
          Change_Request_Number: cr.Change_Request_Number,
        });
        if (lines.some((l) => seen.has(`${l.Phase_Code}\u0000${l.Cost_Type}`))) {
          errors.push(bad('Duplicate phase/cost type on the change order', 'Change_Request_Number'));
        }
      }
    }
    const hasBilling = ctx.has('CO_Billing_Item_Code');
    if (hasBilling) {
      const group = ctx.str('CO_Billing_Group_Code');
      const item = ctx.str('CO_Billing_Item_Code');
      if (contract.Price_Method_Code === 'U' && group === '') {
        errors.push({
          code: 'M',
          desc: 'CO_Billing_Group_Code is required on unit-price contracts',
          column: 'CO_Billing_Group_Code',
        });
      } else if (contract.Price_Method_Code === 'U' && `${group}${item}`.length > 10) {
        errors.push(bad('Billing group and item together exceed 10 characters', 'CO_Billing_Item_Code'));
      } else if (!billingItem(ctx, contract, group, item)) {
        errors.push(bad('Billing item does not exist on the contract', 'CO_Billing_Item_Code'));
      }
    } else if (ctx.has('Revenue')) errors.push(missing('CO_Billing_Item_Code'));
    if (errors.length) return errors;

    const header = sentColumns(ctx, T.changeOrders, [
      'Description',
      'Status_Code',
      'Change_Order_Date',
      'Approved_Date',
      'Approved_Days',
      'Fee_Percent',
      'Fee_Amount',
    ]);
    if (ctx.store.get(T.changeOrders, key)) ctx.store.update(T.changeOrders, key, header);
    else {
      ctx.store.insert(T.changeOrders, {
        ...header,
        ...key,
        Change_Order_Date: ctx.str('Change_Order_Date') || isoDay(ctx.now),
      });
    }
    if (cr) ctx.store.update(T.changeRequests, cr, { Change_Order_Number: coNumber });
    if (hasBilling) {
      const lines = ctx.store.select(T.changeOrderLines, key);
      const group = ctx.str('CO_Billing_Group_Code');
      const item = ctx.str('CO_Billing_Item_Code');
      const match = lines.find((l) => l.Billing_Group_Code === group && l.Billing_Item_Code === item);
      const line = sentColumns(ctx, T.changeOrderLines, [
        'Additional_Description',
        'Unit_Price',
        'Quantity',
        'Revenue',
      ]);
      if (!ctx.has('Revenue') && ctx.has('Unit_Price') && ctx.has('Quantity')) {
        line.Revenue = extend(ctx.num('Unit_Price') ?? 0, ctx.num('Quantity') ?? 0);
      }
      if (match) ctx.store.update(T.changeOrderLines, match, line);
      else {
        const next = lines.reduce((m, l) => Math.max(m, Number(l.Line_Number)), 0) + 1;
        ctx.store.insert(T.changeOrderLines, {
          ...line,
          ...key,
          Line_Number: next,
          Billing_Group_Code: group,
          Billing_Item_Code: item,
        });
      }
    }
    return [];
  },
};
