import { maskCapacity } from '../../formats/spectrum-format.js';
import type { PutReplyRow } from '../../soap/soap-envelope.writer.js';
import type { Row, TableDef } from '../../store/table-defs.js';
import * as T from '../../store/table-defs.js';
import type { PutContext, PutFieldDef } from '../service-types.js';

// ---- field builders -------------------------------------------------------------------------

export const text = (name: string, max: number, required = false): PutFieldDef => ({
  name,
  max,
  kind: 'text',
  required,
});
export const code = (name: string, max: number, required = false): PutFieldDef => ({
  name,
  max,
  kind: 'code',
  required,
});
export const upper = (name: string, max: number, required = false): PutFieldDef => ({
  name,
  max,
  kind: 'upper',
  required,
});
export const phase = (name: string, required = false): PutFieldDef => ({
  name,
  max: 20,
  kind: 'phase',
  required,
});
export const digits = (name: string, max: number): PutFieldDef => ({ name, max, kind: 'digits' });
export const date = (name: string, required = false): PutFieldDef => ({
  name,
  max: 10,
  kind: 'date',
  required,
});
export const num = (name: string, format: string, scale = 2): PutFieldDef => ({
  name,
  max: 24,
  kind: 'num',
  format,
  scale,
});
export const int = (name: string, max: number): PutFieldDef => ({ name, max, kind: 'int' });
export const oneOf = (name: string, values: readonly string[], required = false): PutFieldDef => ({
  name,
  max: Math.max(...values.map((v) => v.length)),
  kind: 'set',
  values,
  required,
});
export const YN = ['Y', 'N'] as const;

// ---- helpers --------------------------------------------------------------------------------

export const bad = (desc: string, column: string): PutReplyRow => ({ code: 'I', desc, column });
export const missing = (column: string): PutReplyRow => ({
  code: 'M',
  desc: `${column} is required`,
  column,
});

/** Values of the given put fields that were sent (non-blank), renamed where the column differs. */
export function sentColumns(
  ctx: PutContext,
  def: TableDef,
  names: readonly string[],
  rename: Record<string, string> = {},
): Row {
  const out: Row = {};
  for (const name of names) {
    if (!ctx.has(name)) continue;
    const column = rename[name] ?? name;
    if (!def.columns.some((c) => c.name === column)) continue;
    out[column] = ctx.value[name] as string | number;
  }
  return out;
}

export function job(ctx: PutContext, jobNumber: string): Row | undefined {
  return ctx.store.get(T.jobs, { Company_Code: ctx.company, Job_Number: jobNumber });
}

export function phaseRow(
  ctx: PutContext,
  jobNumber: string,
  phaseCode: string,
  costType: string,
): Row | undefined {
  return ctx.store.get(T.phases, {
    Company_Code: ctx.company,
    Job_Number: jobNumber,
    Phase_Code: phaseCode,
    Cost_Type: costType,
  });
}

export function checkMask(jobRow: Row, phaseCode: string, column: string): PutReplyRow | undefined {
  const mask = String(jobRow.Phase_Display_Code ?? '');
  if (mask !== '' && phaseCode.length > maskCapacity(mask)) {
    return bad(`${column} does not match the job's phase mask ${mask}`, column);
  }
  return undefined;
}

/** Price (scale 4) × quantity (scale 2) → cents, rounded half away from zero. */
export function extend(unitPrice: number, quantity: number): number {
  const raw = unitPrice * quantity; // scale 6
  const sign = raw < 0 ? -1 : 1;
  return sign * Math.round(Math.abs(raw) / 10000);
}
