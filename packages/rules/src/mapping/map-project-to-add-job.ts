import type { Project, TemplateJob } from '../domain/types.js';
import { SPECTRUM_LIMITS as L } from '../formats/limits.js';
import { type AddJobPayload, blankPayload } from './payload-fields.js';
import { wireCode, wirePhone, wireText, yesNo } from './wire-values.js';

/**
 * AddJob for a PM project (JOB-2, JOB-3): the job number fixed at accept time; description = the project name
 * (JOB-2 keeps it within 25 characters); address and phone digits from the project; division, cost center,
 * customer, taxable flag, price method and phase mask (`Phase_Display_Code`) from the configured template job;
 * status Active.
 */
export function mapProjectToAddJob(
  project: Project,
  templateJob: TemplateJob,
  options: { companyCode: string; jobNumber: string },
): AddJobPayload {
  return {
    ...blankPayload('AddJob'),
    Company_Code: wireCode(options.companyCode),
    Job_Number: options.jobNumber.trim(),
    Job_Description: wireText(project.name, L.jobDescription),
    Division: templateJob.division.trim(),
    Address_1: wireText(project.address1, L.address),
    Address_2: wireText(project.address2, L.address),
    City: wireText(project.city, L.city),
    State: wireCode(project.state),
    Zip_Code: (project.zip ?? '').trim(),
    Phone: wirePhone(project.phone),
    Customer_Code: wireCode(templateJob.customerCode),
    Taxable_Flag: yesNo(templateJob.taxable),
    Price_Method_Code: templateJob.priceMethodCode,
    Cost_Center: templateJob.costCenter.trim(),
    Phase_Display_Code: (templateJob.phaseMask ?? '').trim(),
    Status_Code: 'A',
  };
}
