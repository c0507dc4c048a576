import { cutToColumn } from '../formats/spectrum-format.js';
import type { GetServiceDef } from '../services/service-types.js';
import { element, getResponseHead, getResponseTail } from './soap-envelope.writer.js';

/** Spectrum returns at most this many data rows per Get call. */
export const MAX_GET_ROWS = 500;

export const ROW_CAP_WARNING =
  'WARNING - Number of returnable records exceeds maximum number of records allowed.';

/** One data row: every field in order, text cut to its column size, then the blank Error trio. */
export function dataRow(def: GetServiceDef, values: readonly string[]): string {
  let xml = '<response>';
  const fields = def.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as { name: string; max: number };
    const v = cutToColumn(values[i] ?? '', f.max);
    const style = v === '' && def.dateFields?.has(f.name) ? def.blankDateStyle : 'self';
    xml += element(f.name, v, style);
  }
  const e = def.blankErrorStyle;
  xml += `${element('Error_Code', '', e)}${element('Error_Description', '', e)}${element('Error_Column', '', e)}</response>\n`;
  return xml;
}

/** A status row (W warning, E error): every data field a single space, then the Error trio. */
export function statusRow(def: GetServiceDef, code: string, description: string, column: string): string {
  let xml = '<response>';
  for (const f of def.fields) xml += `<${f.name}> </${f.name}>`;
  xml += `${element('Error_Code', code)}${element('Error_Description', description)}${element('Error_Column', column, 'space')}</response>\n`;
  return xml;
}

export function getResponse(def: GetServiceDef, rowsXml: string): string {
  return getResponseHead(def.name) + rowsXml + getResponseTail(def.name);
}
