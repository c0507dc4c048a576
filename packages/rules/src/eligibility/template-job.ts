import { type Check, checkFrom, type Reason, reason } from '../core/result.js';
import type { TemplateJob } from '../domain/types.js';

/** The template job as Spectrum has it (GEN-6): the values an exported job copies (JOB-3). */
export interface SpectrumTemplateJob {
  jobNumber: string;
  division: string;
  costCenter: string;
  customerCode: string;
  taxable: boolean;
  priceMethodCode: string;
}

const same = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();
const shown = (v: string) => (v.trim() === '' ? 'none' : v.trim());

/**
 * GEN-6: the template job typed into the general settings, checked against Spectrum before it is saved. The job must
 * exist in Spectrum; its customer must exist in Spectrum (`customerExists`: `null` when Spectrum could not answer,
 * e.g. more customers than one read returns); and every value the export copies from it (division, cost center,
 * customer, taxable flag, price method) must be Spectrum's, because the export reads them from Spectrum (JOB-3), so
 * the settings never show a value that is not the one written.
 */
export function checkTemplateJobInSpectrum(
  typed: TemplateJob,
  spectrum: SpectrumTemplateJob | null,
  customerExists: boolean | null,
): Check {
  const f = (name: string) => `templateJob.${name}`;
  if (!spectrum)
    return checkFrom([
      reason(
        'template-job-not-in-spectrum',
        'GEN-6',
        `Spectrum has no job ${typed.jobNumber}; name an existing Spectrum job as the template job.`,
        f('jobNumber'),
      ),
    ]);
  const job = spectrum.jobNumber.trim();
  const differs = (field: string, label: string, mine: string, theirs: string): Reason | false =>
    !same(mine, theirs) &&
    reason(
      'template-job-value-differs',
      'GEN-6',
      `Spectrum's template job ${job} has ${label} ${shown(theirs)}, not ${shown(mine)}; exported jobs copy Spectrum's value, so the setting must say ${shown(theirs)} (or name another template job).`,
      f(field),
    );
  const customerMissing =
    customerExists === false &&
    reason(
      'customer-not-in-spectrum',
      'GEN-6',
      `Customer ${typed.customerCode.trim()} does not exist in Spectrum, so Spectrum would refuse every exported job ("Customer does not exist"); add the customer in Spectrum or name a template job whose customer exists.`,
      f('customerCode'),
    );
  return checkFrom([
    differs('division', 'division', typed.division, spectrum.division),
    differs('costCenter', 'cost center', typed.costCenter, spectrum.costCenter),
    customerMissing || differs('customerCode', 'customer', typed.customerCode, spectrum.customerCode),
    typed.taxable !== spectrum.taxable &&
      reason(
        'template-job-value-differs',
        'GEN-6',
        `Spectrum's template job ${job} is ${spectrum.taxable ? '' : 'not '}taxable; the setting must say the same.`,
        f('taxable'),
      ),
    differs('priceMethodCode', 'price method', typed.priceMethodCode, spectrum.priceMethodCode),
  ]);
}

/**
 * PRE-3: the Spectrum customer an export writes (a project's job takes the template job's customer; a prime contract
 * change order its contract's customer) exists in Spectrum. `exists` is `null` when not known; a blank customer says
 * nothing (Spectrum takes a job without one).
 */
export function customerExistsReason(
  customer: { code: string; exists: boolean | null } | null | undefined,
  whose: string,
): Reason | null {
  if (!customer || customer.code.trim() === '' || customer.exists !== false) return null;
  const template = whose.includes('template');
  return reason(
    template ? 'template-customer-not-in-spectrum' : 'customer-not-in-spectrum',
    'PRE-3',
    `Customer ${customer.code.trim()} (${whose}) does not exist in Spectrum, so Spectrum would refuse the export ("Customer does not exist"); the customer must be added in Spectrum${template ? ', or the general settings must name another template job' : ''}.`,
  );
}
