import { decodeElementText } from './xml-text.js';

/** One `<response>` row: element name -> trimmed, entity-decoded text, in document order. */
export type RawRow = Record<string, string>;

export interface SoapFault {
  faultCode: string;
  faultString: string;
}

export type ParsedReply =
  | { type: 'rows'; rows: RawRow[]; closed: boolean }
  | { type: 'fault'; fault: SoapFault }
  | { type: 'cut-mid-row'; rows: RawRow[] }
  | { type: 'not-soap' };

const RESPONSE_BLOCK = /<(?:[\w.-]+:)?response(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?response\s*>/g;
const FAULT = /<(?:[\w.-]+:)?Fault(?:\s[^>]*)?>([\s\S]*?)(?:<\/(?:[\w.-]+:)?Fault\s*>|$)/;

function firstText(xml: string, name: string): string | undefined {
  const m = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}\\s*>`).exec(
    xml,
  );
  return m ? decodeElementText(m[1] ?? '').trim() : undefined;
}

function isNameEnd(code: number): boolean {
  // whitespace, '/', '>'
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 47 || code === 62;
}

/**
 * Parses the children of one `<response>` block: `<Name/>`, `<Name attr='x' />`, `<Name></Name>`,
 * `<Name> </Name>`, `<p:Name>text</p:Name>`. A scanner rather than a regex: this is the hot path of
 * every large read.
 */
export function parseRow(inner: string): RawRow {
  const row: RawRow = {};
  let i = inner.indexOf('<');
  while (i >= 0 && i < inner.length) {
    const next = inner.charCodeAt(i + 1);
    if (next === 47 || next === 33 || next === 63) {
      // stray closing tag, comment/CDATA outside an element, processing instruction: skip
      i = inner.indexOf('<', inner.indexOf('>', i + 1) + 1);
      if (i < 0) break;
      continue;
    }
    let end = i + 1;
    while (end < inner.length && !isNameEnd(inner.charCodeAt(end))) end++;
    const qname = inner.slice(i + 1, end);
    const gt = inner.indexOf('>', end);
    if (gt < 0) break;
    const colon = qname.indexOf(':');
    const name = colon >= 0 ? qname.slice(colon + 1) : qname;
    if (inner.charCodeAt(gt - 1) === 47) {
      row[name] = '';
      i = inner.indexOf('<', gt + 1);
      continue;
    }
    const close = inner.indexOf(`</${qname}`, gt + 1);
    if (close < 0) break;
    const raw = inner.slice(gt + 1, close);
    row[name] = (raw.includes('&') || raw.includes('<![CDATA[') ? decodeElementText(raw) : raw).trim();
    i = inner.indexOf('<', inner.indexOf('>', close) + 1);
  }
  return row;
}

/**
 * Tolerant reading of a Spectrum SOAP reply. It does not need an XML declaration, accepts single-quoted
 * attributes, blank lines, self-closing or empty elements and single-space values, and still returns
 * every complete `<response>` row when the envelope's closing tags were cut off. A reply cut inside a
 * row is reported as `cut-mid-row` so the caller can retry instead of silently losing that row.
 */
export function parseSoapReply(xml: string): ParsedReply {
  const fault = FAULT.exec(xml);
  if (fault) {
    const body = fault[1] ?? '';
    return {
      type: 'fault',
      fault: {
        faultCode: firstText(body, 'faultcode') ?? '',
        faultString: firstText(body, 'faultstring') ?? '',
      },
    };
  }
  if (!/<(?:[\w.-]+:)?Envelope[\s>]/.test(xml) && !/<returnData[\s>/]/.test(xml)) return { type: 'not-soap' };

  const rows: RawRow[] = [];
  let lastEnd = 0;
  RESPONSE_BLOCK.lastIndex = 0;
  for (let m = RESPONSE_BLOCK.exec(xml); m !== null; m = RESPONSE_BLOCK.exec(xml)) {
    rows.push(parseRow(m[1] ?? ''));
    lastEnd = RESPONSE_BLOCK.lastIndex;
  }
  const tail = xml.slice(lastEnd);
  if (/<(?:[\w.-]+:)?response[\s>]/.test(tail)) return { type: 'cut-mid-row', rows };
  const closed = /<\/(?:[\w.-]+:)?Envelope\s*>\s*$/.test(xml);
  return { type: 'rows', rows, closed };
}

/** Case-insensitive field lookup (Get rows say `Error_Code`, Put rows `error_code`). */
export function field(row: RawRow, name: string): string | undefined {
  if (name in row) return row[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(row)) if (key.toLowerCase() === lower) return row[key];
  return undefined;
}
