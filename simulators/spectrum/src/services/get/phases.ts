import type { Row } from '../../store/table-defs.js';
import * as T from '../../store/table-defs.js';
import type { GetResult, GetServiceDef } from '../service-types.js';
import { compileSuperSelect } from '../superselect.js';
import { costCenterFilter, date, num, statusFilter, str } from './common.js';

/** GetPhase, GetPhaseEnhanced: a job's phases and cost types. */

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
