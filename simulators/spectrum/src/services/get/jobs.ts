import { compareCodes } from '../../formats/spectrum-format.js';
import type { Row } from '../../store/table-defs.js';
import * as T from '../../store/table-defs.js';
import type { GetResult, GetServiceDef, ServiceContext } from '../service-types.js';
import { compileSuperSelect, type SuperSelect } from '../superselect.js';
import { costCenterFilter, date, num, statusFilter, str } from './common.js';

/** GetJob, GetJobMain, GetJobDates: the jobs a call selects and the columns each service answers with. */

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
