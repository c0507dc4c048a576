import { XMLParser } from 'fast-xml-parser';

/** Builds a request envelope the way real clients do: default namespace, every parameter present. */
export function envelope(service: string, fields: Record<string, string>, declaration = false): string {
  const inner = Object.entries(fields)
    .map(([k, v]) =>
      v === '' ? `<${k}/>` : `<${k}>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${k}>`,
    )
    .join('');
  return `${declaration ? '<?xml version="1.0" encoding="utf-8"?>' : ''}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${service} xmlns="http://www.northgate-is.com/proiv/webservices/types">${inner}</${service}></soap:Body></soap:Envelope>`;
}

export interface SoapReply {
  status: number;
  body: string;
}

export async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<SoapReply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers },
    body,
  });
  return { status: res.status, body: await res.text() };
}

export const GET_PARAMS: Record<string, readonly string[]> = {
  GetJob: [
    'pCompany_Code',
    'pDivision',
    'pStatus_Code',
    'pProject_Manager',
    'pSuperintendent',
    'pEstimator',
    'pCustomer_Code',
    'pCost_Center',
    'pSort_By',
  ],
  GetPhase: ['pCompany_Code', 'pCost_Type', 'pJob_Number', 'pStatus_Code', 'pCost_Center', 'pSort_By'],
  GetCustomers: ['pCompany_Code', 'pStatus'],
};
GET_PARAMS.GetJobMain = GET_PARAMS.GetJob ?? [];
GET_PARAMS.GetJobDates = GET_PARAMS.GetJob ?? [];
GET_PARAMS.GetPhaseEnhanced = GET_PARAMS.GetPhase ?? [];

/** Calls a Get service with every parameter present (blank unless given). */
export async function callGet(
  baseUrl: string,
  service: string,
  params: Record<string, string> = {},
  authId = 'BRIDGEDEMO',
  guid = '',
): Promise<SoapReply> {
  const fields: Record<string, string> = { Authorization_ID: authId, GUID: guid };
  for (const p of GET_PARAMS[service] ?? []) fields[p] = params[p] ?? (p === 'pCompany_Code' ? 'ABC' : '');
  for (const [k, v] of Object.entries(params)) fields[k] = v;
  return post(`${baseUrl}/ws/${service}`, envelope(service, fields), {
    SOAPAction: `${baseUrl}/ws/${service}`,
  });
}

export async function callPut(
  baseUrl: string,
  service: string,
  fields: Record<string, string>,
  authId = 'BRIDGEDEMO',
): Promise<SoapReply> {
  return post(
    `${baseUrl}/ws/${service}`,
    envelope(service, { Authorization_ID: authId, GUID: '', ...fields }),
  );
}

const ordered = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
});

type Node = Record<string, unknown>;

function children(nodes: unknown): Node[] {
  return Array.isArray(nodes) ? (nodes as Node[]) : [];
}

function nameOf(node: Node): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function textOf(node: Node): string {
  const kids = children(node[nameOf(node)]);
  return kids.map((k) => String(k['#text'] ?? '')).join('');
}

/** The `response` rows of a Get reply as ordered [name, text] pairs, and the wrapper's name. */
export function getRows(xml: string): { wrapper: string; rows: [string, string][][] } {
  const doc = children(ordered.parse(xml));
  const find = (nodes: Node[], name: string): Node | undefined =>
    nodes.find((n) => nameOf(n).replace(/^.*:/, '') === name);
  const env = find(doc, 'Envelope');
  const body = find(children(env?.[nameOf(env ?? {})]), 'Body');
  const resp = children(body?.[nameOf(body ?? {})]).find((n) => nameOf(n).endsWith('Response'));
  const arr = find(children(resp?.[nameOf(resp ?? {})]), 'returnArray');
  const data = find(children(arr?.[nameOf(arr ?? {})]), 'returnData');
  const wrapperNode = children(data?.[nameOf(data ?? {})]).find((n) => nameOf(n) !== '#text');
  const wrapper = wrapperNode ? nameOf(wrapperNode) : '';
  const rows = children(wrapperNode?.[wrapper])
    .filter((n) => nameOf(n) === 'response')
    .map((r) =>
      children(r.response)
        .filter((f) => nameOf(f) !== '#text')
        .map((f) => [nameOf(f), textOf(f)] as [string, string]),
    );
  return { wrapper, rows };
}

/** A row as an object (values as sent). */
export function asObject(row: [string, string][]): Record<string, string> {
  return Object.fromEntries(row);
}

/** The `<response>` rows of a Put reply: error_code/desc/column. */
export function putRows(xml: string): { code: string; desc: string; column: string }[] {
  const out: { code: string; desc: string; column: string }[] = [];
  const re =
    /<response><error_code>(.*?)<\/error_code><desc>(.*?)<\/desc><column>(.*?)<\/column><\/response>/g;
  for (const m of xml.matchAll(re)) out.push({ code: m[1] ?? '', desc: m[2] ?? '', column: m[3] ?? '' });
  return out;
}
