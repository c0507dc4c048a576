import { z } from 'zod';
import { isoDateTime, syncFieldsShape } from '../links/links.schemas.js';
import { pageOf } from '../platform/http/pagination.js';

const companyFields = {
  name: z.string(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  zip: z.string().nullable(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  contactName: z.string().nullable(),
  vendorType: z.string().nullable(),
  isCustomer: z.boolean(),
};

/** A directory company with its vendor link (API-4). */
export const companySchema = z
  .object({
    id: z.string(),
    ...companyFields,
    addressState: z.string().nullable().describe("The address's state (`state` is the sync state)"),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    ...syncFieldsShape,
  })
  .meta({ id: 'Company' });

export const companyPageSchema = pageOf(companySchema, 'CompanyPage');

/** A directory company as the vendor import writes it (`CompanyView`: `state` is the address's state here). */
export const importedCompanySchema = z
  .object({ id: z.string(), ...companyFields, state: z.string().nullable() })
  .meta({ id: 'ImportedCompany' });
