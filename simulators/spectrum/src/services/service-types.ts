import type { PutReplyRow } from '../soap/soap-envelope.writer.js';
import type { SpectrumStore } from '../store/spectrum-store.js';

export interface ServiceContext {
  store: SpectrumStore;
  /** The company the call works on (defaulted from the Authorization ID when blank). */
  company: string;
  authId: string;
  now: Date;
}

export interface GetServiceDef {
  kind: 'get';
  name: string;
  /** Request parameters after Authorization_ID and GUID, in WSDL order. */
  params: readonly string[];
  /** Names and max sizes of the returned fields, in wire order (without the Error trio). */
  fields: readonly { name: string; max: number }[];
  /** How blank Error_* fields are written on data rows. */
  blankErrorStyle: 'self' | 'space';
  /** How blank dates are written. */
  blankDateStyle: 'self' | 'open';
  /** Names of date fields (written with blankDateStyle when blank). */
  dateFields?: ReadonlySet<string>;
  /**
   * Runs the query: returns up to `limit` rows (each an array of wire values in field order), and
   * whether more rows qualified. An error description fails the call with an `E` row.
   */
  run(ctx: ServiceContext, params: Record<string, string>, limit: number): GetResult;
}

export type GetResult =
  | { rows: string[][]; more: boolean }
  | { error: { description: string; column: string } };

export type PutFieldKind = 'text' | 'upper' | 'code' | 'phase' | 'digits' | 'date' | 'num' | 'int' | 'set';

export interface PutFieldDef {
  name: string;
  max: number;
  kind: PutFieldKind;
  /** Allowed values (kind 'set'). */
  values?: readonly string[];
  /** Numeric format like `-10.2` (kind 'num'). */
  format?: string;
  /** Decimal places stored (kind 'num'; default 2). */
  scale?: number;
  required?: boolean;
}

export interface PutContext extends ServiceContext {
  /** Raw trimmed values of every declared field ('' when blank or absent). */
  raw: Record<string, string>;
  /** Parsed values of the non-blank fields (dates ISO, numbers scaled integers). */
  value: Record<string, string | number>;
  has(name: string): boolean;
  str(name: string): string;
  num(name: string): number | undefined;
}

export interface PutServiceDef {
  kind: 'put';
  name: string;
  fields: readonly PutFieldDef[];
  /** Runs inside one store transaction; returning any A/I/M row rolls the whole call back. */
  execute(ctx: PutContext): PutReplyRow[];
}

export type ServiceDef = GetServiceDef | PutServiceDef;
