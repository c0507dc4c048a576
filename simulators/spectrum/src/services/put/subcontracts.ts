import { isoDay } from '../../formats/spectrum-format.js';
import type { PutReplyRow } from '../../soap/soap-envelope.writer.js';
import * as T from '../../store/table-defs.js';
import type { PutServiceDef } from '../service-types.js';
import {
  bad,
  code,
  date,
  digits,
  extend,
  job,
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

// ---- UpdateSubcontract / UpdateSubcontractPhases --------------------------------------------

export const updateSubcontract: PutServiceDef = {
  kind: 'put',
  name: 'UpdateSubcontract',
  fields: [
    upper('Company_Code', 3),
    upper('Vendor_Code', 10, true),
    code('Subcontract_Number', 10, true),
    code('Job_Number', 10),
    digits('GL_Account', 12),
    phase('Default_Phase_Code'),
    code('Default_Cost_Type', 3),
    oneOf('Status_Code', ['A', 'I', 'C']),
    code('Contract_Type', 15),
    oneOf('Insurance_Cert_Flag', ['Y', 'N', 'A']),
    date('Sent_Date'),
    date('Date_Issued'),
    text('Contact_Person', 20),
    oneOf('Unit_Price_Flag', YN),
    text('Comment', 120),
    num('Retention_Percent', '3.2'),
  ],
  execute(ctx) {
    const vendor = ctx.store.get(T.vendors, {
      Company_Code: ctx.company,
      Vendor_Code: ctx.str('Vendor_Code'),
    });
    if (!vendor) return [bad('Vendor does not exist', 'Vendor_Code')];
    const key = {
      Company_Code: ctx.company,
      Vendor_Code: ctx.str('Vendor_Code'),
      Subcontract_Number: ctx.str('Subcontract_Number'),
    };
    const existing = ctx.store.get(T.subcontracts, key);
    const errors: PutReplyRow[] = [];
    const jobNumber = existing ? String(existing.Job_Number) : ctx.str('Job_Number');
    if (existing) {
      if (ctx.has('Job_Number') && ctx.str('Job_Number') !== existing.Job_Number) {
        errors.push(bad('Job_Number cannot be changed on an existing subcontract', 'Job_Number'));
      }
    } else {
      if (!ctx.has('Job_Number')) errors.push(missing('Job_Number'));
      if (!ctx.has('GL_Account')) errors.push(missing('GL_Account'));
      if (vendor.Status !== 'A') errors.push(bad('Vendor is not active', 'Vendor_Code'));
    }
    const jobRow = jobNumber ? job(ctx, jobNumber) : undefined;
    if (jobNumber && !jobRow) errors.push(bad('Job does not exist', 'Job_Number'));
    else if (jobRow && !existing && jobRow.Status_Code === 'C')
      errors.push(bad('Job is Complete', 'Job_Number'));
    if (jobRow && ctx.has('Default_Phase_Code')) {
      const phases = ctx.store.select(T.phases, {
        Company_Code: ctx.company,
        Job_Number: jobNumber,
        Phase_Code: ctx.str('Default_Phase_Code'),
      });
      if (phases.length === 0)
        errors.push(bad('Default phase does not exist on the job', 'Default_Phase_Code'));
      else if (
        ctx.has('Default_Cost_Type') &&
        !phases.some((p) => p.Cost_Type === ctx.str('Default_Cost_Type'))
      ) {
        errors.push(bad('Default cost type does not exist on the job phase', 'Default_Cost_Type'));
      }
    } else if (ctx.has('Default_Cost_Type')) {
      if (
        !ctx.store.get(T.costTypes, { Company_Code: ctx.company, Cost_Type: ctx.str('Default_Cost_Type') })
      ) {
        errors.push(bad('Cost type does not exist', 'Default_Cost_Type'));
      }
    }
    if (errors.length) return errors;
    const changes = sentColumns(
      ctx,
      T.subcontracts,
      this.fields.map((f) => f.name),
    );
    if (ctx.has('Comment')) {
      const comment = ctx.str('Comment');
      changes.Comment_1 = comment.slice(0, 60);
      changes.Comment_2 = comment.slice(60, 120);
    }
    if (existing) ctx.store.update(T.subcontracts, key, changes);
    else {
      ctx.store.insert(T.subcontracts, {
        ...changes,
        ...key,
        Status_Code: ctx.str('Status_Code') || 'A',
        Date_Issued: ctx.str('Date_Issued') || isoDay(ctx.now),
      });
    }
    return [];
  },
};

export const updateSubcontractPhases: PutServiceDef = {
  kind: 'put',
  name: 'UpdateSubcontractPhases',
  fields: [
    upper('Company_Code', 3),
    upper('Vendor_Code', 10, true),
    code('Subcontract_Number', 10, true),
    phase('Phase_Code'),
    code('Cost_Type', 3),
    code('Bid_Item_Number', 10),
    text('Bill_Description', 25),
    code('Unit_Of_Measure', 3),
    oneOf('Retention_Flag', YN),
    num('Unit_Price', '-6.4', 4),
    num('Original_Contract_Quantity', '-8.2'),
    num('Original_Contract_Amount', '-9.2'),
  ],
  execute(ctx) {
    const key = {
      Company_Code: ctx.company,
      Vendor_Code: ctx.str('Vendor_Code'),
      Subcontract_Number: ctx.str('Subcontract_Number'),
    };
    const sub = ctx.store.get(T.subcontracts, key);
    if (!sub) return [bad('Subcontract does not exist', 'Subcontract_Number')];
    const phaseCode = ctx.str('Phase_Code') || String(sub.Default_Phase_Code ?? '');
    const costType = ctx.str('Cost_Type') || String(sub.Default_Cost_Type ?? '');
    const errors: PutReplyRow[] = [];
    if (!phaseCode) errors.push(missing('Phase_Code'));
    if (!costType) errors.push(missing('Cost_Type'));
    if (errors.length) return errors;
    const jobNumber = String(sub.Job_Number);
    if (!phaseRow(ctx, jobNumber, phaseCode, costType)) {
      return [bad(`Phase/cost type does not exist on job ${jobNumber}`, 'Phase_Code')];
    }
    const lineKey = {
      ...key,
      Phase_Code: phaseCode,
      Cost_Type: costType,
      Bid_Item_Number: ctx.str('Bid_Item_Number'),
    };
    const changes = sentColumns(ctx, T.subcontractLines, [
      'Bill_Description',
      'Unit_Of_Measure',
      'Retention_Flag',
      'Unit_Price',
      'Original_Contract_Quantity',
      'Original_Contract_Amount',
    ]);
    if (ctx.has('Unit_Price') && ctx.has('Original_Contract_Quantity')) {
      changes.Original_Contract_Amount = extend(
        ctx.num('Unit_Price') ?? 0,
        ctx.num('Original_Contract_Quantity') ?? 0,
      );
    }
    const existing = ctx.store.get(T.subcontractLines, lineKey);
    if (existing) ctx.store.update(T.subcontractLines, lineKey, changes);
    else ctx.store.insert(T.subcontractLines, { ...changes, ...lineKey, Job_Number: jobNumber });
    const total = ctx.store
      .select(T.subcontractLines, key)
      .reduce((sum, line) => sum + Number(line.Original_Contract_Amount ?? 0), 0);
    ctx.store.update(T.subcontracts, key, { Original_Amount: total });
    return [];
  },
};
