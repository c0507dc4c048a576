import { parseFlag, parseMoneyCents, parseWireDate } from '../wire/wire-values.js';
import { PUT_SERVICES, type PutServiceDef } from './put-services.js';

/** The name of a Put service the client can call (`AddJob`, `UpdateSubcontract`, …). */
export type PutServiceName = (typeof PUT_SERVICES)[number]['name'];

/** The client method that calls each Put service. */
export const PUT_METHOD = Object.freeze({
  AddJob: 'addJob',
  UpdateJob: 'updateJob',
  AddPhase: 'addPhase',
  JobCostProjections: 'addJobCostProjection',
  AddVendor: 'addVendor',
  UpdateVendor: 'updateVendor',
  UpdateSubcontract: 'upsertSubcontract',
  UpdateSubcontractPhases: 'upsertSubcontractLine',
  ARChangeRequest: 'addChangeRequestLine',
  ARChangeOrder: 'addChangeOrderLine',
  AddCustomer: 'addCustomer',
} as const satisfies Record<PutServiceName, string>);

const BY_NAME = new Map<string, PutServiceDef>(PUT_SERVICES.map((d) => [d.name, d]));

export function isPutServiceName(name: string): name is PutServiceName {
  return BY_NAME.has(name);
}

/**
 * A wire payload (Spectrum field names and text values: `Job_Number`, `'1250.00'`, `'03/02/2026'`, `'Y'`, blank =
 * "leave unchanged") as the camelCase input of the client's Put method for that service, using the same field
 * specs the client serializes with. Blank values are left out; `Company_Code` is dropped (the client fills in its
 * own company). A non-blank wire field the service does not declare, or a value that cannot be read for its kind, throws a
 * `TypeError` (a programming error, never sent).
 */
export function putInputFromWire(
  service: PutServiceName,
  wire: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const def = BY_NAME.get(service);
  if (!def) throw new TypeError(`unknown Put service ${service}`);
  const byWire = new Map<string, [domain: string, kind: string]>();
  for (const [domain, [wireName, kind]] of Object.entries(def.fields)) byWire.set(wireName, [domain, kind]);
  const out: Record<string, unknown> = {};
  for (const [wireName, raw] of Object.entries(wire)) {
    if (wireName === 'Company_Code') continue;
    const text = (raw ?? '').trim();
    const spec = byWire.get(wireName);
    if (text === '') continue;
    if (!spec) throw new TypeError(`${service}: the client does not send ${wireName}`);
    const [domain, kind] = spec;
    out[domain] = readValue(service, wireName, kind, text);
  }
  return out;
}

function readValue(service: string, wireName: string, kind: string, text: string): unknown {
  try {
    switch (kind) {
      case 'money':
        return parseMoneyCents(text);
      case 'date': {
        const iso = parseWireDate(text);
        if (iso === null) throw new Error('is not a date');
        return iso;
      }
      case 'flag': {
        const flag = parseFlag(text);
        if (flag === null) throw new Error('is not Y or N');
        return flag;
      }
      case 'int':
        if (!/^-?\d+$/.test(text)) throw new Error('is not an integer');
        return Number(text);
      default:
        return text;
    }
  } catch (error) {
    throw new TypeError(`${service}: ${wireName} "${text}" ${(error as Error).message}`);
  }
}
