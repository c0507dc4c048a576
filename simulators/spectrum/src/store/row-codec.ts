import { formatDecimalText, toScaled } from '../formats/spectrum-format.js';
import type { Row, TableDef, Value } from './table-defs.js';

export class RowInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RowInputError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * External (JSON) form of a row → stored form. Decimals come as strings ("1234.50") or numbers,
 * dates as "YYYY-MM-DD" or null, integers as numbers. Throws RowInputError naming the field.
 * With `partial`, only the given columns are returned (for PATCH).
 */
export function decodeRow(def: TableDef, input: unknown, partial = false): Row {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new RowInputError('body', 'expected a JSON object');
  }
  const src = input as Record<string, unknown>;
  const known = new Set(def.columns.map((c) => c.name));
  for (const name of Object.keys(src)) {
    if (!known.has(name)) throw new RowInputError(name, `unknown column ${name} for ${def.collection}`);
  }
  const out: Row = {};
  for (const c of def.columns) {
    const v = src[c.name];
    if (v === undefined) {
      if (!partial && def.key.includes(c.name)) throw new RowInputError(c.name, `${c.name} is required`);
      continue;
    }
    out[c.name] = decodeValue(c.name, c.type, v, c.max, c.scale, c.values);
  }
  return out;
}

function decodeValue(
  name: string,
  type: string,
  v: unknown,
  max?: number,
  scale?: number,
  values?: readonly string[],
): Value {
  switch (type) {
    case 'dec': {
      const n = toScaled(v, scale ?? 2);
      if (n === undefined) throw new RowInputError(name, `${name} must be a decimal (string like "12.50")`);
      return n;
    }
    case 'int': {
      const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isSafeInteger(n))
        throw new RowInputError(name, `${name} must be an integer`);
      return n;
    }
    case 'date': {
      if (v === null || v === '') return null;
      if (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
        throw new RowInputError(name, `${name} must be a date YYYY-MM-DD or null`);
      }
      return v;
    }
    default: {
      if (typeof v !== 'string') throw new RowInputError(name, `${name} must be a string`);
      const s = v.trim();
      if (max !== undefined && s.length > max)
        throw new RowInputError(name, `${name} exceeds ${max} characters`);
      if (values && !values.includes(s))
        throw new RowInputError(name, `${name} must be one of ${values.join(', ')}`);
      return s;
    }
  }
}

/** Stored form → external (JSON) form, with the given columns (default all) in order. */
export function encodeRow(def: TableDef, row: Row, columns?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of columns ?? def.columns.map((c) => c.name)) {
    const c = def.columns.find((col) => col.name === name);
    if (!c) continue;
    const v = row[name];
    switch (c.type) {
      case 'dec':
        out[name] = formatDecimalText(Number(v ?? 0), c.scale ?? 2);
        break;
      case 'int':
        out[name] = Number(v ?? 0);
        break;
      case 'date':
        out[name] = v ?? null;
        break;
      default:
        out[name] = String(v ?? '').trim();
    }
  }
  return out;
}
