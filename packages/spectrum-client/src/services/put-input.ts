import { type FieldSpec, PUT_FIELDS, type PutServiceName, type PutWire, yesNo } from '@bridge/rules';
import { formatDecimal, formatMoneyCents, formatWireDate, WireValueError } from '../wire/wire-values.js';
import type { TypedPutDef } from './put-services.js';

/** One typed value as wire text, with the rules' money and date formats. */
function formatValue(spec: FieldSpec, value: unknown): string {
  switch (spec.kind) {
    case 'amount':
      return formatMoneyCents(value as number);
    case 'date':
      return formatWireDate(String(value));
    case 'yesNo':
      return typeof value === 'boolean' ? yesNo(value) : String(value);
    case 'int':
      if (!Number.isSafeInteger(value)) throw new WireValueError(`not an integer: ${String(value)}`);
      return String(value);
    case 'decimal':
    case 'percent':
      return formatDecimal(String(value));
    default:
      return String(value);
  }
}

/**
 * A typed method's input (camelCase names, cents, booleans, ISO dates) as the wire record of its service: each
 * given value formatted once. A missing value Spectrum requires, or one that cannot be formatted, is a TypeError
 * naming the input field; nothing is sent.
 */
export function wireFromInput<S extends PutServiceName>(def: TypedPutDef<S>, input: object): PutWire<S> {
  const values = input as Readonly<Record<string, unknown>>;
  const fields: Readonly<Record<string, FieldSpec>> = PUT_FIELDS[def.service];
  const wire: Record<string, string> = {};
  for (const [name, field] of Object.entries(def.names)) {
    const spec = fields[field];
    if (!spec) throw new TypeError(`${def.service}: ${name} names no field of the service`);
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      if (spec.required === 'spectrum') throw new TypeError(`${def.service}: ${name} is required`);
      continue;
    }
    try {
      wire[field] = formatValue(spec, value);
    } catch (error) {
      if (error instanceof WireValueError || error instanceof RangeError)
        throw new TypeError(`${def.service}: ${name} ${error.message}`);
      throw error;
    }
  }
  return wire as PutWire<S>;
}
