import { formatDecimalText, formatWireDate } from '../formats/spectrum-format.js';
import { runPut } from '../services/put-runner.js';
import {
  addCustomer,
  addJob,
  addPhase,
  addVendor,
  arChangeOrder,
  arChangeRequest,
  jobCostProjections,
  updateJob,
  updateSubcontract,
  updateSubcontractPhases,
  updateVendor,
} from '../services/put-services.js';
import type { PutContext, PutFieldDef, PutServiceDef } from '../services/service-types.js';
import type { PutReplyRow } from '../soap/soap-envelope.writer.js';
import type { SpectrumStore } from '../store/spectrum-store.js';
import * as T from '../store/table-defs.js';
import { type ColumnDef, columnOf, type Row, type TableDef } from '../store/table-defs.js';
import { dependentsOf } from './tables.js';

/**
 * How the console changes one collection. Where Spectrum has a Put service for the record, the console's add and
 * change ARE that service: the same field checks (lengths, required fields, code sets, uppercase codes, MM/DD/YYYY
 * dates, numeric formats) and the same record checks (the job exists, the vendor is active, the phase fits the
 * job's mask, ...), run by the same code. Collections without a Put service are edited through checks derived from
 * their column definitions (lengths, code sets, Spectrum's number and date formats), by the same validator.
 */
export interface RecordEditor {
  collection: string;
  /** The Put service an add / a change goes through, or null for the table's own column checks. */
  addService: string | null;
  changeService: string | null;
  addFields: readonly EditorField[];
  changeFields: readonly EditorField[];
}

/** One field of an add/change form: the Put field's name and rules, and the column it shows. */
export interface EditorField extends PutFieldDef {
  /** The table column this field writes (and is pre-filled from); null when it has no column of its own. */
  column: string | null;
  /** Part of the record's key (shown read-only on a change). */
  key: boolean;
}

interface Binding {
  add?: PutServiceDef;
  change?: PutServiceDef;
  /** Put field → column, where they differ. */
  columns?: Record<string, string | null>;
}

const BINDINGS: Record<string, Binding> = {
  jobs: { add: addJob, change: updateJob },
  phases: { add: addPhase, change: addPhase },
  vendors: { add: addVendor, change: updateVendor, columns: { City: 'Address_3', Contact_Phone: null } },
  customers: {
    add: addCustomer,
    change: addCustomer,
    columns: { Phone: 'Phone_Number', Customer_Email: 'Email1' },
  },
  subcontracts: { add: updateSubcontract, change: updateSubcontract, columns: { Comment: null } },
  'subcontract-lines': { add: updateSubcontractPhases, change: updateSubcontractPhases },
  'change-requests': { add: arChangeRequest, change: arChangeRequest },
  'change-orders': { add: arChangeOrder, change: arChangeOrder },
  projections: { add: jobCostProjections },
};

/** Put-style field rules for a column of a table no Put service writes. */
function columnField(def: TableDef, c: ColumnDef): PutFieldDef {
  const required = def.key.includes(c.name);
  switch (c.type) {
    case 'dec':
      return {
        name: c.name,
        max: 24,
        kind: 'num',
        format: `-13.${c.scale ?? 2}`,
        scale: c.scale ?? 2,
        required,
      };
    case 'int':
      return { name: c.name, max: 12, kind: 'int', required };
    case 'date':
      return { name: c.name, max: 10, kind: 'date', required };
    default:
      return c.values
        ? {
            name: c.name,
            max: c.max ?? 4000,
            kind: 'set',
            values: c.values.filter((v) => v !== ''),
            required,
          }
        : { name: c.name, max: c.max ?? 4000, kind: 'text', required };
  }
}

function fieldsOf(def: TableDef, service: PutServiceDef | undefined, binding: Binding): EditorField[] {
  if (!service) {
    return def.columns.map((c) => ({
      ...columnField(def, c),
      column: c.name,
      key: def.key.includes(c.name),
    }));
  }
  return service.fields.map((f) => {
    const mapped = binding.columns?.[f.name];
    const column = mapped === undefined ? (columnOf(def, f.name) ? f.name : null) : mapped;
    return { ...f, column, key: column !== null && def.key.includes(column) };
  });
}

export function recordEditor(def: TableDef): RecordEditor {
  const binding = BINDINGS[def.collection] ?? {};
  return {
    collection: def.collection,
    addService: binding.add?.name ?? null,
    changeService: binding.change?.name ?? null,
    addFields: fieldsOf(def, binding.add, binding),
    changeFields: binding.add && !binding.change ? [] : fieldsOf(def, binding.change, binding),
  };
}

/** A refused edit: Spectrum's reply rows as problem errors (field, rule, message). */
export class EditRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly errors: { field: string; rule: string; message: string }[],
  ) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

function refused(rows: PutReplyRow[]): EditRefusedError {
  return new EditRefusedError(
    400,
    rows.map((r) => ({
      field: r.column || 'record',
      rule: r.code === 'M' ? 'required' : r.code === 'A' ? 'not-authorized' : 'invalid',
      message: r.desc,
    })),
  );
}

/** A stored value as the wire (and the edit form) writes it: MM/DD/YYYY dates, plain decimals. */
export function wireValue(c: ColumnDef | undefined, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (!c) return String(v).trim();
  if (c.type === 'date') return formatWireDate(String(v));
  if (c.type === 'dec') return formatDecimalText(Number(v), c.scale ?? 2);
  return String(v).trim();
}

function stringValues(input: unknown, field: string): Record<string, string> {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new EditRefusedError(400, [{ field, rule: 'invalid', message: `${field} must be an object` }]);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (typeof v === 'number') out[k] = String(v);
    else if (typeof v === 'string') out[k] = v.trim();
    else if (v === null) out[k] = '';
    else
      throw new EditRefusedError(400, [
        { field: `${field}.${k}`, rule: 'invalid', message: `${k} must be text as Spectrum takes it` },
      ]);
  }
  return out;
}

function checkNames(fields: readonly EditorField[], values: Record<string, string>, service: string): void {
  const known = new Set(fields.map((f) => f.name));
  const unknown = Object.keys(values).filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new EditRefusedError(
      400,
      unknown.map((k) => ({
        field: `values.${k}`,
        rule: 'unknown-field',
        message: `${k} is not a field of ${service}`,
      })),
    );
}

function companyOf(store: SpectrumStore, company: string): void {
  if (!company || !store.get(T.companies, { Company_Code: company }))
    throw new EditRefusedError(400, [
      { field: 'Company_Code', rule: 'invalid', message: `Company ${company || '(blank)'} does not exist` },
    ]);
}

/** The store row a key names (key in the control API's external form), or a 404 refusal. */
export function rowByKey(store: SpectrumStore, def: TableDef, key: unknown): Row {
  const values = stringValues(key, 'key');
  const stored: Row = {};
  for (const k of def.key) {
    const v = values[k];
    if (v === undefined)
      throw new EditRefusedError(400, [
        { field: `key.${k}`, rule: 'required', message: `${k} is required in key` },
      ]);
    stored[k] = columnOf(def, k)?.type === 'int' ? Number(v) : v;
  }
  const row = store.get(def, stored);
  if (!row)
    throw new EditRefusedError(404, [
      { field: 'key', rule: 'not-found', message: 'no record with this key' },
    ]);
  return row;
}

function serviceFor(binding: Binding, mode: 'add' | 'change'): PutServiceDef | undefined {
  return mode === 'add' ? binding.add : binding.change;
}

/**
 * Adds a record (values: the form's fields as text, Spectrum's formats) through its Put service or the table's
 * column checks. Returns the stored row's key.
 */
export function addRecord(store: SpectrumStore, def: TableDef, input: unknown, now: Date): Row {
  const editor = recordEditor(def);
  const values = stringValues(input, 'values');
  const binding = BINDINGS[def.collection] ?? {};
  const service = serviceFor(binding, 'add');
  checkNames(editor.addFields, values, service?.name ?? def.collection);
  const company = values.Company_Code ?? '';
  companyOf(store, company);
  if (service) {
    const run = runPut(service, { store, company, authId: '', now, fields: values });
    if (!run.ok) throw refused(run.rows);
    return keyAfterPut(def, editor.addFields, values, run.rows);
  }
  return writeByColumns(store, def, editor.addFields, values, 'add');
}

/** Changes the given fields of the record with this key; blank fields of a Put service leave the value as it is. */
export function changeRecord(
  store: SpectrumStore,
  def: TableDef,
  key: unknown,
  input: unknown,
  now: Date,
): Row {
  const editor = recordEditor(def);
  const current = rowByKey(store, def, key);
  const values = stringValues(input, 'values');
  const binding = BINDINGS[def.collection] ?? {};
  const service = serviceFor(binding, 'change');
  if (binding.add && !service)
    throw new EditRefusedError(405, [
      {
        field: 'collection',
        rule: 'not-changeable',
        message: `${def.collection} are only added (${binding.add.name})`,
      },
    ]);
  checkNames(editor.changeFields, values, service?.name ?? def.collection);
  for (const f of editor.changeFields) {
    if (
      f.key &&
      values[f.name] !== undefined &&
      f.column &&
      values[f.name] !== wireValue(columnOf(def, f.column), current[f.column])
    )
      throw new EditRefusedError(400, [
        { field: `values.${f.name}`, rule: 'key', message: `${f.name} is part of the key and cannot change` },
      ]);
  }
  const keyed: Record<string, string> = {};
  for (const f of editor.changeFields) {
    if (f.key && f.column) keyed[f.name] = wireValue(columnOf(def, f.column), current[f.column]);
  }
  if (service) {
    const run = runPut(service, {
      store,
      company: String(current.Company_Code ?? ''),
      authId: '',
      now,
      fields: { ...values, ...keyed },
    });
    if (!run.ok) throw refused(run.rows);
    return keyOfRow(def, current);
  }
  return writeByColumns(store, def, editor.changeFields, { ...values, ...keyed }, 'change');
}

/** Deletes a record no other record depends on (Spectrum refuses to delete a record in use: 409 naming them). */
export function deleteRecord(store: SpectrumStore, def: TableDef, key: unknown): Row {
  const row = rowByKey(store, def, key);
  const dependents = dependentsOf(store, def, row);
  if (dependents.length > 0)
    throw new EditRefusedError(
      409,
      dependents.map((d) => ({
        field: d.collection,
        rule: 'in-use',
        message: `${d.count} ${d.collection} record(s) belong to this one; delete them first`,
      })),
    );
  const k = keyOfRow(def, row);
  store.write(() => store.delete(def, k));
  return k;
}

function keyOfRow(def: TableDef, row: Row): Row {
  const k: Row = {};
  for (const name of def.key) k[name] = row[name];
  return k;
}

function keyAfterPut(
  def: TableDef,
  fields: readonly EditorField[],
  values: Record<string, string>,
  rows: PutReplyRow[],
): Row {
  const key: Row = {};
  for (const name of def.key) {
    const f = fields.find((x) => x.column === name);
    key[name] = f ? (values[f.name] ?? '') : '';
  }
  // a generated number (ARChangeRequest without a number) comes back as a G row
  for (const r of rows) if (r.code === 'G' && def.key.includes(r.column)) key[r.column] = r.desc;
  return key;
}

/** Add or change through the column checks: the same validator as the Put services, on rules from the columns. */
function writeByColumns(
  store: SpectrumStore,
  def: TableDef,
  fields: readonly EditorField[],
  values: Record<string, string>,
  mode: 'add' | 'change',
): Row {
  const execute = (ctx: PutContext): PutReplyRow[] => {
    const row: Row = {};
    for (const f of fields) {
      if (!f.column) continue;
      if (ctx.has(f.name)) row[f.column] = ctx.value[f.name] as string | number;
      else if (mode === 'change' && values[f.name] === '' && !f.key) {
        // a column edit may clear a value (the table's own edit, not a Put service)
        const c = columnOf(def, f.column);
        row[f.column] = c?.type === 'dec' || c?.type === 'int' ? 0 : c?.type === 'date' ? null : '';
      }
    }
    const key = keyOfRow(def, row);
    if (mode === 'add') {
      if (store.get(def, key))
        return [
          {
            code: 'I',
            desc: 'A record with this key already exists',
            column: def.key[def.key.length - 1] ?? '',
          },
        ];
      store.insert(def, row);
    } else store.update(def, key, row);
    return [];
  };
  const run = runPut(
    { fields, execute },
    { store, company: values.Company_Code ?? '', authId: '', now: new Date(0), fields: values },
  );
  if (!run.ok) throw refused(run.rows);
  const key: Row = {};
  for (const name of def.key) {
    const c = columnOf(def, name);
    key[name] = c?.type === 'int' ? Number(values[name]) : (values[name] ?? '');
  }
  return key;
}
