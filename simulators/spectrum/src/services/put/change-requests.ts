import { isoDay } from '../../formats/spectrum-format.js';
import type { PutReplyRow } from '../../soap/soap-envelope.writer.js';
import * as T from '../../store/table-defs.js';
import type { PutServiceDef } from '../service-types.js';
import {
  bad,
  code,
  date,
  extend,
  int,
  missing,
  num,
  oneOf,
  phase,
  phaseRow,
  sentColumns,
  text,
  upper,
  YN,
} from './common.js';
import { billingItem, contractFor, statusRow } from './contract-lookups.js';

// ---- ARChangeRequest --------------------------------------------------------------------------

export const arChangeRequest: PutServiceDef = {
  kind: 'put',
  name: 'ARChangeRequest',
  fields: [
    upper('Company_Code', 3),
    code('Job_Number', 10, true),
    upper('Customer_Code', 10, true),
    code('Change_Request_Number', 8),
    text('CR_Description', 250),
    code('CR_Status', 2),
    oneOf('Cost_Reimbursable_Flag', YN),
    date('Origination_Date'),
    date('Approved_Date'),
    num('Fee_Percent', '3.2'),
    num('Fee_Amount', '-10.2'),
    phase('CR_Phase_Code'),
    code('CR_Cost_Type', 3),
    num('Change_Request_Quantity', '-8.2'),
    num('Change_Request_Hours', '-7.2'),
    num('Change_Request_Amount', '-10.2'),
    upper('Subcontractor_Code', 10),
    code('Subcontract_Number', 10),
    num('Sub_Amount', '-10.2'),
    code('Sub_Bid_Group_Item_Code', 2),
    code('Sub_Bid_Item_Code', 11),
    oneOf('Sub_Status', ['P', 'E', 'R']),
    code('Sub_Change_Order_Number', 8),
    date('Sub_Change_Order_Date'),
    date('Sub_Signed_Date'),
    text('Sub_Description', 30),
    code('Sub_Type', 15),
    date('Sub_Proposal_Date'),
    date('Sub_Sent_Date'),
    date('Sub_Due_Date'),
    text('Sub_Comments', 250),
    code('Markup_Cost_Type', 3),
    num('Markup_Percent', '3.2'),
    num('Markup_Amount', '-10.2'),
    code('Pricing_Addon_Code', 10),
    code('CR_Billing_Group_Code', 2),
    code('CR_Billing_Item_Code', 11),
    text('CR_Billing_Item_Description', 30),
    text('CR_Additional_Description', 40),
    num('CR_Unit_Price', '-10.4', 4),
    num('CR_Quantity', '-8.2'),
    num('CR_Revenue', '-10.2'),
    int('Requested_Days', 4),
    int('Approved_Days', 4),
  ],
  execute(ctx) {
    const errors: PutReplyRow[] = [];
    const contract = contractFor(ctx, errors);
    if (!contract) return errors;
    const jobNumber = ctx.str('Job_Number');
    const headerWhere = {
      Company_Code: ctx.company,
      Job_Number: jobNumber,
      Customer_Code: ctx.str('Customer_Code'),
    };
    let number = ctx.str('Change_Request_Number');
    const generated = number === '';
    if (generated) {
      const max = ctx.store
        .select(T.changeRequests, headerWhere)
        .map((r) => Number(r.Change_Request_Number))
        .filter((n) => Number.isInteger(n))
        .reduce((a, b) => Math.max(a, b), 0);
      number = String(max + 1);
    }
    const key = { ...headerWhere, Change_Request_Number: number };
    const existing = ctx.store.get(T.changeRequests, key);
    const statusCode = ctx.str('CR_Status') || String(existing?.CR_Status ?? '');
    if (ctx.has('CR_Status') && !statusRow(ctx, statusCode))
      errors.push(bad('Invalid change request status', 'CR_Status'));
    if (ctx.has('Approved_Date') && statusRow(ctx, statusCode)?.Approved_Flag !== 'Y') {
      errors.push(
        bad('Approved_Date is only allowed when the status is approved or executed', 'Approved_Date'),
      );
    }
    // cost line
    const linePhase = ctx.str('CR_Phase_Code');
    const lineCostType = ctx.str('CR_Cost_Type');
    const hasCostLine = linePhase !== '' || lineCostType !== '';
    const hasSub = ctx.has('Subcontractor_Code') || ctx.has('Subcontract_Number');
    if (hasCostLine) {
      if (!linePhase) errors.push(missing('CR_Phase_Code'));
      if (!lineCostType) errors.push(missing('CR_Cost_Type'));
      if (linePhase && lineCostType) {
        const ph = phaseRow(ctx, jobNumber, linePhase, lineCostType);
        if (!ph) errors.push(bad('Phase/cost type does not exist on the job', 'CR_Phase_Code'));
        else if (ph.Status_Code === 'C') errors.push(bad('Phase/cost type is Complete', 'CR_Phase_Code'));
      }
    } else if (hasSub) {
      errors.push({
        code: 'M',
        desc: 'A subcontract change needs CR_Phase_Code and CR_Cost_Type',
        column: 'CR_Phase_Code',
      });
    }
    if (hasSub) {
      if (!ctx.has('Subcontractor_Code')) errors.push(missing('Subcontractor_Code'));
      if (!ctx.has('Subcontract_Number')) errors.push(missing('Subcontract_Number'));
      if (ctx.has('Subcontractor_Code') && ctx.has('Subcontract_Number')) {
        const sub = ctx.store.get(T.subcontracts, {
          Company_Code: ctx.company,
          Vendor_Code: ctx.str('Subcontractor_Code'),
          Subcontract_Number: ctx.str('Subcontract_Number'),
        });
        if (!sub) errors.push(bad('Subcontract does not exist', 'Subcontract_Number'));
        else if (sub.Job_Number !== jobNumber)
          errors.push(bad('Subcontract belongs to another job', 'Subcontract_Number'));
      }
      if (ctx.str('Sub_Status') === 'E' && !ctx.has('Sub_Change_Order_Number')) {
        errors.push({
          code: 'M',
          desc: 'Sub_Change_Order_Number is required when Sub_Status is E',
          column: 'Sub_Change_Order_Number',
        });
      }
    }
    // billing line
    const hasBilling = ctx.has('CR_Billing_Item_Code');
    if (hasBilling && contract.Price_Method_Code === 'U' && !ctx.has('CR_Billing_Group_Code')) {
      errors.push({
        code: 'M',
        desc: 'CR_Billing_Group_Code is required on unit-price contracts',
        column: 'CR_Billing_Group_Code',
      });
    } else if (
      hasBilling &&
      !billingItem(ctx, contract, ctx.str('CR_Billing_Group_Code'), ctx.str('CR_Billing_Item_Code'))
    ) {
      errors.push(bad('Billing item does not exist on the contract', 'CR_Billing_Item_Code'));
    }
    if (!hasBilling && (ctx.has('CR_Revenue') || ctx.has('CR_Billing_Group_Code')))
      errors.push(missing('CR_Billing_Item_Code'));
    // cost line duplicates: same phase/cost type again updates the first match; with a different subcontract it is refused
    const costLines = ctx.store.select(T.changeRequestCostLines, key);
    const match = costLines.find((l) => l.Phase_Code === linePhase && l.Cost_Type === lineCostType);
    if (hasCostLine && match && hasSub) {
      const sameSub =
        (match.Subcontractor_Code === '' && match.Subcontract_Number === '') ||
        (match.Subcontractor_Code === ctx.str('Subcontractor_Code') &&
          match.Subcontract_Number === ctx.str('Subcontract_Number'));
      if (!sameSub) errors.push(bad('Duplicate phase/cost type on the change request', 'CR_Phase_Code'));
    }
    if (errors.length) return errors;

    const header = sentColumns(ctx, T.changeRequests, [
      'CR_Description',
      'CR_Status',
      'Cost_Reimbursable_Flag',
      'Origination_Date',
      'Approved_Date',
      'Fee_Percent',
      'Fee_Amount',
    ]);
    if (existing) ctx.store.update(T.changeRequests, key, header);
    else {
      ctx.store.insert(T.changeRequests, {
        ...header,
        ...key,
        Origination_Date: ctx.str('Origination_Date') || isoDay(ctx.now),
      });
    }
    if (hasCostLine) {
      const line = sentColumns(ctx, T.changeRequestCostLines, [
        'Change_Request_Quantity',
        'Change_Request_Hours',
        'Change_Request_Amount',
        'Subcontractor_Code',
        'Subcontract_Number',
        'Sub_Amount',
        'Sub_Status',
        'Sub_Change_Order_Number',
        'Sub_Description',
      ]);
      if (match) ctx.store.update(T.changeRequestCostLines, match, line);
      else {
        const next = costLines.reduce((m, l) => Math.max(m, Number(l.Line_Number)), 0) + 1;
        ctx.store.insert(T.changeRequestCostLines, {
          ...line,
          ...key,
          Line_Number: next,
          Phase_Code: linePhase,
          Cost_Type: lineCostType,
        });
      }
    }
    if (hasBilling) {
      const revenueLines = ctx.store.select(T.changeRequestRevenueLines, key);
      const group = ctx.str('CR_Billing_Group_Code');
      const item = ctx.str('CR_Billing_Item_Code');
      const rev = revenueLines.find((l) => l.Billing_Group_Code === group && l.Billing_Item_Code === item);
      const line = sentColumns(
        ctx,
        T.changeRequestRevenueLines,
        [
          'CR_Billing_Item_Description',
          'CR_Additional_Description',
          'CR_Unit_Price',
          'CR_Quantity',
          'CR_Revenue',
        ],
        {
          CR_Billing_Item_Description: 'Billing_Item_Description',
          CR_Additional_Description: 'Additional_Description',
          CR_Unit_Price: 'Unit_Price',
          CR_Quantity: 'Quantity',
          CR_Revenue: 'Revenue',
        },
      );
      if (!ctx.has('CR_Revenue') && ctx.has('CR_Unit_Price') && ctx.has('CR_Quantity')) {
        line.Revenue = extend(ctx.num('CR_Unit_Price') ?? 0, ctx.num('CR_Quantity') ?? 0);
      }
      if (rev) ctx.store.update(T.changeRequestRevenueLines, rev, line);
      else {
        const next = revenueLines.reduce((m, l) => Math.max(m, Number(l.Line_Number)), 0) + 1;
        ctx.store.insert(T.changeRequestRevenueLines, {
          ...line,
          ...key,
          Line_Number: next,
          Billing_Group_Code: group,
          Billing_Item_Code: item,
        });
      }
    }
    return generated ? [{ code: 'G', desc: number, column: 'Change_Request_Number' }] : [];
  },
};
