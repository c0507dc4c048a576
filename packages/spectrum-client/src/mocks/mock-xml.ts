import { formatSpectrumAmount } from '@bridge/rules';
import { escapeXml } from '../soap/xml-text.js';
import { type FieldKind, type RowSpec, toWire } from '../wire/row-spec.js';

/** Formats a domain value the way Spectrum writes it: `.00`, `859.51`, `MM/DD/YYYY`, blanks empty. */
export function spectrumText(kind: FieldKind, value: unknown): string {
  if (kind === 'money')
    return value === undefined || value === null ? '' : formatSpectrumAmount(value as number);
  const text = toWire(kind, value);
  if (kind === 'decimal') return text.replace(/^(-?)0\./, '$1.');
  return text;
}

/** Domain row -> wire record (Spectrum element name -> text) following a row spec's order. */
export function toWireRow(spec: RowSpec, row: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [domain, [wire, kind]] of Object.entries(spec)) out[wire] = spectrumText(kind, row[domain]);
  return out;
}

function fieldXml(name: string, value: string): string {
  return value === '' ? `<${name}/>` : `<${name}>${escapeXml(value)}</${name}>`;
}

const ENVELOPE_OPEN =
  "<SOAP-ENV:Envelope SOAP-ENV:encodingStyle='http://schemas.xmlsoap.org/soap/encoding/' xmlns:xsd='http://www.w3.org/2001/XMLSchema' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>\n<SOAP-ENV:Header/>\n<SOAP-ENV:Body>\n";

export const W_DESCRIPTION =
  'WARNING - Number of returnable records exceeds maximum number of records allowed.';

export interface ErrorTrio {
  code: string;
  description: string;
  column: string;
}

/** A Get service reply in the captured style: lowerCamel wrapper, one `<response>` per row, Error trio last. */
export function getReplyXml(
  service: string,
  fieldNames: readonly string[],
  rows: readonly Record<string, string>[],
  trailer?: ErrorTrio,
): string {
  const wrapper = service.charAt(0).toLowerCase() + service.slice(1);
  const parts = [
    ENVELOPE_OPEN,
    `<nis:${service}Response xmlns:nis='http://www.northgate-is.com/proiv/webservices/types'>\n<returnArray>\n<returnData>\n\n<${wrapper}>\n`,
  ];
  for (const row of rows) {
    parts.push('<response>\n');
    for (const name of fieldNames) parts.push(fieldXml(name, row[name] ?? ''), '\n');
    parts.push(
      fieldXml('Error_Code', row.Error_Code ?? ''),
      fieldXml('Error_Description', row.Error_Description ?? ''),
      fieldXml('Error_Column', row.Error_Column ?? ''),
      '\n</response>\n',
    );
  }
  if (trailer) {
    parts.push('<response>\n');
    for (const name of fieldNames) parts.push(`<${name}> </${name}>\n`);
    parts.push(
      `<Error_Code>${escapeXml(trailer.code)}</Error_Code>\n<Error_Description>${escapeXml(trailer.description)}</Error_Description>\n<Error_Column>${escapeXml(trailer.column || ' ')}</Error_Column>\n</response>\n`,
    );
  }
  parts.push(
    `</${wrapper}>\n</returnData>\n</returnArray>\n</nis:${service}Response>\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>`,
  );
  return parts.join('');
}

/** A Put service reply: `returnData` holding one lower-case `<response>` per problem or generated value. */
export function putReplyXml(service: string, rows: readonly ErrorTrio[]): string {
  const body = rows
    .map(
      (r) =>
        `<response><error_code>${escapeXml(r.code)}</error_code><desc>${escapeXml(r.description)}</desc><column>${escapeXml(r.column)}</column></response>`,
    )
    .join('\n');
  return `${ENVELOPE_OPEN}<nis:${service}Response xmlns:nis='http://www.northgate-is.com/proiv/webservices/types'>\n<returnArray>\n<returnData>${body}</returnData>\n</returnArray>\n</nis:${service}Response>\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>`;
}

export function faultXml(faultCode: string, faultString: string): string {
  return `<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>\n<SOAP-ENV:Body>\n<SOAP-ENV:Fault>\n<faultcode>${escapeXml(faultCode)}</faultcode>\n<faultstring>${escapeXml(faultString)}</faultstring>\n</SOAP-ENV:Fault>\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>`;
}

/** Reads the flat parameters of a request envelope (the mock's own small reader). */
export function requestParams(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /<([A-Za-z_][\w]*)(?:\s[^>]*)?(?:\/>|>([^<]*)<\/\1>)/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    out[m[1]!] = (m[2] ?? '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&');
  }
  return out;
}
