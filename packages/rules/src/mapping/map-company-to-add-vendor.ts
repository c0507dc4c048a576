import type { Company } from '../domain/types.js';
import { SPECTRUM_LIMITS as L } from '../formats/limits.js';
import { nameTokens } from '../vendors/name-similarity.js';
import { type AddVendorPayload, blankPayload } from './payload-fields.js';
import { wireCode, wirePhone, wireText } from './wire-values.js';

/**
 * Payment terms a new vendor gets (AddVendor requires them and the PM directory has none): terms code A, 30 days,
 * discount code A. The accountant adjusts them in Spectrum when a vendor has other terms.
 */
export const NEW_VENDOR_TERMS = Object.freeze({ Terms_Code: 'A', Terms_Days: '30', Terms_Disc_Code: 'A' });

/**
 * Spectrum's 6-character alpha sort key from a company name: its significant words (legal words such as Inc or The
 * dropped) run together in uppercase letters and digits, first 6 characters (`The Acme Drywall, Inc.` → `ACMEDR`);
 * the vendor code's start when the name has no letters or digits.
 */
export function alphaSortFromName(name: string, vendorCode: string): string {
  const fromName = nameTokens(name)
    .join('')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return (fromName || wireCode(vendorCode).replace(/[^A-Z0-9]/g, '')).slice(0, L.alphaSortVendor);
}

/**
 * AddVendor for a directory company (VEN-2): name ≤ 30, derived alpha sort, the documented default terms, address
 * with the city in `Address_3` (AddVendor's city field), phone and fax as digits. Always a vendor: nothing here
 * creates an AR customer (VEN-5).
 */
export function mapCompanyToAddVendor(
  company: Company,
  options: { companyCode: string; vendorCode: string },
): AddVendorPayload {
  return {
    ...blankPayload('AddVendor'),
    Company_Code: wireCode(options.companyCode),
    Vendor_Code: wireCode(options.vendorCode),
    Vendor_Name: wireText(company.name, L.vendorName),
    Alpha_Sort: alphaSortFromName(company.name, options.vendorCode),
    ...NEW_VENDOR_TERMS,
    Type: wireCode(company.vendorType),
    Address_1: wireText(company.address1, L.address),
    Address_2: wireText(company.address2, L.address),
    Address_3: wireText(company.city, L.city),
    State: wireCode(company.state),
    Zip_Code: (company.zip ?? '').trim(),
    Phone: wirePhone(company.phone),
    Fax_Phone: wirePhone(company.fax),
    Contact_Name: wireText(company.contactName, L.contactName),
    Vendor_Email: (company.email ?? '').trim(),
  };
}
