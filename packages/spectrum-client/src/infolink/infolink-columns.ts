import { type RowSpec, toWire } from '../wire/row-spec.js';
import type { InfoLinkTableDef } from './infolink-tables.js';

/**
 * A row read from an Info-Link table as Spectrum's own columns, in wire form (`Original_Contract_Amount` →
 * `1200.00`, dates `MM/DD/YYYY`): what a read-back compares with the Put fields it wrote.
 */
export function columnsOf<T extends InfoLinkTableDef>(
  def: T,
  row: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, [column, kind]] of Object.entries(def.row as RowSpec))
    out[column] = toWire(kind, row[name]);
  return out;
}
