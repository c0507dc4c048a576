import { isPutServiceName } from '@bridge/rules';
import type { BridgeSpectrumClient } from '../spectrum/spectrum-client.factory.js';
import type { ExportStepRecord } from './exports.repository.js';
import { SpectrumConflict } from './worker-errors.js';

/**
 * Whether sending a step again writes nothing new (docs/decisions.md → Exports): Spectrum's upserts keyed by the
 * natural key fixed at accept, and the pure adds (AddJob, AddVendor) the worker looks up first. Finished repeatable
 * steps are recorded in batches (`EXPORT_STEPS_PER_RECORD`); after a crash the unrecorded ones are sent again with
 * identical values. Every other step is recorded as soon as Spectrum answered: JobCostProjections adds a projection
 * entry on each call, a change request or change order without its number would get a new one, and AddCustomer is
 * not known to be an upsert.
 */
export function isRepeatableStep(step: Pick<ExportStepRecord, 'service' | 'input'>): boolean {
  const filled = (field: string) => (step.input[field] ?? '').trim() !== '';
  switch (step.service) {
    case 'AddJob':
    case 'UpdateJob':
    case 'AddPhase':
    case 'AddVendor':
    case 'UpdateVendor':
    case 'UpdateSubcontract':
    case 'UpdateSubcontractPhases':
      return true;
    case 'ARChangeRequest':
      return filled('Change_Request_Number');
    case 'ARChangeOrder':
      return filled('Change_Order_Number');
    default:
      return false;
  }
}

/**
 * One step of an export against Spectrum: pure adds (AddJob, AddVendor) look the key up first and write nothing
 * when Spectrum already holds the same record (a conflict when it holds other values); upserts are simply
 * (re)written.
 */
export async function executeStep(
  client: BridgeSpectrumClient,
  step: Pick<ExportStepRecord, 'service' | 'input'>,
  signal: AbortSignal,
): Promise<unknown> {
  const service = step.service;
  if (!isPutServiceName(service)) throw new TypeError(`unknown Spectrum service ${service}`);
  if (service === 'AddJob') {
    const jobNumber = step.input.Job_Number ?? '';
    const [job] = await client.listJobs({ jobNumber }).toArray();
    if (job) {
      const ours = (step.input.Job_Description ?? '').trim();
      const theirs = job.jobDescription.trim();
      const customer = (step.input.Customer_Code ?? '').trim();
      if (ours === theirs && customer === job.customerCode.trim()) return { alreadyInSpectrum: true };
      throw new SpectrumConflict(
        `Spectrum already has job ${jobNumber} with different values (description "${theirs}", customer ${job.customerCode.trim() || 'none'}).`,
      );
    }
  }
  if (service === 'AddVendor') {
    const vendorCode = step.input.Vendor_Code ?? '';
    const [vendor] = await client.listVendorMaster({ vendorCode }).toArray();
    if (vendor) {
      const ours = (step.input.Vendor_Name ?? '').trim();
      if (ours === vendor.vendorName.trim()) return { alreadyInSpectrum: true };
      throw new SpectrumConflict(
        `Spectrum already has vendor ${vendorCode} with different values (name "${vendor.vendorName.trim()}").`,
      );
    }
  }
  // the stored step input is the rules' wire record: sent as it is
  const res = await client.put(service, step.input, { signal });
  return { generated: res.generated };
}
