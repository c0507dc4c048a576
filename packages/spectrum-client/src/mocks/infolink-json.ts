import { formatDecimalAmount } from '@bridge/rules';
import type { InfoLinkTableDef } from '../infolink/infolink-tables.js';

/** One Info-Link row in the stand-in's JSON form (column names, decimal text, ISO dates) from the mocks' domain form. */
export function infoLinkJson(def: InfoLinkTableDef, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [domain, [wire, kind]] of Object.entries(def.row)) {
    const v = row[domain];
    switch (kind) {
      case 'money':
        out[wire] = typeof v === 'number' ? formatDecimalAmount(v) : '0.00';
        break;
      case 'int':
        out[wire] = typeof v === 'number' ? v : 0;
        break;
      case 'date':
        out[wire] = typeof v === 'string' && v !== '' ? v : null;
        break;
      case 'flag':
        out[wire] = v === true ? 'Y' : v === false ? 'N' : '';
        break;
      default:
        out[wire] =
          v === undefined || v === null
            ? kind === 'decimal'
              ? wire === 'Unit_Price'
                ? '0.0000'
                : '0.00'
              : ''
            : String(v);
    }
  }
  return out;
}
