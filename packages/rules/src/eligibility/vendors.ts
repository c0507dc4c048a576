import { type Check, checkFrom, type Reason, reason } from '../core/result.js';
import type { Company, GeneralSettings, SpectrumVendorFields } from '../domain/types.js';
import { cleanText, normalizePhone } from '../formats/codes.js';
import { SPECTRUM_LIMITS } from '../formats/limits.js';
import { queueStateReason } from './common.js';

/** VEN-2, VEN-5, VEN-6: may this directory company be sent to Spectrum to create a new vendor? */
export function checkCompanyExport(
  company: Company,
  options: { target?: 'vendor' | 'customer' } = {},
): Check {
  const reasons: (Reason | null | false)[] = [];
  if ((options.target ?? 'vendor') === 'customer') {
    reasons.push(
      reason(
        'customer-export-not-supported',
        'VEN-5',
        'Companies are exported as Spectrum vendors only, never as AR customers.',
      ),
    );
  }
  if (company.vendorCode !== null) {
    reasons.push(
      reason(
        'company-already-linked',
        'VEN-6',
        `The company is already linked to Spectrum vendor ${company.vendorCode}; linking happens only from the Ready to Import list.`,
      ),
    );
  }
  const name = cleanText(company.name);
  if (name === '') {
    reasons.push(reason('company-name-required', 'VEN-2', 'The company needs a name.', 'name'));
  } else if (name.length > SPECTRUM_LIMITS.vendorName) {
    reasons.push(
      reason(
        'company-name-too-long',
        'VEN-2',
        `The company name has ${name.length} characters; Spectrum vendor names allow at most ${SPECTRUM_LIMITS.vendorName}.`,
        'name',
      ),
    );
  }
  for (const [field, value] of [
    ['phone', company.phone],
    ['fax', company.fax],
  ] as const) {
    if (value && normalizePhone(value).length > SPECTRUM_LIMITS.phone) {
      reasons.push(
        reason(
          'phone-too-long',
          'VEN-2',
          `The ${field} number has more than ${SPECTRUM_LIMITS.phone} digits.`,
          field,
        ),
      );
    }
  }
  reasons.push(queueStateReason(company.syncState, 'company'));
  return checkFrom(reasons);
}

export interface StagedVendorFacts {
  vendorCode: string;
  /** The vendor is on the Ready to Import list (not yet linked). */
  readyToImport: boolean;
  /** Id of the company already linked to this vendor, if any. */
  linkedCompanyId: string | null;
  /** The vendor's Spectrum status (`A` active, `I` inactive), when known. */
  status?: string | null;
}

/** VEN-1, VEN-6, PRE-1: may this staged vendor be imported as a new directory company (active vendors only)? */
export function checkVendorImport(vendor: StagedVendorFacts): Check {
  return checkFrom([
    !vendor.readyToImport &&
      vendor.linkedCompanyId === null &&
      reason(
        'vendor-not-ready-to-import',
        'VEN-6',
        `Vendor ${vendor.vendorCode} is not on the Ready to Import list.`,
      ),
    vendor.linkedCompanyId !== null &&
      reason(
        'vendor-already-linked',
        'VEN-6',
        `Vendor ${vendor.vendorCode} is already linked to a directory company.`,
      ),
    vendor.status !== null &&
      vendor.status !== undefined &&
      vendor.status.trim().toUpperCase() !== 'A' &&
      reason(
        'vendor-not-active',
        'VEN-1',
        `Vendor ${vendor.vendorCode} is not active in Spectrum (status ${vendor.status.trim().toUpperCase() || 'blank'}); Spectrum takes no subcontracts for it, so it is not imported as a company. Make it active in Spectrum first.`,
      ),
  ]);
}

/** VEN-1(b), VEN-6: may this staged vendor be linked to this existing directory company? */
export function checkVendorLink(
  vendor: StagedVendorFacts,
  company: Pick<Company, 'id' | 'vendorCode'>,
): Check {
  return checkFrom([
    !vendor.readyToImport &&
      vendor.linkedCompanyId === null &&
      reason(
        'vendor-not-ready-to-import',
        'VEN-6',
        `Vendor ${vendor.vendorCode} can be linked only from the Ready to Import list.`,
      ),
    vendor.linkedCompanyId !== null &&
      vendor.linkedCompanyId !== company.id &&
      reason(
        'vendor-already-linked',
        'VEN-6',
        `Vendor ${vendor.vendorCode} is already linked to another company.`,
      ),
    company.vendorCode !== null &&
      company.vendorCode !== vendor.vendorCode &&
      reason(
        'company-already-linked',
        'VEN-6',
        `The company is already linked to vendor ${company.vendorCode}.`,
      ),
  ]);
}

/** VEN-7: only vendors whose type passes the vendor type filter are staged. An empty filter stages no vendor. */
export function vendorPassesTypeFilter(
  vendorType: string | null | undefined,
  filter: readonly string[],
): boolean {
  const t = (vendorType ?? '').trim().toUpperCase();
  return filter.some((f) => f.trim().toUpperCase() === t);
}

/**
 * GEN-5: a vendor type for which data has already been synced can no longer be removed from the filter.
 * Also checks each type's size (Spectrum vendor types have at most 6 characters).
 */
export function checkVendorTypeFilterChange(input: {
  current: readonly string[];
  next: readonly string[];
  typesWithSyncedData: readonly string[];
  /**
   * GEN-6: the vendor types of Spectrum's vendors seen at the last vendor sync; a type added to the filter must be
   * one of them (empty: no vendor sync ran yet, nothing to check against).
   */
  knownTypes?: readonly string[];
}): Check {
  const norm = (s: string) => s.trim().toUpperCase();
  const known = new Set((input.knownTypes ?? []).map(norm));
  const current = new Set(input.current.map(norm));
  const next = new Set(input.next.map(norm));
  const synced = new Set(input.typesWithSyncedData.map(norm));
  const reasons: Reason[] = [];
  for (const t of new Set(input.current.map(norm))) {
    if (!next.has(t) && synced.has(t)) {
      reasons.push(
        reason(
          'vendor-type-in-use',
          'GEN-5',
          `Vendor type ${t} cannot be removed: vendors of this type have already been synced.`,
          'types',
        ),
      );
    }
  }
  input.next.forEach((t, i) => {
    const v = norm(t);
    if (v === '' || v.length > SPECTRUM_LIMITS.vendorType) {
      reasons.push(
        reason(
          'vendor-type-invalid',
          'GEN-5',
          `Vendor type "${t}" must have 1 to ${SPECTRUM_LIMITS.vendorType} characters.`,
          `types[${i}]`,
        ),
      );
    } else if (known.size > 0 && !known.has(v) && !current.has(v)) {
      reasons.push(
        reason(
          'vendor-type-not-in-spectrum',
          'GEN-6',
          `No Spectrum vendor has type ${v} (the types seen at the last vendor sync are ${[...known].sort().join(', ')}); a type Spectrum does not use would import nothing.`,
          `types[${i}]`,
        ),
      );
    }
  });
  return checkFrom(reasons);
}

/** GEN-5: the types the UI shows dimmed (cannot be unticked). */
export function lockedVendorTypes(
  current: readonly string[],
  typesWithSyncedData: readonly string[],
): string[] {
  const synced = new Set(typesWithSyncedData.map((s) => s.trim().toUpperCase()));
  return current.map((s) => s.trim().toUpperCase()).filter((t) => synced.has(t));
}

const VEN3_FIELDS = ['name', 'address1', 'address2', 'city', 'state', 'zip', 'phone', 'fax'] as const;
export type VendorSyncedField = (typeof VEN3_FIELDS)[number];

/**
 * VEN-3: the company fields that a vendor refresh changes. With `auto_update`, Spectrum's name, address, phone and
 * fax overwrite the linked company where they differ; with `do_not_update`, nothing changes.
 */
export function vendorUpdatesForCompany(
  company: Company,
  vendor: SpectrumVendorFields,
  settings: Pick<GeneralSettings, 'vendors'>,
): Partial<Record<VendorSyncedField, string | null>> {
  if (settings.vendors !== 'auto_update') return {};
  const changes: Partial<Record<VendorSyncedField, string | null>> = {};
  for (const f of VEN3_FIELDS) {
    const incoming = vendor[f] === undefined ? null : vendor[f];
    const v = incoming === null ? null : cleanText(incoming);
    const cur = company[f] ?? null;
    const same =
      f === 'phone' || f === 'fax'
        ? normalizePhone(cur ?? '') === normalizePhone(v ?? '')
        : (cur ?? '') === (v ?? '');
    if (!same) changes[f] = v === '' ? null : v;
  }
  return changes;
}
