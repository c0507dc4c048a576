import {
  type FieldSpec,
  isPutServiceName,
  isSpectrumDate,
  PUT_FIELDS,
  type PutServiceName,
  type PutWire,
  parseSpectrumAmount,
} from '@bridge/rules';
import type { SoapParam } from '../soap/envelope.js';

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** Why a non-blank wire value cannot be what its field's kind says (undefined: it can). */
function kindProblem(spec: FieldSpec, text: string): string | undefined {
  switch (spec.kind) {
    case 'amount':
      try {
        parseSpectrumAmount(text);
        return undefined;
      } catch {
        return 'is not an amount with at most two decimals';
      }
    case 'date':
      return isSpectrumDate(text) ? undefined : 'is not an MM/DD/YYYY date';
    case 'yesNo':
      return text === 'Y' || text === 'N' ? undefined : 'is not Y or N';
    case 'int':
      return INTEGER.test(text) ? undefined : 'is not an integer';
    case 'decimal':
    case 'percent':
      return DECIMAL.test(text) ? undefined : 'is not a decimal number';
    default:
      return undefined;
  }
}

/**
 * The one way into a Put's SOAP body: `Company_Code` (the client's own) first, then every field of the service in
 * the rules' table order, each as given or blank ("leave unchanged"). The values are sent as they are; before any
 * call this refuses (TypeError, a programming error) a service or field the table does not know, a value that is
 * not text, another company's code, a blank field Spectrum requires, and a value that cannot be of its field's
 * kind (an amount, an `MM/DD/YYYY` date, `Y`/`N`, an integer, a decimal).
 */
export function putParams<S extends PutServiceName>(
  service: S,
  wire: PutWire<S>,
  companyCode: string,
): SoapParam[] {
  if (!isPutServiceName(service)) throw new TypeError(`unknown Spectrum Put service ${String(service)}`);
  const fields: Readonly<Record<string, FieldSpec>> = PUT_FIELDS[service];
  const values = wire as Readonly<Record<string, unknown>>;
  for (const [field, value] of Object.entries(values)) {
    if (!Object.hasOwn(fields, field))
      throw new TypeError(`${service}: Spectrum's ${service} has no field ${field}`);
    if (typeof value !== 'string' && value !== undefined)
      throw new TypeError(`${service}: ${field} must be text on the wire`);
  }
  const company = (values.Company_Code as string | undefined) ?? '';
  if (company !== '' && company !== companyCode)
    throw new TypeError(`${service}: Company_Code ${company} is not this client's company ${companyCode}`);
  const params: SoapParam[] = [['Company_Code', companyCode]];
  for (const [field, spec] of Object.entries(fields)) {
    if (field === 'Company_Code') continue;
    const value = (values[field] as string | undefined) ?? '';
    if (value === '') {
      if (spec.required === 'spectrum') throw new TypeError(`${service}: ${field} is required`);
    } else {
      const problem = kindProblem(spec, value);
      if (problem) throw new TypeError(`${service}: ${field} "${value}" ${problem}`);
    }
    params.push([field, value]);
  }
  return params;
}
