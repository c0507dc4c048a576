import type { PutReplyRow } from '../soap/soap-envelope.writer.js';
import { SimulatedCrashError, type SpectrumStore } from '../store/spectrum-store.js';
import { validatePutFields } from './put-validation.js';
import type { PutContext, PutServiceDef } from './service-types.js';

class Rollback extends Error {
  constructor(readonly rows: PutReplyRow[]) {
    super('rollback');
  }
}

export type PutRun =
  /** Committed: the reply rows (only `G` rows, or none). */
  | { ok: true; rows: PutReplyRow[] }
  /** Refused and rolled back: the `A`/`I`/`M` rows. */
  | { ok: false; rows: PutReplyRow[] }
  /** A simulated crash rolled the call back. */
  | { ok: false; crashed: true; rows: [] };

export interface PutCall {
  store: SpectrumStore;
  company: string;
  authId: string;
  now: Date;
  /** Raw values of the service's fields as sent (blank or absent = not sent). */
  fields: Record<string, string>;
  /** crash fault: the statement count at which the write fails (null = no crash). */
  crashAfterWrites?: number | null;
}

/**
 * Runs one Put service the way the SDX endpoint does: field checks (lengths, required, code sets, formats) on the
 * raw values, then the service's record-level checks and writes in one store transaction that any A/I/M row rolls
 * back. The SOAP dispatcher and the console's record editor both call this, so an edit made in the console is
 * checked exactly as the same change sent through the Put service.
 */
export function runPut(def: Pick<PutServiceDef, 'fields' | 'execute'>, call: PutCall): PutRun {
  const raw: Record<string, string> = {};
  for (const field of def.fields) raw[field.name] = call.fields[field.name] ?? '';
  raw.Company_Code = call.company;
  const checked = validatePutFields(def.fields, raw);
  if (checked.errors.length > 0) return { ok: false, rows: checked.errors };
  const value = checked.value;
  const ctx: PutContext = {
    store: call.store,
    company: call.company,
    authId: call.authId,
    now: call.now,
    raw,
    value,
    has: (name) => value[name] !== undefined,
    str: (name) => (value[name] === undefined ? '' : String(value[name])),
    num: (name) => (typeof value[name] === 'number' ? (value[name] as number) : undefined),
  };
  if (call.crashAfterWrites != null) call.store.crashAfterWrites = call.crashAfterWrites;
  try {
    const rows = call.store.write(() => {
      const out = def.execute(ctx);
      if (out.some((r) => r.code !== 'G')) throw new Rollback(out);
      return out;
    });
    return { ok: true, rows };
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, rows: error.rows };
    if (error instanceof SimulatedCrashError) return { ok: false, crashed: true, rows: [] };
    throw error;
  } finally {
    call.store.crashAfterWrites = null;
  }
}
