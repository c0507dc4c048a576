import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * A value a staged Spectrum row may hold: the plain data a Get service or an Info-Link view returns after parsing.
 * `Date` is accepted and written as its ISO instant.
 */
export type RowValue =
  | string
  | number
  | boolean
  | bigint
  | null
  | undefined
  | Date
  | readonly RowValue[]
  | { readonly [key: string]: RowValue };

function canonicalValue(value: RowValue, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.trim());
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalize ${value} at ${path || 'row'}`);
      return JSON.stringify(value);
    default:
      break;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new TypeError(`cannot canonicalize an invalid date at ${path || 'row'}`);
    return JSON.stringify(value.toISOString());
  }
  if (Array.isArray(value)) {
    const items = (value as readonly RowValue[]).map(
      (item, i) => canonicalValue(item, `${path}[${i}]`) ?? 'null',
    );
    return `[${items.join(',')}]`;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(
        `cannot canonicalize a ${proto?.constructor?.name ?? 'non-plain'} object at ${path || 'row'}`,
      );
    }
    const record = value as { readonly [key: string]: RowValue };
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const text = canonicalValue(record[key], path ? `${path}.${key}` : key);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }
  throw new TypeError(`cannot canonicalize a ${typeof value} at ${path || 'row'}`);
}

/**
 * Deterministic JSON text of a plain row: object keys sorted at every depth, `undefined` fields dropped, strings
 * trimmed (Spectrum pads and trims what it stores, so whitespace at the ends is not a change), numbers as JSON
 * writes them, `null` kept, array order kept. Two rows with the same content give the same text whatever their
 * field order. Throws TypeError for values a row cannot hold (functions, symbols, NaN, class instances).
 */
export function canonicalize(row: RowValue): string {
  return canonicalValue(row, '') ?? 'null';
}

/** Hex SHA-256 of {@link canonicalize}: the fingerprint stored per natural key to detect changed rows. */
export function hashRow(row: RowValue): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalize(row))));
}

/** Separates the parts of a composite natural key; a unit separator never occurs in Spectrum codes. */
export const NATURAL_KEY_SEPARATOR = '\u001f';

/**
 * The natural key of a row from its key fields, in the order given (`['Company_Code', 'Job_Number']`): each value
 * trimmed and joined with {@link NATURAL_KEY_SEPARATOR}. A missing or blank key field, or one that contains the
 * separator, is a programming error and throws.
 */
export function naturalKey(row: { readonly [key: string]: unknown }, keyFields: readonly string[]): string {
  if (keyFields.length === 0) throw new RangeError('naturalKey needs at least one key field');
  return keyFields
    .map((field) => {
      const raw = row[field];
      if (raw === undefined || raw === null) throw new RangeError(`row has no key field ${field}`);
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'bigint') {
        throw new TypeError(`key field ${field} must be a string or number`);
      }
      const text = String(raw).trim();
      if (text === '') throw new RangeError(`key field ${field} is blank`);
      if (text.includes(NATURAL_KEY_SEPARATOR))
        throw new RangeError(`key field ${field} contains the key separator`);
      return text;
    })
    .join(NATURAL_KEY_SEPARATOR);
}
