import { z } from 'zod';
import { isoDateTime } from '../links/links.schemas.js';

/** PROD-11: the connection doctor's report: one entry (and one line) per check. */
export const doctorReportSchema = z
  .object({
    ok: z.boolean().describe('No check failed'),
    checkedAt: isoDateTime,
    serviceUrl: z.string().nullable(),
    companyCode: z.string().nullable(),
    infoLinkMode: z.enum(['http', 'sql']),
    checks: z.array(
      z
        .object({
          id: z
            .string()
            .describe('Stable check id, e.g. `server`, `wsdl:GetJob`, `infolink:VN_SUBCONTRACT_MC`'),
          title: z.string(),
          status: z.enum(['pass', 'fail', 'skip']).describe('skip: not run, the detail says why'),
          detail: z.string(),
          remedy: z.string().nullable().describe('What to change when the check fails'),
          rule: z.string().describe('The rule of docs/spec.md the check belongs to'),
        })
        .meta({ id: 'DoctorCheck' }),
    ),
    lines: z.array(z.string()).describe('One line per check: ✔ / ✗ (with its remedy) / – (not run)'),
  })
  .meta({ id: 'DoctorReport' });
