import { isoDay, maskCapacity } from '../formats/spectrum-format.js';
import type { PutReplyRow } from '../soap/soap-envelope.writer.js';
import type { Row, TableDef } from '../store/table-defs.js';
import * as T from '../store/table-defs.js';
import type { PutContext, PutFieldDef, PutServiceDef } from './service-types.js';

// ---- field builders -------------------------------------------------------------------------

const text = (name: string, max: number, required = false): PutFieldDef => ({
  name,
  max,
  kind: 'text',
  required,
});
const code = (name: string, max: number, required = false): PutFieldDef => ({
  name,
  max,
  kind: 'code',
  required,
});
const upper = (name: string, max: number, required = false): PutFieldDef => ({
  name,
  max,
  kind: 'upper',
  required,
});
const phase = (name: string, required = false): PutFieldDef => ({ name, max: 20, kind: 'phase', required });
const digits = (name: string, max: number): PutFieldDef => ({ name, max, kind: 'digits' });
const date = (name: string, required = false): PutFieldDef => ({ name, max: 10, kind: 'date', required });
const num = (name: string, format: string, scale = 2): PutFieldDef => ({
  name,
  max: 24,
  kind: 'num',
  format,
  scale,
});
const int = (name: string, max: number): PutFieldDef => ({ name, max, kind: 'int' });
const oneOf = (name: string, values: readonly string[], required = false): PutFieldDef => ({
  name,
  max: Math.max(...values.map((v) => v.length)),
  kind: 'set',
  values,
  required,
});
const YN = ['Y', 'N'] as const;

// ---- helpers --------------------------------------------------------------------------------

const bad = (desc: string, column: string): PutReplyRow => ({ code: 'I', desc, column });
const missing = (column: string): PutReplyRow => ({ code: 'M', desc: `${column} is required`, column });

/** Values of the given put fields that were sent (non-blank), renamed where the column differs. */
function sentColumns(
  ctx: PutContext,
  def: TableDef,
  names: readonly string[],
  rename: Record<string, string> = {},
): Row {
  const out: Row = {};
  for (const name of names) {
    if (!ctx.has(name)) continue;
    const column = rename[name] ?? name;
    if (!def.columns.some((c) => c.name === column)) continue;
    out[column] = ctx.value[name] as string | number;
  }
  return out;
}

function job(ctx: PutContext, jobNumber: string): Row | undefined {
  return ctx.store.get(T.jobs, { Company_Code: ctx.company, Job_Number: jobNumber });
}

function phaseRow(ctx: PutContext, jobNumber: string, phaseCode: string, costType: string): Row | undefined {
  return ctx.store.get(T.phases, {
    Company_Code: ctx.company,
    Job_Number: jobNumber,
    Phase_Code: phaseCode,
    Cost_Type: costType,
  });
}

function checkMask(jobRow: Row, phaseCode: string, column: string): PutReplyRow | undefined {
  const mask = String(jobRow.Phase_Display_Code ?? '');
  if (mask !== '' && phaseCode.length > maskCapacity(mask)) {
    return bad(`${column} does not match the job's phase mask ${mask}`, column);
  }
  return undefined;
}

/** Price (scale 4) × quantity (scale 2) → cents, rounded half away from zero. */
function extend(unitPrice: number, quantity: number): number {
  const raw = unitPrice * quantity; // scale 6
  const sign = raw < 0 ? -1 : 1;
  return sign * Math.round(Math.abs(raw) / 10000);
}

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

// ---- AddVendor / UpdateVendor ---------------------------------------------------------------

const VENDOR_COMMON: PutFieldDef[] = [text('Address_1', 30), text('Address_2', 30)];

export const addVendor: PutServiceDef = {
  kind: 'put',
  name: 'AddVendor',
  fields: [
    upper('Company_Code', 3),
    upper('Vendor_Code', 10, true),
    text('Vendor_Name', 30, true),
    code('Alpha_Sort', 6, true),
    code('Type', 6),
    ...VENDOR_COMMON,
    text('Address_3', 25),
    code('State', 2),
    text('Zip_Code', 10),
    digits('Phone', 14),
    digits('Fax_Phone', 14),
    text('Contact_Name', 20),
    text('Our_Account_Number', 25),
    oneOf('Terms_Code', ['A', 'B'], true),
    { ...int('Terms_Days', 3), required: true },
    oneOf('Terms_Disc_Code', ['A', 'B'], true),
    int('Terms_Disc_Days', 3),
    num('Terms_Disc_Percent', '3.2'),
    oneOf('Insurance_Cert_Flag', YN),
    date('Insurance_Exp_Date'),
    oneOf('Hold_Flag', YN),
    digits('Default_GL_Account', 12),
    text('Vendor_Email', 80),
    digits('Contact_Phone', 14),
  ],
  execute(ctx) {
    const key = { Company_Code: ctx.company, Vendor_Code: ctx.str('Vendor_Code') };
    if (ctx.store.get(T.vendors, key)) return [bad('Vendor already exists', 'Vendor_Code')];
    const row = sentColumns(
      ctx,
      T.vendors,
      this.fields.map((f) => f.name),
    );
    ctx.store.insert(T.vendors, { ...row, ...key, Status: 'A', Hold_Flag: ctx.str('Hold_Flag') || 'N' });
    return [];
  },
};

export const updateVendor: PutServiceDef = {
  kind: 'put',
  name: 'UpdateVendor',
  fields: [
    upper('Company_Code', 3),
    upper('Vendor_Code', 10, true),
    text('Vendor_Name', 30),
    code('Alpha_Sort', 6),
    code('Type', 6),
    ...VENDOR_COMMON,
    text('City', 25),
    code('State', 2),
    text('Zip_Code', 10),
    text('Addr_Country', 25),
    digits('Phone', 14),
    digits('Fax_Phone', 14),
    text('Contact_Name', 20),
    oneOf('Terms_Code', ['A', 'B']),
    int('Terms_Days', 3),
    oneOf('Terms_Disc_Code', ['A', 'B']),
    int('Terms_Disc_Days', 3),
    num('Terms_Disc_Percent', '3.2'),
    oneOf('Hold_Flag', YN),
    digits('Default_GL_Account', 12),
    text('Vendor_Email', 80),
    text('Web_Site', 80),
    oneOf('Status', ['A', 'I', 'N']),
  ],
  execute(ctx) {
    const key = { Company_Code: ctx.company, Vendor_Code: ctx.str('Vendor_Code') };
    const current = ctx.store.get(T.vendors, key);
    if (!current) return [bad('Vendor does not exist', 'Vendor_Code')];
    const changes = sentColumns(
      ctx,
      T.vendors,
      this.fields.map((f) => f.name),
      { City: 'Address_3' },
    );
    ctx.store.update(T.vendors, key, changes);
    return [];
  },
};

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

// ---- ARChangeRequest / ARChangeOrder --------------------------------------------------------

function contractFor(ctx: PutContext, errors: PutReplyRow[]): Row | undefined {
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
function billingItem(ctx: PutContext, contract: Row, group: string, item: string): Row | undefined {
  const itemKey = contract.Price_Method_Code === 'U' ? `${group}${item}` : item;
  return ctx.store.get(T.contractItems, {
    Company_Code: ctx.company,
    Job_Number: contract.Job_Number,
    Customer_Code: contract.Customer_Code,
    Billing_Item: itemKey,
  });
}

function statusRow(ctx: PutContext, status: string): Row | undefined {
  return ctx.store.get(T.changeRequestStatuses, { Company_Code: ctx.company, Status_Code: status });
}

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

// ---- AddCustomer ----------------------------------------------------------------------------

export const addCustomer: PutServiceDef = {
  kind: 'put',
  name: 'AddCustomer',
  fields: [
    upper('Company_Code', 3),
    upper('Customer_Code', 10, true),
    text('Name', 30),
    code('Terms_Code', 1),
    code('Sales_Tax_Code', 15),
    code('Alpha_Sort', 8),
    code('Type', 10),
    text('Address_1', 30),
    text('Address_2', 30),
    text('City', 25),
    code('State', 2),
    text('Zip_Code', 10),
    digits('Phone', 14),
    digits('Fax_Phone', 14),
    text('Contact_1', 20),
    text('Contact_2', 20),
    text('Contact_3', 20),
    oneOf('Taxable_Flag', YN),
    oneOf('Price_Level_Material', ['1', '2', '3', '4', '5']),
    text('Customer_Email', 70),
    oneOf('Status', ['A', 'I', 'N']),
  ],
  execute(ctx) {
    const key = { Company_Code: ctx.company, Customer_Code: ctx.str('Customer_Code') };
    const existing = ctx.store.get(T.customers, key);
    const changes = sentColumns(
      ctx,
      T.customers,
      this.fields.map((f) => f.name),
      { Phone: 'Phone_Number', Customer_Email: 'Email1' },
    );
    if (existing) {
      ctx.store.update(T.customers, key, changes);
      return [];
    }
    const errors: PutReplyRow[] = [];
    for (const required of ['Name', 'Terms_Code', 'Sales_Tax_Code'])
      if (!ctx.has(required)) errors.push(missing(required));
    if (errors.length) return errors;
    ctx.store.insert(T.customers, { ...changes, ...key, Status: ctx.str('Status') || 'A' });
    return [];
  },
};

export const PUT_SERVICES: readonly PutServiceDef[] = [
  addJob,
  updateJob,
  addPhase,
  jobCostProjections,
  addVendor,
  updateVendor,
  updateSubcontract,
  updateSubcontractPhases,
  arChangeRequest,
  arChangeOrder,
  addCustomer,
];
