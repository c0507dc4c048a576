import { z } from 'zod';
import { SpectrumParseError } from '../errors.js';
import {
  formatDecimal,
  formatFlag,
  formatMoneyCents,
  formatWireDate,
  normalizeDecimal,
  parseFlag,
  parseIsoDate,
  parseMoneyCents,
  parseWireDate,
  WireValueError,
} from './wire-values.js';

/**
 * Field kinds shared by every row and request description:
 * key (non-blank text), text, money (integer cents), decimal (decimal string), date (ISO or null),
 * flag (Y/N as boolean or null), int.
 */
export type FieldKind = 'key' | 'text' | 'money' | 'decimal' | 'date' | 'flag' | 'int';

export interface KindValue {
  key: string;
  text: string;
  money: number;
  decimal: string;
  date: string | null;
  flag: boolean | null;
  int: number;
}

export interface KindInput {
  key: string;
  text: string;
  money: number;
  decimal: string;
  date: string;
  flag: boolean;
  int: number;
}

/** domain name -> [wire name, kind] (optional third element `true`: may be missing from the reply). */
export type FieldSpec = readonly [wire: string, kind: FieldKind, optional?: boolean];
export type RowSpec = Readonly<Record<string, FieldSpec>>;
export type RowOf<S extends RowSpec> = { -readonly [K in keyof S]: KindValue[S[K][1]] };

function fromWire(kind: FieldKind, text: string): unknown {
  switch (kind) {
    case 'key':
      if (text === '') throw new WireValueError('is blank');
      return text;
    case 'text':
      return text;
    case 'money':
      return parseMoneyCents(text);
    case 'decimal':
      return normalizeDecimal(text);
    case 'date':
      return parseWireDate(text);
    case 'flag':
      return parseFlag(text);
    case 'int': {
      const t = text.trim();
      if (t === '') return 0;
      if (!/^-?\d+$/.test(t)) throw new WireValueError(`not an integer: "${t}"`);
      return Number(t);
    }
  }
}

function fromJson(kind: FieldKind, value: unknown): unknown {
  if (kind === 'int') {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
    throw new WireValueError('is not an integer');
  }
  if (kind === 'date') {
    if (value === null) return null;
    if (typeof value !== 'string') throw new WireValueError('is not a date string');
    return parseIsoDate(value);
  }
  if (typeof value === 'number' && kind === 'money') {
    // Money never travels as a fractional JSON number here: only integral values are taken.
    if (!Number.isInteger(value))
      throw new WireValueError('is a fractional JSON number, expected decimal text');
    return fromWire(kind, String(value));
  }
  if (typeof value === 'number' && kind === 'decimal') {
    // Percents and rates (REST vendors): the shortest round-trip text of the number.
    if (!Number.isFinite(value)) throw new WireValueError('is not a finite number');
    return normalizeDecimal(String(value));
  }
  if (typeof value !== 'string') throw new WireValueError('is not text');
  return fromWire(kind, value.trim());
}

const schemaCache = { wire: new WeakMap<RowSpec, z.ZodType>(), json: new WeakMap<RowSpec, z.ZodType>() };

function getSchema(spec: RowSpec, source: 'wire' | 'json'): z.ZodType {
  let s = schemaCache[source].get(spec);
  if (!s) {
    s = schemaFor(spec, source);
    schemaCache[source].set(spec, s);
  }
  return s;
}

function schemaFor(spec: RowSpec, source: 'wire' | 'json'): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [, [wire, kind, optional]] of Object.entries(spec)) {
    if (source === 'wire') {
      // SOAP values are always text: zod checks presence and type (its fast path); the kind conversion
      // below checks the format.
      shape[wire] = optional ? z.string().optional() : z.string({ error: 'is missing' });
      continue;
    }
    shape[wire] = z.unknown().transform((value, ctx) => {
      if (value === undefined) {
        if (optional) return kind === 'date' ? null : fromWire(kind, '');
        ctx.addIssue({ code: 'custom', message: 'is missing' });
        return z.NEVER;
      }
      try {
        return fromJson(kind, value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    });
  }
  return z.object(shape);
}

/**
 * Validates one raw row (SOAP text values or Info-Link/REST JSON values) against its spec and maps wire
 * names to domain names. Unknown extra fields are ignored; a missing or malformed field is a
 * SpectrumParseError naming the field.
 */
export function parseRowWith<S extends RowSpec>(
  spec: S,
  raw: Record<string, unknown>,
  context: { service: string; rowIndex: number; source?: 'wire' | 'json' },
): RowOf<S> {
  const result = getSchema(spec, context.source ?? 'wire').safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const fieldName = String(issue?.path[0] ?? '');
    throw new SpectrumParseError(
      `${context.service} row ${context.rowIndex + 1}: field ${fieldName} ${issue?.message ?? 'is invalid'}`,
      { service: context.service, field: fieldName, rowIndex: context.rowIndex },
    );
  }
  const values = result.data as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const wire = (context.source ?? 'wire') === 'wire';
  for (const [domain, [wireName, kind]] of Object.entries(spec)) {
    if (!wire) {
      out[domain] = values[wireName];
      continue;
    }
    try {
      out[domain] = fromWire(kind, (values[wireName] as string | undefined) ?? '');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new SpectrumParseError(
        `${context.service} row ${context.rowIndex + 1}: field ${wireName} ${message}`,
        {
          service: context.service,
          field: wireName,
          rowIndex: context.rowIndex,
        },
      );
    }
  }
  return out as RowOf<S>;
}

/** Formats one domain value for the SOAP wire (used for requests and by the msw mocks). */
export function toWire(kind: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (kind) {
    case 'key':
    case 'text':
      return String(value);
    case 'money':
      return formatMoneyCents(value as number);
    case 'decimal':
      return formatDecimal(String(value));
    case 'date':
      return value === '' ? '' : formatWireDate(String(value));
    case 'flag':
      return typeof value === 'boolean' ? formatFlag(value) : String(value);
    case 'int':
      if (!Number.isSafeInteger(value)) throw new WireValueError(`not an integer: ${String(value)}`);
      return String(value);
  }
}
