import type { InfoLinkReader } from '@bridge/spectrum-client';
import type { StoredSettings } from '../settings/settings.repository.js';
import type { DoctorCheck } from './doctor-report.js';

/** PROD-18: the vendor type filter and the template job exist in Spectrum (read through Info-Link). */
export async function checkSettingsInSpectrum(
  reader: InfoLinkReader,
  stored: StoredSettings,
  add: (c: DoctorCheck) => void,
  why: (e: unknown) => string,
): Promise<void> {
  if (stored.vendorTypeFilter.length === 0) {
    add({
      id: 'vendor-types',
      title: 'Vendor type filter',
      status: 'skip',
      detail: 'no filter: every vendor type is imported',
      remedy: null,
      rule: 'PROD-18',
    });
  } else {
    try {
      const seen = new Set<string>();
      for await (const v of reader.listVendorMaster()) seen.add(v.type.trim().toUpperCase());
      const missing = stored.vendorTypeFilter.filter((t) => !seen.has(t.trim().toUpperCase()));
      add({
        id: 'vendor-types',
        title: 'Vendor type filter',
        status: missing.length === 0 ? 'pass' : 'fail',
        detail:
          missing.length === 0
            ? `${stored.vendorTypeFilter.join(', ')} used by Spectrum vendors`
            : `no Spectrum vendor has type ${missing.join(', ')}`,
        remedy: 'correct the vendor type filter (Settings → Vendor types) or the vendors’ types in Spectrum',
        rule: 'PROD-18',
      });
    } catch (error) {
      add({
        id: 'vendor-types',
        title: 'Vendor type filter',
        status: 'fail',
        detail: why(error),
        remedy: 'fix the Info-Link checks above first',
        rule: 'PROD-18',
      });
    }
  }
  const template = stored.templateJob;
  if (!template) {
    add({
      id: 'template-job',
      title: 'Template job',
      status: 'skip',
      detail: 'not configured',
      remedy: null,
      rule: 'PROD-18',
    });
    return;
  }
  try {
    const found = (await reader.listJobs({ jobNumber: template.jobNumber }).toArray()).length > 0;
    add({
      id: 'template-job',
      title: `Template job ${template.jobNumber}`,
      status: found ? 'pass' : 'fail',
      detail: found ? 'exists in Spectrum' : 'does not exist in Spectrum',
      remedy: `create job ${template.jobNumber} in Spectrum (Inactive, as the template) or correct the template job (Settings → General)`,
      rule: 'PROD-18',
    });
  } catch (error) {
    add({
      id: 'template-job',
      title: `Template job ${template.jobNumber}`,
      status: 'fail',
      detail: why(error),
      remedy: 'fix the Info-Link checks above first',
      rule: 'PROD-18',
    });
  }
}
