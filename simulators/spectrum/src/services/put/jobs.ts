import { isoDay } from '../../formats/spectrum-format.js';
import type { PutReplyRow } from '../../soap/soap-envelope.writer.js';
import type { Row } from '../../store/table-defs.js';
import * as T from '../../store/table-defs.js';
import type { PutContext, PutFieldDef, PutServiceDef } from '../service-types.js';
import {
  bad,
  checkMask,
  code,
  date,
  digits,
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

// ---- AddJob / UpdateJob ---------------------------------------------------------------------

const JOB_FIELDS: PutFieldDef[] = [
  upper('Company_Code', 3),
  code('Job_Number', 10, true),
  text('Job_Description', 25),
  text('Division', 5),
  text('Address_1', 30),
  text('Address_2', 30),
  text('City', 25),
  code('State', 2),
  text('Zip_Code', 10),
  digits('Phone', 14),
  digits('Fax_Phone', 14),
  digits('Job_Site_Phone', 14),
  code('Customer_Code', 10),
  text('Contract_Number', 30),
  code('Job_Type', 10),
  code('Project_Manager', 15),
  code('Superintendent', 15),
  code('Estimator', 15),
  oneOf('Certified_Flag', YN),
  oneOf('Taxable_Flag', YN, true),
  oneOf('Price_Method_Code', ['F', 'T', 'C', 'U'], true),
  code('Tax_Class_Code', 15),
  text('Total_Units', 9),
  text('Unit_of_Measure', 5),
  code('Work_State_Tax_Code', 10),
  num('Original_Contract', '-11.2'),
  code('WO_Site', 10),
  text('Latitude', 11),
  text('Longitude', 11),
  date('Est_Start_Date'),
  date('Est_Complete_Date'),
  date('Start_Date'),
  date('Complete_Date'),
  date('Create_Date'),
  code('Cost_Center', 10),
  code('Master_Job', 10),
  oneOf('Bill_From_Master', YN),
  code('Standard_Phase_Category', 10),
  text('Phase_Display_Code', 20),
  oneOf('Status_Code', ['A', 'I', 'C']),
];

const UPDATE_JOB_FIELDS: PutFieldDef[] = [
  ...JOB_FIELDS.map((f) =>
    f.name === 'Taxable_Flag' || f.name === 'Price_Method_Code' ? { ...f, required: false } : f,
  ),
  text('Owner_Name', 50),
  text('Comment', 125),
  text('Legal_Desc', 350),
];

function checkJobRelations(ctx: PutContext, errors: PutReplyRow[], current?: Row): void {
  if (ctx.has('Master_Job')) {
    const masterNumber = ctx.str('Master_Job');
    const master = job(ctx, masterNumber);
    if (!master || masterNumber === ctx.str('Job_Number'))
      errors.push(bad('Master job does not exist', 'Master_Job'));
    else if (master.Status_Code === 'C') errors.push(bad('Master job is Complete', 'Master_Job'));
  }
  if (ctx.has('Customer_Code')) {
    const c = ctx.store.get(T.customers, {
      Company_Code: ctx.company,
      Customer_Code: ctx.str('Customer_Code'),
    });
    if (!c) errors.push(bad('Customer does not exist', 'Customer_Code'));
  }
  const pick = (name: string): string => (ctx.has(name) ? ctx.str(name) : String(current?.[name] ?? ''));
  const pairs: [string, string][] = [
    ['Est_Start_Date', 'Est_Complete_Date'],
    ['Start_Date', 'Complete_Date'],
  ];
  for (const [start, end] of pairs) {
    const s = pick(start);
    const e = pick(end);
    if (s && e && e < s) errors.push(bad(`${end} must not be before ${start}`, end));
  }
}

/** AddJob/UpdateJob create the AR contract when a customer is given; an existing one is never changed. */
function ensureContract(ctx: PutContext, jobRow: Row): void {
  const customer = String(jobRow.Customer_Code ?? '');
  if (customer === '') return;
  const key = { Company_Code: ctx.company, Job_Number: jobRow.Job_Number, Customer_Code: customer };
  if (ctx.store.get(T.contracts, key)) return;
  ctx.store.insert(T.contracts, {
    ...key,
    Contract_Description: String(jobRow.Job_Description ?? ''),
    Contract_Number: String(jobRow.Contract_Number ?? ''),
    Original_Contract: Number(jobRow.Original_Contract ?? 0),
    Price_Method_Code: String(jobRow.Price_Method_Code ?? ''),
    Status_Code: 'A',
    Approved_Flag: 'N',
  });
}

export const addJob: PutServiceDef = {
  kind: 'put',
  name: 'AddJob',
  fields: JOB_FIELDS,
  execute(ctx) {
    const number = ctx.str('Job_Number');
    if (job(ctx, number)) return [bad('Job number already exists', 'Job_Number')];
    const errors: PutReplyRow[] = [];
    checkJobRelations(ctx, errors);
    if (errors.length) return errors;
    const row: Row = {
      ...sentColumns(
        ctx,
        T.jobs,
        JOB_FIELDS.map((f) => f.name),
      ),
      Company_Code: ctx.company,
      Status_Code: ctx.str('Status_Code') || 'A',
      Create_Date: ctx.str('Create_Date') || isoDay(ctx.now),
    };
    if (ctx.has('Master_Job')) {
      const master = job(ctx, ctx.str('Master_Job')) as Row;
      for (const inherited of [
        'Customer_Code',
        'Tax_Class_Code',
        'Phase_Display_Code',
        'Standard_Phase_Category',
      ]) {
        if (!row[inherited]) row[inherited] = master[inherited] ?? '';
      }
    }
    ctx.store.insert(T.jobs, row);
    ensureContract(ctx, ctx.store.complete(T.jobs, row));
    return [];
  },
};

export const updateJob: PutServiceDef = {
  kind: 'put',
  name: 'UpdateJob',
  fields: UPDATE_JOB_FIELDS,
  execute(ctx) {
    const number = ctx.str('Job_Number');
    const current = job(ctx, number);
    if (!current) return [bad('Job does not exist', 'Job_Number')];
    const errors: PutReplyRow[] = [];
    checkJobRelations(ctx, errors, current);
    if (errors.length) return errors;
    const changes = sentColumns(
      ctx,
      T.jobs,
      UPDATE_JOB_FIELDS.map((f) => f.name),
    );
    ctx.store.update(T.jobs, current, changes);
    ensureContract(ctx, { ...current, ...changes });
    return [];
  },
};

// ---- AddPhase -------------------------------------------------------------------------------

const PHASE_FIELDS: PutFieldDef[] = [
  upper('Company_Code', 3),
  code('Job_Number', 10, true),
  phase('Phase_Code', true),
  code('Cost_Type', 3, true),
  text('Description', 25),
  oneOf('Price_Method_Code', ['F', 'T', 'C', 'U', 'J']),
  num('Original_Est_Quantity', '-8.2'),
  code('Unit_of_Measure', 3),
  num('Original_Est_Cost', '-10.2'),
  num('Original_Est_Hours', '-7.2'),
  code('Bid_Item_Number', 10),
  phase('Alt_Phase_Code'),
  code('Work_Comp_Code', 6),
  code('Phase_Cost_Center', 10),
  num('Current_Est_Hours', '-7.2'),
  num('Current_Est_Quantity', '-8.2'),
  num('Current_Est_Cost', '-10.2'),
  oneOf('Status_Code', ['A', 'I', 'C']),
];

export const addPhase: PutServiceDef = {
  kind: 'put',
  name: 'AddPhase',
  fields: PHASE_FIELDS,
  execute(ctx) {
    const jobNumber = ctx.str('Job_Number');
    const jobRow = job(ctx, jobNumber);
    if (!jobRow) return [bad('Job does not exist', 'Job_Number')];
    if (jobRow.Status_Code === 'C')
      return [bad('Phases cannot be added or changed on a Complete job', 'Job_Number')];
    const errors: PutReplyRow[] = [];
    const phaseCode = ctx.str('Phase_Code');
    const costType = ctx.str('Cost_Type');
    const maskError = checkMask(jobRow, phaseCode, 'Phase_Code');
    if (maskError) errors.push(maskError);
    if (!ctx.store.get(T.costTypes, { Company_Code: ctx.company, Cost_Type: costType })) {
      errors.push(bad('Cost type does not exist', 'Cost_Type'));
    }
    const existing = phaseRow(ctx, jobNumber, phaseCode, costType);
    if (!existing) {
      if (!ctx.has('Description')) errors.push(missing('Description'));
      if (!ctx.has('Price_Method_Code')) errors.push(missing('Price_Method_Code'));
    }
    if (errors.length) return errors;
    const changes = sentColumns(
      ctx,
      T.phases,
      PHASE_FIELDS.map((f) => f.name),
    );
    if (changes.Price_Method_Code === 'J') changes.Price_Method_Code = String(jobRow.Price_Method_Code ?? '');
    const siblings = ctx.store.select(T.phases, {
      Company_Code: ctx.company,
      Job_Number: jobNumber,
      Phase_Code: phaseCode,
    });
    if (!existing) {
      // The description belongs to the phase: the first cost type's description wins on add.
      const first = siblings[0];
      if (first) changes.Description = first.Description ?? '';
      for (const [cur, orig] of [
        ['Current_Est_Quantity', 'Original_Est_Quantity'],
        ['Current_Est_Hours', 'Original_Est_Hours'],
        ['Current_Est_Cost', 'Original_Est_Cost'],
      ] as const) {
        if (changes[cur] === undefined && changes[orig] !== undefined) changes[cur] = changes[orig];
      }
      ctx.store.insert(T.phases, {
        ...changes,
        Company_Code: ctx.company,
        Status_Code: ctx.str('Status_Code') || 'A',
      });
      return [];
    }
    ctx.store.update(T.phases, existing, changes);
    if (changes.Description !== undefined) {
      // A different description on update rewrites every cost type of the phase.
      for (const s of siblings) {
        if (s.Cost_Type !== costType && s.Description !== changes.Description) {
          ctx.store.update(T.phases, s, { Description: changes.Description });
        }
      }
    }
    return [];
  },
};

// ---- JobCostProjections ---------------------------------------------------------------------

export const jobCostProjections: PutServiceDef = {
  kind: 'put',
  name: 'JobCostProjections',
  fields: [
    upper('Company_Code', 3),
    code('Job_Number', 10, true),
    phase('Phase_Code', true),
    code('Cost_Type', 3, true),
    date('Transaction_Date', true),
    num('Amount', '-10.2'),
    num('Projected_Hours', '-10.2'),
    num('Projected_Quantity', '-10.2'),
    text('Note', 80),
    code('Operator', 3),
  ],
  execute(ctx) {
    const jobNumber = ctx.str('Job_Number');
    const jobRow = job(ctx, jobNumber);
    if (!jobRow) return [bad('Job does not exist', 'Job_Number')];
    const errors: PutReplyRow[] = [];
    const maskError = checkMask(jobRow, ctx.str('Phase_Code'), 'Phase_Code');
    if (maskError) errors.push(maskError);
    const row = phaseRow(ctx, jobNumber, ctx.str('Phase_Code'), ctx.str('Cost_Type'));
    if (!row && !maskError) errors.push(bad('Phase/cost type does not exist on the job', 'Phase_Code'));
    if (!ctx.has('Amount') && !ctx.has('Projected_Hours') && !ctx.has('Projected_Quantity')) {
      errors.push({
        code: 'M',
        desc: 'At least one of Amount, Projected_Hours or Projected_Quantity is required',
        column: 'Amount',
      });
    }
    if (errors.length || !row) return errors;
    const changes: Row = {};
    if (ctx.has('Amount')) changes.Projected_Dollars = ctx.num('Amount') ?? 0;
    if (ctx.has('Projected_Hours')) changes.Projected_Hours = ctx.num('Projected_Hours') ?? 0;
    if (ctx.has('Projected_Quantity')) changes.Projected_Quantity = ctx.num('Projected_Quantity') ?? 0;
    ctx.store.update(T.phases, row, changes);
    const next = ctx.store.maxInt(T.projections, 'Projection_Number', { Company_Code: ctx.company }) + 1;
    ctx.store.insert(T.projections, {
      Company_Code: ctx.company,
      Projection_Number: next,
      Job_Number: jobNumber,
      Phase_Code: ctx.str('Phase_Code'),
      Cost_Type: ctx.str('Cost_Type'),
      Transaction_Date: ctx.str('Transaction_Date'),
      Amount: ctx.num('Amount') ?? 0,
      Projected_Hours: ctx.num('Projected_Hours') ?? 0,
      Projected_Quantity: ctx.num('Projected_Quantity') ?? 0,
      Note: ctx.str('Note'),
      Operator: ctx.str('Operator'),
    });
    return [];
  },
};
