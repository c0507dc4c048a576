import { compareCodes, formatWireDate, formatWireNumber } from '../formats/spectrum-format.js';
import type { Row } from '../store/table-defs.js';
import * as T from '../store/table-defs.js';
import type { GetResult, GetServiceDef, ServiceContext } from './service-types.js';
import { compileSuperSelect, type SuperSelect } from './superselect.js';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown): string => formatWireNumber(Number(v ?? 0));
const date = (v: unknown): string => formatWireDate(v as string | null);

/** Blank = Active and Inactive; A, I or C = that status only. Undefined when the value is invalid. */
function statusFilter(value: string): ReadonlySet<string> | undefined {
  if (value === '') return new Set(['A', 'I']);
  if (value === 'A' || value === 'I' || value === 'C') return new Set([value]);
  return undefined;
}

function costCenterFilter(value: string): (cc: string) => boolean {
  if (value === '' || value.toUpperCase() === 'ALL') return () => true;
  return (cc) => cc === value;
}

const JOB_PARAMS = [
  'pCompany_Code',
  'pDivision',
  'pStatus_Code',
  'pProject_Manager',
  'pSuperintendent',
  'pEstimator',
  'pCustomer_Code',
  'pCost_Center',
  'pSort_By',
] as const;

const JOB_SORT_COLUMNS: Record<string, string> = {
  D: 'Division',
  P: 'Project_Manager',
  S: 'Superintendent',
  E: 'Estimator',
  C: 'Customer_Code',
};

/** The jobs a GetJob-family call selects, sorted as Spectrum sorts them. */
function selectJobs(
  ctx: ServiceContext,
  p: Record<string, string>,
): Row[] | { description: string; column: string } {
  const status = statusFilter(p.pStatus_Code ?? '');
  if (!status) return { description: 'Invalid Status Code', column: 'pStatus_Code' };
  const sortBy = p.pSort_By ?? '';
  if (sortBy !== '' && !JOB_SORT_COLUMNS[sortBy])
    return { description: 'Invalid Sort By', column: 'pSort_By' };
  const filters: [string, SuperSelect][] = [
    ['Division', compileSuperSelect(p.pDivision ?? '')],
    ['Project_Manager', compileSuperSelect(p.pProject_Manager ?? '')],
    ['Superintendent', compileSuperSelect(p.pSuperintendent ?? '')],
    ['Estimator', compileSuperSelect(p.pEstimator ?? '')],
    ['Customer_Code', compileSuperSelect(p.pCustomer_Code ?? '')],
  ];
  const active = filters.filter(([, f]) => !f.all);
  const cc = costCenterFilter(p.pCost_Center ?? '');
  const rows: Row[] = [];
  for (const job of ctx.store.iterate(T.jobs, { Company_Code: ctx.company })) {
    if (!status.has(str(job.Status_Code))) continue;
    if (!cc(str(job.Cost_Center))) continue;
    if (!active.every(([col, f]) => f.matches(str(job[col])))) continue;
    rows.push(job);
  }
  const sortColumn = JOB_SORT_COLUMNS[sortBy];
  rows.sort((a, b) => {
    if (sortColumn) {
      const c = compareCodes(str(a[sortColumn]), str(b[sortColumn]));
      if (c !== 0) return c;
    }
    return compareCodes(str(a.Job_Number), str(b.Job_Number));
  });
  return rows;
}

function jobService(
  name: string,
  fields: readonly { name: string; max: number }[],
  value: (job: Row, ctx: ServiceContext) => string[],
  dateFields?: ReadonlySet<string>,
): GetServiceDef {
  const def: GetServiceDef = {
    kind: 'get',
    name,
    params: JOB_PARAMS,
    fields,
    blankErrorStyle: 'self',
    blankDateStyle: 'self',
    run(ctx, p, limit): GetResult {
      const jobs = selectJobs(ctx, p);
      if (!Array.isArray(jobs)) return { error: jobs };
      return { rows: jobs.slice(0, limit).map((j) => value(j, ctx)), more: jobs.length > limit };
    },
  };
  if (dateFields) def.dateFields = dateFields;
  return def;
}

export const getJob = jobService(
  'GetJob',
  [
    { name: 'Company_Code', max: 3 },
    { name: 'Job_Number', max: 10 },
    { name: 'Job_Description', max: 25 },
    { name: 'Division', max: 5 },
    { name: 'Address_1', max: 30 },
    { name: 'Address_2', max: 30 },
    { name: 'City', max: 25 },
    { name: 'State', max: 2 },
    { name: 'Zip_Code', max: 10 },
    { name: 'Project_Manager', max: 15 },
    { name: 'Superintendent', max: 15 },
    { name: 'Estimator', max: 15 },
    { name: 'Certified_Flag', max: 1 },
    { name: 'Customer_Code', max: 10 },
    { name: 'Status_Code', max: 1 },
    { name: 'Work_State_Tax_Code', max: 10 },
    { name: 'Contract_Number', max: 15 },
    { name: 'Cost_Center', max: 10 },
  ],
  (j) => [
    str(j.Company_Code),
    str(j.Job_Number),
    str(j.Job_Description),
    str(j.Division),
    str(j.Address_1),
    str(j.Address_2),
    str(j.City),
    str(j.State),
    str(j.Zip_Code),
    str(j.Project_Manager),
    str(j.Superintendent),
    str(j.Estimator),
    str(j.Certified_Flag),
    str(j.Customer_Code),
    str(j.Status_Code),
    str(j.Work_State_Tax_Code),
    str(j.Contract_Number),
    str(j.Cost_Center),
  ],
);

const placeholders = ['Field_1', 'Field_2', 'Field_3', 'Field_4', 'Field_5'].map((name) => ({
  name,
  max: 30,
}));

export const getJobMain = jobService(
  'GetJobMain',
  [
    { name: 'Company_Code', max: 3 },
    { name: 'Job_Number', max: 10 },
    { name: 'Job_Description', max: 25 },
    { name: 'Division', max: 5 },
    { name: 'Address_1', max: 30 },
    { name: 'Address_2', max: 30 },
    { name: 'City', max: 25 },
    { name: 'State', max: 2 },
    { name: 'Zip_Code', max: 10 },
    { name: 'Phone', max: 14 },
    { name: 'Fax_Phone', max: 14 },
    { name: 'Job_Site_Phone', max: 14 },
    { name: 'Customer_Code', max: 10 },
    { name: 'Customer_Name', max: 30 },
    { name: 'Original_Contract', max: 14 },
    { name: 'Contract_Number', max: 30 },
    { name: 'Owner_Name', max: 50 },
    { name: 'WO_Site', max: 10 },
    { name: 'Comment', max: 250 },
    { name: 'Price_Method_Code', max: 1 },
    { name: 'Total_Units', max: 9 },
    { name: 'Unit_of_Measure', max: 5 },
    { name: 'Status_Code', max: 1 },
    { name: 'Latitude', max: 11 },
    { name: 'Longitude', max: 11 },
    { name: 'Legal_Desc', max: 350 },
    { name: 'Cost_Center', max: 10 },
    ...placeholders,
  ],
  (j, ctx) => {
    const customer = j.Customer_Code
      ? ctx.store.get(T.customers, { Company_Code: ctx.company, Customer_Code: j.Customer_Code })
      : undefined;
    return [
      str(j.Company_Code),
      str(j.Job_Number),
      str(j.Job_Description),
      str(j.Division),
      str(j.Address_1),
      str(j.Address_2),
      str(j.City),
      str(j.State),
      str(j.Zip_Code),
      str(j.Phone),
      str(j.Fax_Phone),
      str(j.Job_Site_Phone),
      str(j.Customer_Code),
      str(customer?.Name),
      num(j.Original_Contract),
      str(j.Contract_Number),
      str(j.Owner_Name),
      str(j.WO_Site),
      str(j.Comment),
      str(j.Price_Method_Code),
      str(j.Total_Units),
      str(j.Unit_of_Measure),
      str(j.Status_Code),
      str(j.Latitude),
      str(j.Longitude),
      str(j.Legal_Desc),
      str(j.Cost_Center),
      '',
      '',
      '',
      '',
      '',
    ];
  },
);

const JOB_DATE_FIELDS = [
  'Est_Start_Date',
  'Est_Complete_Date',
  'Projected_Complete_Date',
  'Create_Date',
  'Start_Date',
  'Complete_Date',
];

export const getJobDates = jobService(
  'GetJobDates',
  [
    { name: 'Company_Code', max: 3 },
    { name: 'Job_Number', max: 10 },
    { name: 'Job_Description', max: 25 },
    ...JOB_DATE_FIELDS.map((name) => ({ name, max: 10 })),
    ...placeholders,
  ],
  (j) => [
    str(j.Company_Code),
    str(j.Job_Number),
    str(j.Job_Description),
    ...JOB_DATE_FIELDS.map((f) => date(j[f])),
    '',
    '',
    '',
    '',
    '',
  ],
  new Set(JOB_DATE_FIELDS),
);

const PHASE_FIELDS = [
  { name: 'Company_Code', max: 3 },
  { name: 'Job_Number', max: 10 },
  { name: 'Phase_Code', max: 20 },
  { name: 'Cost_Type', max: 3 },
  { name: 'Description', max: 25 },
  { name: 'Status_Code', max: 1 },
  { name: 'Unit_of_Measure', max: 3 },
  { name: 'JTD_Quantity', max: 11 },
  { name: 'JTD_Hours', max: 10 },
  { name: 'JTD_Actual_Dollars', max: 12 },
  { name: 'Projected_Quantity', max: 11 },
  { name: 'Projected_Hours', max: 10 },
  { name: 'Projected_Dollars', max: 12 },
  { name: 'Estimated_Quantity', max: 11 },
  { name: 'Estimated_Hours', max: 10 },
  { name: 'Current_Estimate_Dollars', max: 12 },
  { name: 'Cost_Center', max: 10 },
] as const;

const PHASE_ORDER_DEFAULT =
  'length("Job_Number"), "Job_Number", length("Phase_Code"), "Phase_Code", length("Cost_Type"), "Cost_Type"';
const PHASE_ORDER_COST_TYPE =
  'length("Cost_Type"), "Cost_Type", length("Job_Number"), "Job_Number", length("Phase_Code"), "Phase_Code"';

function phaseService(name: string, enhanced: boolean): GetServiceDef {
  const fields = enhanced
    ? [
        ...PHASE_FIELDS,
        { name: 'Price_Method_Code', max: 1 },
        { name: 'Complete_Date', max: 10 },
        { name: 'Start_Date', max: 10 },
        { name: 'End_Date', max: 10 },
        { name: 'Comment', max: 250 },
      ]
    : [...PHASE_FIELDS];
  const def: GetServiceDef = {
    kind: 'get',
    name,
    params: ['pCompany_Code', 'pCost_Type', 'pJob_Number', 'pStatus_Code', 'pCost_Center', 'pSort_By'],
    fields,
    blankErrorStyle: 'space',
    blankDateStyle: enhanced ? 'open' : 'self',
    run(ctx, p, limit): GetResult {
      const status = statusFilter(p.pStatus_Code ?? '');
      if (!status) return { error: { description: 'Invalid Status Code', column: 'pStatus_Code' } };
      const sortBy = p.pSort_By ?? '';
      if (sortBy !== '' && sortBy !== 'C')
        return { error: { description: 'Invalid Sort By', column: 'pSort_By' } };
      const jobSel = compileSuperSelect(p.pJob_Number ?? '');
      const ctSel = compileSuperSelect(p.pCost_Type ?? '');
      const cc = costCenterFilter(p.pCost_Center ?? '');
      const where: Row = { Company_Code: ctx.company };
      if (jobSel.exact !== undefined) where.Job_Number = jobSel.exact;
      if (ctSel.exact !== undefined) where.Cost_Type = ctSel.exact;
      const jobCostCenters = new Map<string, string>();
      const jobCostCenter = (job: string): string => {
        let v = jobCostCenters.get(job);
        if (v === undefined) {
          v = str(ctx.store.get(T.jobs, { Company_Code: ctx.company, Job_Number: job })?.Cost_Center);
          jobCostCenters.set(job, v);
        }
        return v;
      };
      const rows: string[][] = [];
      let more = false;
      const order = sortBy === 'C' ? PHASE_ORDER_COST_TYPE : PHASE_ORDER_DEFAULT;
      for (const ph of ctx.store.iterate(T.phases, where, order)) {
        if (!status.has(str(ph.Status_Code))) continue;
        if (!jobSel.all && !jobSel.matches(str(ph.Job_Number))) continue;
        if (!ctSel.all && !ctSel.matches(str(ph.Cost_Type))) continue;
        const costCenter = str(ph.Phase_Cost_Center) || jobCostCenter(str(ph.Job_Number));
        if (!cc(costCenter)) continue;
        if (rows.length === limit) {
          more = true;
          break;
        }
        const values = [
          str(ph.Company_Code),
          str(ph.Job_Number),
          str(ph.Phase_Code),
          str(ph.Cost_Type),
          str(ph.Description),
          str(ph.Status_Code),
          str(ph.Unit_of_Measure),
          num(ph.JTD_Quantity),
          num(ph.JTD_Hours),
          num(ph.JTD_Actual_Dollars),
          num(ph.Projected_Quantity),
          num(ph.Projected_Hours),
          num(ph.Projected_Dollars),
          num(ph.Current_Est_Quantity),
          num(ph.Current_Est_Hours),
          num(ph.Current_Est_Cost),
          costCenter,
        ];
        if (enhanced) {
          values.push(
            str(ph.Price_Method_Code),
            date(ph.Complete_Date),
            date(ph.Start_Date),
            date(ph.End_Date),
            str(ph.Comment),
          );
        }
        rows.push(values);
      }
      return { rows, more };
    },
  };
  if (enhanced) def.dateFields = new Set(['Complete_Date', 'Start_Date', 'End_Date']);
  return def;
}

export const getPhase = phaseService('GetPhase', false);
export const getPhaseEnhanced = phaseService('GetPhaseEnhanced', true);

const CUSTOMER_STATUS_WORDS: Record<string, string> = { A: 'Active', I: 'Inactive', N: 'Not Used' };

export const getCustomers: GetServiceDef = {
  kind: 'get',
  name: 'GetCustomers',
  params: ['pCompany_Code', 'pStatus'],
  fields: [
    { name: 'Company_Code', max: 3 },
    { name: 'Customer_Code', max: 10 },
    { name: 'Name', max: 30 },
    { name: 'Address_1', max: 30 },
    { name: 'Address_2', max: 30 },
    { name: 'City', max: 25 },
    { name: 'State', max: 2 },
    { name: 'Zip_Code', max: 10 },
    { name: 'First_Name', max: 20 },
    { name: 'Last_Name', max: 30 },
    { name: 'Phone_Number', max: 14 },
    { name: 'Email1', max: 80 },
    { name: 'Price_Level_Material', max: 1 },
    { name: 'Taxable_Flag', max: 1 },
    { name: 'Status', max: 10 },
  ],
  blankErrorStyle: 'self',
  blankDateStyle: 'self',
  run(ctx, p, limit): GetResult {
    const s = (p.pStatus ?? '').toUpperCase();
    let statuses: ReadonlySet<string>;
    if (s === '') statuses = new Set(['A']);
    else if (s === 'I') statuses = new Set(['A', 'I']);
    else if (s === 'ALL') statuses = new Set(['A', 'I', 'N']);
    else return { error: { description: 'Invalid Status', column: 'pStatus' } };
    const rows = ctx.store
      .select(T.customers, { Company_Code: ctx.company })
      .filter((c) => statuses.has(str(c.Status)))
      .sort((a, b) => compareCodes(str(a.Customer_Code), str(b.Customer_Code)));
    return {
      more: rows.length > limit,
      rows: rows
        .slice(0, limit)
        .map((c) => [
          str(c.Company_Code),
          str(c.Customer_Code),
          str(c.Name),
          str(c.Address_1),
          str(c.Address_2),
          str(c.City),
          str(c.State),
          str(c.Zip_Code),
          str(c.First_Name),
          str(c.Last_Name),
          str(c.Phone_Number),
          str(c.Email1),
          str(c.Price_Level_Material),
          str(c.Taxable_Flag),
          CUSTOMER_STATUS_WORDS[str(c.Status)] ?? '',
        ]),
    };
  },
};

export const GET_SERVICES: readonly GetServiceDef[] = [
  getJob,
  getJobMain,
  getJobDates,
  getPhase,
  getPhaseEnhanced,
  getCustomers,
];
